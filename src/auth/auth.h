// Authentication and authorization: roles and the permission matrix of DESIGN.md (deny by
// default), argon2id password hashes, and the bearer secrets that stand for sessions, API keys
// and customers (only their hashes are stored).
//
// Thread-safety: free functions over values; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/random.h"
#include "common/status.h"

namespace hushdesk::auth {

enum class Role { kCustomer, kAgent, kSupervisor, kQa, kAnalyst, kDpo, kAdmin, kOps };

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
// "agent, supervisor, qa, analyst, dpo, admin, ops": the roles a staff user may hold.
std::string StaffRoleList();

enum class Permission {
  kConversationCreate,   // open a conversation (the customer side)
  kConversationPost,     // write into a conversation one may read
  kConversationList,     // see the queue of conversations
  kConversationRead,     // read a conversation's messages
  kConversationClaim,    // take an unassigned conversation
  kConversationReadAny,  // read any conversation of the tenant, not only one's own
  kConversationClose,
  kPiiReveal,            // reveal one original, with a reason
  kUserManage,
  kAuditRead,
  kMetricsRead,
  kKbRead,    // read knowledge-base articles (agent assist)
  kKbManage,  // add, change and delete articles
};

// The permission matrix. Deny unless listed.
bool Allows(Role role, Permission permission);

// How a role sees message text.
enum class TextView { kNone, kOriginal, kMasked, kTagged };
TextView ViewFor(Role role);

struct PasswordCost {
  unsigned long long ops;
  std::size_t mem;
  static PasswordCost Interactive();  // libsodium's interactive argon2id limits (production)
  static PasswordCost Minimal();      // the smallest allowed (tests only)
};

// argon2id hash in libsodium's encoded form. ResourceExhausted when memory is short.
common::StatusOr<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// InvalidArgument unless 8..1024 bytes.
common::Status CheckPasswordPolicy(std::string_view password);

// A fresh bearer secret: `prefix` + 43 characters of URL-safe base64 (256 bits).
std::string NewSecret(common::Random& random, std::string_view prefix);
// What the store keeps of a secret: hex BLAKE2b-256.
std::string SecretHash(std::string_view secret);

}  // namespace hushdesk::auth
