#include "auth/identity.h"

#include <sodium.h>

#include <boost/json.hpp>

namespace hushdesk::auth {
namespace {

std::string Mac(std::string_view payload, std::string_view secret) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(payload.data()), payload.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

}  // namespace

std::string SignIdentity(const IdentityClaims& claims, std::string_view secret) {
  const std::string json = boost::json::serialize(
      boost::json::object{{"tier", claims.tier}, {"exp", claims.expires_s}});
  std::string b64(sodium_base64_ENCODED_LEN(json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(json.data()), json.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.resize(std::char_traits<char>::length(b64.c_str()));
  return b64 + "." + Mac(b64, secret);
}

common::StatusOr<IdentityClaims> VerifyIdentity(std::string_view token, std::string_view secret, std::int64_t now_s) {
  if (secret.size() < kMinIdentitySecret) {
    return common::FailedPreconditionError("identity verification is not configured (identity_secret)");
  }
  if (token.size() > 2048) return common::InvalidArgumentError("identity: the token is too long");
  const std::size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return common::InvalidArgumentError("identity: expected payload.signature");
  const std::string_view payload = token.substr(0, dot);
  const std::string want = Mac(payload, secret);
  const std::string_view got = token.substr(dot + 1);
  if (got.size() != want.size() || sodium_memcmp(got.data(), want.data(), want.size()) != 0) {
    return common::InvalidArgumentError("identity: the signature does not match");
  }
  std::string json(payload.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(json.data()), json.size(), payload.data(), payload.size(),
                        nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return common::InvalidArgumentError("identity: the payload is not base64url");
  }
  json.resize(len);
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return common::InvalidArgumentError("identity: the payload is not a JSON object");
  IdentityClaims c;
  const auto& o = v.as_object();
  if (const auto* exp = o.if_contains("exp"); exp != nullptr && exp->is_int64()) {
    c.expires_s = exp->as_int64();
  } else {
    return common::InvalidArgumentError("identity: \"exp\" (Unix seconds) is required");
  }
  if (c.expires_s <= now_s) return common::InvalidArgumentError("identity: the token has expired");
  if (const auto* tier = o.if_contains("tier"); tier != nullptr) {
    if (!tier->is_string() || (tier->as_string() != "vip" && tier->as_string() != "standard")) {
      return common::InvalidArgumentError("identity: \"tier\" must be vip or standard");
    }
    c.tier = std::string(tier->as_string());
  }
  return c;
}

}  // namespace hushdesk::auth
