#include "privacy/gate.h"

#include <gtest/gtest.h>

#include "fakes/fixed_random.h"

namespace hushdesk::privacy {
namespace {

class GateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = Detector::Create();
    ASSERT_TRUE(d.ok());
    detector_ = std::move(d).value();
  }
  static void TearDownTestSuite() { detector_.reset(); }

  SecretKey Key(std::uint8_t fill) {
    SecretKey k;
    for (std::size_t i = 0; i < SecretKey::kSize; ++i) k.data()[i] = fill;
    return k;
  }
  // Opens tokens from the entries of `r` (what the server does from its vault table).
  TokenOpener OpenerFor(const GateResult& r, const SecretKey& key, std::string scope) {
    return [&r, key, scope](std::string_view token) -> common::StatusOr<std::string> {
      for (const auto& e : r.entries) {
        if (e.token == token) return Open(key, scope, token, e.sealed);
      }
      return common::NotFoundError("token");
    };
  }
  static std::string Join(const std::vector<TextPart>& parts) {
    std::string s;
    for (const auto& p : parts) s += p.text;
    return s;
  }

  static inline std::unique_ptr<Detector> detector_;
  fakes::FixedRandom random_;
  GateScratch scratch_;
};

TEST_F(GateTest, ReplacesItemsWithTokensAndSealsEachDistinctValueOnce) {
  Gate gate(*detector_, random_);
  GateResult r;
  const SecretKey key = Key(7);
  gate.Process("手机13912345678，再说一遍13912345678，邮箱 a.b@163.com", key, "c1", scratch_, r);
  EXPECT_EQ(r.items, 3);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.stored.find("13912345678"), std::string::npos);
  EXPECT_EQ(r.stored.find("a.b@163.com"), std::string::npos);
  const std::string token = r.entries[0].token;
  EXPECT_EQ(r.stored, "手机" + token + "，再说一遍" + token + "，邮箱 " + r.entries[1].token);
  EXPECT_EQ(Join(RenderParts(r.stored, View::kMasked, OpenerFor(r, key, "c1"))),
            "手机139****5678，再说一遍139****5678，邮箱 a***@163.com");
  // Sealed under the scope's key and bound to the scope: another scope cannot open it.
  EXPECT_EQ(*Open(key, "c1", token, r.entries[0].sealed), "13912345678");
  EXPECT_FALSE(Open(key, "c2", token, r.entries[0].sealed).ok());
  EXPECT_FALSE(Open(Key(8), "c1", token, r.entries[0].sealed).ok());
}

TEST_F(GateTest, LiteralTokenBracketsTypedByAUserAreNeutralized) {
  Gate gate(*detector_, random_);
  GateResult r;
  gate.Process("look: ⟦PHONE_NUMBER:00000000⟧", Key(1), "c1", scratch_, r);
  EXPECT_EQ(r.stored, "look: [PHONE_NUMBER:00000000]");
  EXPECT_EQ(MatchToken(r.stored.substr(6)), 0u);
}

TEST_F(GateTest, RendersEachRoleView) {
  Gate gate(*detector_, random_);
  GateResult r;
  const SecretKey key = Key(3);
  gate.Process("call 13912345678 now", key, "c1", scratch_, r);
  const TokenOpener open = OpenerFor(r, key, "c1");
  EXPECT_EQ(Join(RenderParts(r.stored, View::kOriginal, open)), "call 13912345678 now");
  EXPECT_EQ(Join(RenderParts(r.stored, View::kMasked, open)), "call 139****5678 now");
  const auto tagged = RenderParts(r.stored, View::kTagged, nullptr);
  EXPECT_EQ(Join(tagged), "call <PHONE_NUMBER> now");
  ASSERT_EQ(tagged.size(), 3u);
  EXPECT_EQ(tagged[1].token, r.entries[0].token);
  EXPECT_EQ(tagged[1].type, EntityType::kPhoneNumber);
  // A token whose key is gone (crypto-shredded) renders as its tag, never as the token.
  const TokenOpener shredded = [](std::string_view) -> common::StatusOr<std::string> {
    return common::NotFoundError("key destroyed");
  };
  EXPECT_EQ(Join(RenderParts(r.stored, View::kMasked, shredded)), "call <PHONE_NUMBER> now");
}

TEST_F(GateTest, TagRemovesPersonalDataFromFreeText) {
  Gate gate(*detector_, random_);
  EXPECT_EQ(gate.Tag("caller gave a.b@163.com and ⟦x⟧", scratch_), "caller gave <EMAIL_ADDRESS> and [x]");
}

}  // namespace
}  // namespace hushdesk::privacy
