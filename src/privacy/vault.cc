#include "privacy/vault.h"

#include <sodium.h>

#include <boost/json.hpp>

namespace hushdesk::privacy {
namespace {

constexpr std::string_view kOpen = "\xE2\x9F\xA6";   // ⟦
constexpr std::string_view kClose = "\xE2\x9F\xA7";  // ⟧

std::string ToBase64(const std::vector<std::uint8_t>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // drop the terminating NUL
  return out;
}

bool FromBase64(std::string_view b64, std::vector<std::uint8_t>& out) {
  out.resize(b64.size());
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  out.resize(len);
  return true;
}

// Keyed BLAKE2b of (purpose, type, value) under `key`, as lower-case hex of `bytes` bytes.
std::string KeyedId(const SecretKey& key, std::string_view purpose, EntityType type,
                    std::string_view value, std::size_t bytes) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, key.data(), SecretKey::kSize, bytes);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
  const std::string_view name = EntityTypeName(type);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(name.data()), name.size());
  const unsigned char zero = 0;
  crypto_generichash_update(&st, &zero, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  std::array<unsigned char, 16> out;
  crypto_generichash_final(&st, out.data(), bytes);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out.data(), bytes);
  hex.pop_back();
  return hex;
}

std::vector<std::uint8_t> AssociatedData(std::string_view scope, std::string_view token) {
  std::vector<std::uint8_t> ad(scope.begin(), scope.end());
  ad.push_back(0);
  ad.insert(ad.end(), token.begin(), token.end());
  return ad;
}

}  // namespace

SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

common::StatusOr<SecretKey> SecretKey::FromHex(std::string_view hex) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front()))) hex.remove_prefix(1);
  SecretKey key;
  std::size_t len = 0;
  if (hex.size() != kSize * 2 ||
      sodium_hex2bin(key.data(), kSize, hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != kSize) {
    return common::InvalidArgumentError("a key must be 64 hexadecimal characters (32 bytes)");
  }
  return key;
}

std::string SecretKey::ToHex() const {
  std::string hex(kSize * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes_.data(), kSize);
  hex.pop_back();
  return hex;
}

common::StatusOr<SecretKey> DerivedKeyProvider::DataKey(std::string_view scope) const {
  SecretKey key;
  const std::string input = "hushdesk data key\0" + std::string(scope);
  crypto_generichash(key.data(), SecretKey::kSize, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), master_.data(), SecretKey::kSize);
  return key;
}

common::StatusOr<std::string> PseudonymId(const KeyProvider& keys, std::string_view scope,
                                          EntityType type, std::string_view value) {
  auto key = keys.DataKey(scope);
  if (!key.ok()) return key.status();
  return KeyedId(*key, "pseudonym", type, value, 4);
}

std::string TokenFor(const SecretKey& scope_key, EntityType type, std::string_view value) {
  std::string token(kOpen);
  token += EntityTypeName(type);
  token += ':';
  token += KeyedId(scope_key, "token", type, value, 4);
  token += kClose;
  return token;
}

namespace {

constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::vector<std::uint8_t> SealBytes(const SecretKey& key, const std::vector<std::uint8_t>& ad,
                                    const unsigned char* data, std::size_t size,
                                    common::Random& random) {
  std::vector<std::uint8_t> out(kNonce + size + kTag);
  random.Fill(std::span<std::uint8_t>(out.data(), kNonce));
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &clen, data, size, ad.data(),
                                             ad.size(), nullptr, out.data(), key.data());
  out.resize(kNonce + clen);
  return out;
}

bool OpenBytes(const SecretKey& key, const std::vector<std::uint8_t>& ad,
               std::span<const std::uint8_t> sealed, unsigned char* out, std::size_t out_size) {
  if (sealed.size() < kNonce + kTag || out_size != sealed.size() - kNonce - kTag) return false;
  unsigned long long plen = 0;
  return crypto_aead_xchacha20poly1305_ietf_decrypt(out, &plen, nullptr, sealed.data() + kNonce,
                                                    sealed.size() - kNonce, ad.data(), ad.size(),
                                                    sealed.data(), key.data()) == 0;
}

}  // namespace

std::vector<std::uint8_t> Seal(const SecretKey& scope_key, std::string_view scope,
                               std::string_view token, std::string_view value,
                               common::Random& random) {
  return SealBytes(scope_key, AssociatedData(scope, token),
                   reinterpret_cast<const unsigned char*>(value.data()), value.size(), random);
}

common::StatusOr<std::string> Open(const SecretKey& scope_key, std::string_view scope,
                                   std::string_view token, std::span<const std::uint8_t> sealed) {
  if (sealed.size() < kNonce + kTag) return common::DataLossError("sealed entry is truncated");
  std::string plain(sealed.size() - kNonce - kTag, '\0');
  if (!OpenBytes(scope_key, AssociatedData(scope, token), sealed,
                 reinterpret_cast<unsigned char*>(plain.data()), plain.size())) {
    return common::DataLossError("sealed entry failed authentication (tampered or wrong key)");
  }
  return plain;
}

