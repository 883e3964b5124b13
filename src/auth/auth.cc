#include "auth/auth.h"

#include <sodium.h>

#include <array>
#include <vector>

namespace hushdesk::auth {
namespace {

constexpr std::array<std::string_view, 8> kRoleNames = {
    "customer", "agent", "supervisor", "qa", "analyst", "dpo", "admin", "ops"};

using P = Permission;

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> ParseRole(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

std::string StaffRoleList() {
  std::string out;
  for (std::size_t i = 1; i < kRoleNames.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += kRoleNames[i];
  }
  return out;
}

bool Allows(Role role, Permission p) {
  switch (role) {
    case Role::kCustomer:
      return p == P::kConversationCreate || p == P::kConversationPost || p == P::kConversationRead;
    case Role::kAgent:
      return p == P::kConversationList || p == P::kConversationRead || p == P::kConversationPost ||
             p == P::kConversationClaim || p == P::kConversationClose || p == P::kPiiReveal ||
             p == P::kKbRead;
    case Role::kSupervisor:
      return p == P::kConversationList || p == P::kConversationRead ||
             p == P::kConversationReadAny || p == P::kConversationClose || p == P::kMetricsRead ||
             p == P::kKbRead;
    case Role::kQa:
      return p == P::kConversationList || p == P::kConversationRead ||
             p == P::kConversationReadAny;
    case Role::kAnalyst:
      return p == P::kMetricsRead;
    case Role::kDpo:
      return p == P::kAuditRead;
    case Role::kAdmin:
      return p == P::kUserManage || p == P::kAuditRead || p == P::kMetricsRead ||
             p == P::kConversationList || p == P::kConversationRead ||
             p == P::kConversationReadAny || p == P::kKbRead || p == P::kKbManage;
    case Role::kOps:
      return p == P::kMetricsRead;
  }
  return false;
}

TextView ViewFor(Role role) {
  switch (role) {
    case Role::kCustomer:
      return TextView::kOriginal;
    case Role::kAgent:
    case Role::kSupervisor:
      return TextView::kMasked;
    case Role::kQa:
    case Role::kAdmin:
      return TextView::kTagged;
    default:
      return TextView::kNone;
  }
}

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordCost PasswordCost::Minimal() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

common::StatusOr<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.ops, cost.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return common::ResourceExhaustedError("not enough memory to hash a password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  const std::string h(encoded_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

common::Status CheckPasswordPolicy(std::string_view password) {
  if (password.size() < 8) {
    return common::InvalidArgumentError("a password needs at least 8 characters");
  }
  if (password.size() > 1024) {
    return common::InvalidArgumentError("a password may have at most 1024 bytes");
  }
  return common::Status::Ok();
}

std::string NewSecret(common::Random& random, std::string_view prefix) {
  std::array<std::uint8_t, 32> raw;
  random.Fill(raw);
  std::string b64(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(b64.data(), b64.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.pop_back();
  sodium_memzero(raw.data(), raw.size());
  return std::string(prefix) + b64;
}

std::string SecretHash(std::string_view secret) {
  std::array<unsigned char, 32> h;
  crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  std::string hex(h.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
  hex.pop_back();
  return hex;
}

}  // namespace hushdesk::auth
