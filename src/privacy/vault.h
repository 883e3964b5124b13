// The vault: reversible tokens for personal data. An original value is sealed with
// authenticated encryption (XChaCha20-Poly1305, libsodium) under the data key of its scope
// (a customer or conversation); the text keeps only a token such as ⟦PHONE_NUMBER:3f9a0c1e⟧.
// The token id is a keyed hash of (type, value) under the scope's key, so the same value gets
// the same token within a scope and unrelated tokens across scopes. docs/token-format.md has
// the format.
//
// Thread-safety: Vault is not thread-safe; callers serialize access (one per worker or a lock).
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/random.h"
#include "common/status.h"
#include "privacy/entity.h"

namespace hushdesk::privacy {

// 32 secret bytes, wiped when destroyed.
class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;
  SecretKey() { bytes_.fill(0); }
  ~SecretKey();
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }

  // Parses 64 hexadecimal characters (surrounding whitespace ignored).
  static common::StatusOr<SecretKey> FromHex(std::string_view hex);
  std::string ToHex() const;

 private:
  std::array<std::uint8_t, kSize> bytes_;
};

// Gives the data key of a scope. The boundary between the gate and key management: tests use
// fixed keys, the server a hierarchy of wrapped keys (master → tenant → customer).
class KeyProvider {
 public:
  KeyProvider() = default;
  KeyProvider(const KeyProvider&) = delete;
  KeyProvider& operator=(const KeyProvider&) = delete;
  virtual ~KeyProvider() = default;

  // The key for `scope`; the same scope always yields the same key. NotFound when the scope's
  // key was destroyed (crypto-shredding), so its tokens can no longer be revealed.
  virtual common::StatusOr<SecretKey> DataKey(std::string_view scope) const = 0;
};

// Derives each scope's key from one master key with keyed BLAKE2b. Deterministic, so the
// command line needs only the master key to reveal later.
class DerivedKeyProvider final : public KeyProvider {
 public:
  explicit DerivedKeyProvider(const SecretKey& master) : master_(master) {}
  common::StatusOr<SecretKey> DataKey(std::string_view scope) const override;

 private:
  const SecretKey master_;
};

// Keyed pseudonym of a value: 8 hex characters of BLAKE2b(key = scope key, type, value).
// Stable for the same value within a scope; not reversible.
common::StatusOr<std::string> PseudonymId(const KeyProvider& keys, std::string_view scope,
                                          EntityType type, std::string_view value);

// The building blocks of Vault, for callers that keep sealed entries elsewhere (the server
// keeps them in its store).

// The token of `value` under the scope's key: "⟦TYPE:8hex⟧".
std::string TokenFor(const SecretKey& scope_key, EntityType type, std::string_view value);
// Seals `value` under `scope_key`, bound to (scope, token): nonce || ciphertext.
std::vector<std::uint8_t> Seal(const SecretKey& scope_key, std::string_view scope,
                               std::string_view token, std::string_view value,
                               common::Random& random);
// Opens what Seal returned. DataLoss when it fails authentication or is truncated.
common::StatusOr<std::string> Open(const SecretKey& scope_key, std::string_view scope,
                                   std::string_view token, std::span<const std::uint8_t> sealed);

// Key wrapping for the key hierarchy (master → tenant → customer): `key` sealed under `kek`,
// bound to `label` (e.g. "tenant:7"), as nonce || ciphertext.
std::vector<std::uint8_t> WrapKey(const SecretKey& kek, std::string_view label,
                                  const SecretKey& key, common::Random& random);
common::StatusOr<SecretKey> UnwrapKey(const SecretKey& kek, std::string_view label,
                                      std::span<const std::uint8_t> wrapped);
// A fresh random key.
SecretKey NewKey(common::Random& random);
// A key derived from `parent` for `purpose` (keyed BLAKE2b), e.g. a conversation's key from
// its customer's data key.
SecretKey DeriveKey(const SecretKey& parent, std::string_view purpose);

class Vault {
 public:
  // `keys` and `random` are borrowed and must outlive the vault.
  Vault(const KeyProvider& keys, common::Random& random) : keys_(keys), random_(random) {}

  // Seals `value` and returns its token, e.g. "⟦PHONE_NUMBER:3f9a0c1e⟧". Calling again with the
  // same scope, type and value returns the same token without sealing again.
  common::StatusOr<std::string> Tokenize(std::string_view scope, EntityType type,
                                         std::string_view value);

  // Opens the original behind `token` in `scope`. NotFound for an unknown token, DataLoss when
  // the sealed entry fails authentication (tampered, or another key).
  common::StatusOr<std::string> Reveal(std::string_view scope, std::string_view token) const;

  // Number of sealed entries.
  std::size_t size() const { return entries_.size(); }

  // Writes every entry as one JSON line {"scope","token","nonce","sealed"} (base64). Holds no
  // plaintext.
  common::Status Save(std::ostream& out) const;
  // Adds the entries of a file written by Save. InvalidArgument names the bad line.
  common::Status Load(std::istream& in);

 private:
  struct Sealed {
    std::vector<std::uint8_t> nonce;
    std::vector<std::uint8_t> ciphertext;
  };
  using Key = std::pair<std::string, std::string>;  // (scope, token)

  const KeyProvider& keys_;
  common::Random& random_;
  std::map<Key, Sealed> entries_;
};

// Parses a token "⟦TYPE:id⟧" at the start of `s`; returns its byte length or 0.
std::size_t MatchToken(std::string_view s);

}  // namespace hushdesk::privacy