std::vector<std::uint8_t> WrapKey(const SecretKey& kek, std::string_view label,
                                  const SecretKey& key, common::Random& random) {
  return SealBytes(kek, AssociatedData("hushdesk key", label), key.data(), SecretKey::kSize,
                   random);
}

common::StatusOr<SecretKey> UnwrapKey(const SecretKey& kek, std::string_view label,
                                      std::span<const std::uint8_t> wrapped) {
  SecretKey key;
  if (!OpenBytes(kek, AssociatedData("hushdesk key", label), wrapped, key.data(),
                 SecretKey::kSize)) {
    return common::DataLossError("a wrapped key failed authentication (wrong master key?)");
  }
  return key;
}

SecretKey NewKey(common::Random& random) {
  SecretKey key;
  random.Fill(std::span<std::uint8_t>(key.data(), SecretKey::kSize));
  return key;
}

SecretKey DeriveKey(const SecretKey& parent, std::string_view purpose) {
  SecretKey key;
  crypto_generichash(key.data(), SecretKey::kSize,
                     reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
                     parent.data(), SecretKey::kSize);
  return key;
}

common::StatusOr<std::string> Vault::Tokenize(std::string_view scope, EntityType type,
                                              std::string_view value) {
  auto key = keys_.DataKey(scope);
  if (!key.ok()) return key.status();
  std::string token = TokenFor(*key, type, value);
  Key map_key(std::string(scope), token);
  if (entries_.count(map_key) != 0) return token;
  const std::vector<std::uint8_t> blob = Seal(*key, scope, token, value, random_);
  Sealed sealed;
  sealed.nonce.assign(blob.begin(), blob.begin() + kNonce);
  sealed.ciphertext.assign(blob.begin() + kNonce, blob.end());
  entries_.emplace(std::move(map_key), std::move(sealed));
  return token;
}

common::StatusOr<std::string> Vault::Reveal(std::string_view scope, std::string_view token) const {
  const auto it = entries_.find(Key(std::string(scope), std::string(token)));
  if (it == entries_.end()) return common::NotFoundError("no such token in this scope");
  auto key = keys_.DataKey(scope);
  if (!key.ok()) return key.status();
  std::vector<std::uint8_t> blob = it->second.nonce;
  blob.insert(blob.end(), it->second.ciphertext.begin(), it->second.ciphertext.end());
  return Open(*key, scope, token, blob);
}

common::Status Vault::Save(std::ostream& out) const {
  for (const auto& [k, s] : entries_) {
    boost::json::object o;
    o["scope"] = k.first;
    o["token"] = k.second;
    o["nonce"] = ToBase64(s.nonce);
    o["sealed"] = ToBase64(s.ciphertext);
    out << boost::json::serialize(o) << '\n';
  }
  out.flush();
  if (!out) return common::UnavailableError("could not write the vault file");
  return common::Status::Ok();
}

common::Status Vault::Load(std::istream& in) {
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const std::string where = "vault line " + std::to_string(line_no);
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) return common::InvalidArgumentError(where + ": not a JSON object");
    const auto& o = v.as_object();
    const auto* scope = o.if_contains("scope");
    const auto* token = o.if_contains("token");
    const auto* nonce = o.if_contains("nonce");
    const auto* sealed = o.if_contains("sealed");
    if (!scope || !token || !nonce || !sealed || !scope->is_string() || !token->is_string() ||
        !nonce->is_string() || !sealed->is_string()) {
      return common::InvalidArgumentError(where + ": needs string fields scope, token, nonce, sealed");
    }
    Sealed s;
    if (!FromBase64(nonce->as_string(), s.nonce) ||
        s.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
        !FromBase64(sealed->as_string(), s.ciphertext)) {
      return common::InvalidArgumentError(where + ": bad base64 in nonce or sealed");
    }
    entries_[Key(std::string(scope->as_string()), std::string(token->as_string()))] = std::move(s);
  }
  return common::Status::Ok();
}

std::size_t MatchToken(std::string_view s) {
  if (!s.starts_with(kOpen)) return 0;
  const std::size_t close = s.find(kClose, kOpen.size());
  if (close == std::string_view::npos || close > 64) return 0;
  const std::string_view body = s.substr(kOpen.size(), close - kOpen.size());
  const std::size_t colon = body.find(':');
  if (colon == std::string_view::npos || !ParseEntityType(body.substr(0, colon))) return 0;
  return close + kClose.size();
}

}  // namespace hushdesk::privacy
