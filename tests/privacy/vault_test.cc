#include "privacy/vault.h"

#include <gtest/gtest.h>

#include <sstream>

#include "fakes/fixed_random.h"

namespace hushdesk::privacy {
namespace {

SecretKey Key(char c) {
  auto k = SecretKey::FromHex(std::string(64, c));
  EXPECT_TRUE(k.ok());
  return *k;
}

TEST(Vault, TokenRoundTrip) {
  DerivedKeyProvider keys(Key('a'));
  fakes::FixedRandom random;
  Vault vault(keys, random);
  auto t = vault.Tokenize("conv-1", EntityType::kPhoneNumber, "13800138000");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(MatchToken(*t), t->size());
  EXPECT_TRUE(t->starts_with("⟦PHONE_NUMBER:"));
  auto v = vault.Reveal("conv-1", *t);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, "13800138000");
}

TEST(Vault, SameValueSameTokenWithinScopeOnly) {
  DerivedKeyProvider keys(Key('a'));
  fakes::FixedRandom random;
  Vault vault(keys, random);
  const auto a = vault.Tokenize("s1", EntityType::kPerson, "张伟");
  const auto b = vault.Tokenize("s1", EntityType::kPerson, "张伟");
  const auto c = vault.Tokenize("s2", EntityType::kPerson, "张伟");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
  EXPECT_EQ(vault.size(), 2u);
  EXPECT_EQ(vault.Reveal("s2", *a).status().code(), common::StatusCode::kNotFound);
}

TEST(Vault, SaveLoadAndWrongKey) {
  fakes::FixedRandom random;
  DerivedKeyProvider keys(Key('a'));
  Vault vault(keys, random);
  const auto t = vault.Tokenize("s", EntityType::kEmailAddress, "a@b.cn");
  ASSERT_TRUE(t.ok());
  std::stringstream file;
  ASSERT_TRUE(vault.Save(file).ok());
  EXPECT_EQ(file.str().find("a@b.cn"), std::string::npos);  // no plaintext on disk

  Vault same_key(keys, random);
  std::stringstream copy(file.str());
  ASSERT_TRUE(same_key.Load(copy).ok());
  EXPECT_EQ(*same_key.Reveal("s", *t), "a@b.cn");

  DerivedKeyProvider other(Key('b'));
  Vault wrong(other, random);
  std::stringstream copy2(file.str());
  ASSERT_TRUE(wrong.Load(copy2).ok());
  EXPECT_EQ(wrong.Reveal("s", *t).status().code(), common::StatusCode::kDataLoss);
}

TEST(Vault, LoadRejectsBadLines) {
  DerivedKeyProvider keys(Key('a'));
  fakes::FixedRandom random;
  Vault vault(keys, random);
  std::stringstream bad("{\"scope\":\"s\"}\n");
  const auto st = vault.Load(bad);
  EXPECT_EQ(st.code(), common::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("line 1"), std::string::npos);
}

TEST(SecretKey, HexParsing) {
  EXPECT_TRUE(SecretKey::FromHex(std::string(64, 'f') + "\n").ok());
  EXPECT_FALSE(SecretKey::FromHex(std::string(63, 'f')).ok());
  EXPECT_FALSE(SecretKey::FromHex(std::string(64, 'g')).ok());
}

}  // namespace
}  // namespace hushdesk::privacy
