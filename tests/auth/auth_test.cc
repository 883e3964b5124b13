#include "auth/auth.h"

#include <gtest/gtest.h>

#include "common/random.h"

namespace hushdesk::auth {
namespace {

TEST(Roles, ParseAndNameRoundTrip) {
  for (const char* name : {"customer", "agent", "supervisor", "qa", "analyst", "dpo", "admin", "ops"}) {
    auto r = ParseRole(name);
    ASSERT_TRUE(r.has_value()) << name;
    EXPECT_EQ(RoleName(*r), name);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(Permissions, MatchTheDesignMatrix) {
  EXPECT_TRUE(Allows(Role::kAgent, Permission::kPiiReveal));
  EXPECT_FALSE(Allows(Role::kSupervisor, Permission::kPiiReveal));  // break-glass is separate
  for (Role r : {Role::kQa, Role::kAnalyst, Role::kDpo, Role::kAdmin, Role::kOps, Role::kCustomer}) {
    EXPECT_FALSE(Allows(r, Permission::kPiiReveal)) << RoleName(r);
  }
  EXPECT_FALSE(Allows(Role::kAnalyst, Permission::kConversationRead));
  EXPECT_FALSE(Allows(Role::kOps, Permission::kConversationRead));
  EXPECT_FALSE(Allows(Role::kAgent, Permission::kConversationReadAny));
  EXPECT_TRUE(Allows(Role::kAdmin, Permission::kUserManage));
  EXPECT_FALSE(Allows(Role::kAgent, Permission::kUserManage));
  EXPECT_TRUE(Allows(Role::kDpo, Permission::kAuditRead));
  EXPECT_FALSE(Allows(Role::kAgent, Permission::kAuditRead));
}

TEST(Permissions, ViewsNeverShowOriginalsToStaff) {
  EXPECT_EQ(ViewFor(Role::kCustomer), TextView::kOriginal);
  EXPECT_EQ(ViewFor(Role::kAgent), TextView::kMasked);
  EXPECT_EQ(ViewFor(Role::kSupervisor), TextView::kMasked);
  EXPECT_EQ(ViewFor(Role::kQa), TextView::kTagged);
  EXPECT_EQ(ViewFor(Role::kAdmin), TextView::kTagged);
  EXPECT_EQ(ViewFor(Role::kAnalyst), TextView::kNone);
  EXPECT_EQ(ViewFor(Role::kOps), TextView::kNone);
}

TEST(Passwords, HashIsArgon2idAndVerifies) {
  auto h = HashPassword("correct horse battery", PasswordCost::Minimal());
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*h, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
  auto h2 = HashPassword("correct horse battery", PasswordCost::Minimal());
  EXPECT_NE(*h, *h2) << "salted";
}

TEST(Passwords, PolicyNamesTheLimits) {
  EXPECT_FALSE(CheckPasswordPolicy("short").ok());
  EXPECT_TRUE(CheckPasswordPolicy("12345678").ok());
  EXPECT_FALSE(CheckPasswordPolicy(std::string(1025, 'x')).ok());
}

TEST(Secrets, AreRandomPrefixedAndHashedStably) {
  common::SystemRandom random;
  const std::string a = NewSecret(random, "hds_");
  const std::string b = NewSecret(random, "hds_");
  EXPECT_TRUE(a.starts_with("hds_"));
  EXPECT_EQ(a.size(), 4u + 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(SecretHash(a), SecretHash(a));
  EXPECT_NE(SecretHash(a), SecretHash(b));
  EXPECT_EQ(SecretHash(a).size(), 64u);
  EXPECT_EQ(SecretHash(a).find(a), std::string::npos);
}

}  // namespace
}  // namespace hushdesk::auth
