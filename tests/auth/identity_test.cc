#include "auth/identity.h"

#include <gtest/gtest.h>

namespace hushdesk::auth {
namespace {

const std::string kSecret(40, 'k');
constexpr std::int64_t kNow = 1'800'000'000;

TEST(Identity, SignedClaimsVerify) {
  const std::string token = SignIdentity({"vip", kNow + 600}, kSecret);
  auto c = VerifyIdentity(token, kSecret, kNow);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->tier, "vip");
  EXPECT_EQ(c->expires_s, kNow + 600);
}

TEST(Identity, RefusesForgedExpiredAndMalformedTokens) {
  const std::string token = SignIdentity({"vip", kNow + 600}, kSecret);
  // Another secret, a changed payload, a changed signature.
  EXPECT_NE(VerifyIdentity(token, std::string(40, 'x'), kNow).status().message().find("signature"), std::string::npos);
  const std::string standard = SignIdentity({"standard", kNow + 600}, kSecret);
  const std::string spliced = standard.substr(0, standard.find('.')) + token.substr(token.find('.'));
  EXPECT_FALSE(VerifyIdentity(spliced, kSecret, kNow).ok());
  std::string flipped = token;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_FALSE(VerifyIdentity(flipped, kSecret, kNow).ok());
  // Expired (exp is exclusive).
  EXPECT_NE(VerifyIdentity(token, kSecret, kNow + 600).status().message().find("expired"), std::string::npos);
  // Shape.
  EXPECT_FALSE(VerifyIdentity("no-dot-here", kSecret, kNow).ok());
  EXPECT_FALSE(VerifyIdentity(std::string(3000, 'a') + ".b", kSecret, kNow).ok());
  // A tier outside the two, even when correctly signed.
  EXPECT_NE(VerifyIdentity(SignIdentity({"gold", kNow + 600}, kSecret), kSecret, kNow).status().message().find("tier"),
            std::string::npos);
  // No (or a short) secret configured: nothing verifies.
  EXPECT_EQ(VerifyIdentity(token, "short", kNow).status().code(), common::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hushdesk::auth
