// Verified customer attributes ("identity verification"): the company's own backend, which
// knows who its logged-in customer is, signs a small claim set with a secret it shares with
// hushdesk; the chat widget passes the signed token along when it opens a conversation. Only a
// verified claim can make a customer a VIP — a browser cannot claim it for itself.
//
// Token: base64url(JSON payload, no padding) "." hex(HMAC-SHA-256(secret, that base64 text)).
// Payload: {"tier":"vip"|"standard", "exp": Unix seconds}. Unknown fields are ignored; an
// expired, malformed or wrongly signed token is refused (the caller answers 400).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace hushdesk::auth {

struct IdentityClaims {
  std::string tier = "standard";  // standard | vip
  std::int64_t expires_s = 0;
};

// The minimum length of a shared secret.
inline constexpr std::size_t kMinIdentitySecret = 32;

common::StatusOr<IdentityClaims> VerifyIdentity(std::string_view token, std::string_view secret, std::int64_t now_s);

// Makes a token (for `hushdesk identity sign`, tests, and as the reference for integrators).
std::string SignIdentity(const IdentityClaims& claims, std::string_view secret);

}  // namespace hushdesk::auth
