#include "privacy/operators.h"

#include <gtest/gtest.h>

#include "fakes/fixed_random.h"

namespace hushdesk::privacy {
namespace {

TEST(Mask, KeepsWhatAPersonNeedsToRecognize) {
  EXPECT_EQ(Mask(EntityType::kPhoneNumber, "13812345678"), "138****5678");
  EXPECT_EQ(Mask(EntityType::kPhoneNumber, "(212) 555-0187"), "(***) ***-0187");
  EXPECT_EQ(Mask(EntityType::kBankCard, "6222021234567890"), "**** **** **** 7890");
  EXPECT_EQ(Mask(EntityType::kBankCard, "4111 1111 1111 1111"), "**** **** **** 1111");
  EXPECT_EQ(Mask(EntityType::kPerson, "张伟"), "张*");
  EXPECT_EQ(Mask(EntityType::kPerson, "欧阳娜娜"), "欧***");
  EXPECT_EQ(Mask(EntityType::kPerson, "John Smith"), "J*** S****");
  EXPECT_EQ(Mask(EntityType::kEmailAddress, "zhangwei@qq.com"), "z***@qq.com");
  EXPECT_EQ(Mask(EntityType::kCnResidentId, "11010519491231002X"), "**************002X");
  EXPECT_EQ(Mask(EntityType::kIpAddress, "192.168.1.10"), "192.*.*.*");
  EXPECT_EQ(Mask(EntityType::kAddress, "北京市朝阳区建国路88号"), "北京市****");
  EXPECT_EQ(Mask(EntityType::kIbanCode, "GB82WEST12345698765432"), "******************5432");
}

class RedactorTest : public ::testing::Test {
 protected:
  const std::string text_ = "我叫张伟，电话13800138000";
  // 张伟 = bytes [6,12), the number = bytes [21,32).
  const std::vector<Entity> entities_ = {{EntityType::kPerson, 6, 12, 0.9f},
                                         {EntityType::kPhoneNumber, 21, 32, 0.9f}};
};

TEST_F(RedactorTest, Tag) {
  auto r = Redactor::Create(Operator::kTag, nullptr, nullptr);
  ASSERT_TRUE(r.ok());
  std::string out;
  ASSERT_TRUE(r->Apply(text_, entities_, "s", out).ok());
  EXPECT_EQ(out, "我叫<PERSON>，电话<PHONE_NUMBER>");
}

TEST_F(RedactorTest, MaskAndPerTypeOverride) {
  auto r = Redactor::Create(Operator::kMask, nullptr, nullptr);
  ASSERT_TRUE(r.ok());
  r->SetOperator(EntityType::kPerson, Operator::kTag);
  std::string out;
  ASSERT_TRUE(r->Apply(text_, entities_, "s", out).ok());
  EXPECT_EQ(out, "我叫<PERSON>，电话138****8000");
}

TEST_F(RedactorTest, PseudonymIsStableWithinScope) {
  DerivedKeyProvider keys(*SecretKey::FromHex(std::string(64, '1')));
  auto r = Redactor::Create(Operator::kPseudonym, &keys, nullptr);
  ASSERT_TRUE(r.ok());
  std::string a, b, c;
  ASSERT_TRUE(r->Apply(text_, entities_, "s1", a).ok());
  ASSERT_TRUE(r->Apply(text_, entities_, "s1", b).ok());
  ASSERT_TRUE(r->Apply(text_, entities_, "s2", c).ok());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.find("13800138000"), std::string::npos);
  EXPECT_NE(a.find("<PHONE_NUMBER#"), std::string::npos);
}

TEST_F(RedactorTest, TokenRevealsThroughTheVault) {
  DerivedKeyProvider keys(*SecretKey::FromHex(std::string(64, '1')));
  fakes::FixedRandom random;
  Vault vault(keys, random);
  auto r = Redactor::Create(Operator::kToken, &keys, &vault);
  ASSERT_TRUE(r.ok());
  std::string out;
  ASSERT_TRUE(r->Apply(text_, entities_, "conv", out).ok());
  const std::size_t at = out.find("⟦PHONE_NUMBER:");
  ASSERT_NE(at, std::string::npos);
  const std::size_t len = MatchToken(std::string_view(out).substr(at));
  ASSERT_GT(len, 0u);
  EXPECT_EQ(*vault.Reveal("conv", out.substr(at, len)), "13800138000");
}

TEST(Redactor, OperatorsThatNeedKeysRefuseWithout) {
  EXPECT_FALSE(Redactor::Create(Operator::kPseudonym, nullptr, nullptr).ok());
  EXPECT_FALSE(Redactor::Create(Operator::kToken, nullptr, nullptr).ok());
  EXPECT_EQ(ParseOperator("mask"), Operator::kMask);
  EXPECT_FALSE(ParseOperator("shred").has_value());
}

}  // namespace
}  // namespace hushdesk::privacy
