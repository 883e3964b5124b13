#include "text/normalize.h"

#include <gtest/gtest.h>

#include "text/script.h"

namespace hushdesk::text {
namespace {

class NormalizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = Normalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    norm_ = std::move(*n);
  }
  std::unique_ptr<Normalizer> norm_;
};

TEST_F(NormalizeTest, PlainTextIsNotCopied) {
  NormalizedText out;
  const std::string s = "我的电话是 13800138000";
  norm_->Normalize(s, out);
  EXPECT_FALSE(out.changed());
  EXPECT_EQ(out.text().data(), s.data());
}

TEST_F(NormalizeTest, FullWidthDigitsAndLettersBecomeAscii) {
  NormalizedText out;
  const std::string s = "电话：１３８００１３８０００，ＡＢｃ";
  norm_->Normalize(s, out);
  EXPECT_TRUE(out.changed());
  EXPECT_EQ(out.text(), "电话:13800138000,ABc");
}

TEST_F(NormalizeTest, OffsetsMapBackToTheOriginal) {
  NormalizedText out;
  const std::string s = "号码１３８";  // "号码" 6 bytes, then three 3-byte full-width digits
  norm_->Normalize(s, out);
  ASSERT_EQ(out.text(), "号码138");
  // Normalized [6,9) is "138"; in the original it spans bytes [6,15).
  EXPECT_EQ(out.OriginalStart(6), 6u);
  EXPECT_EQ(out.OriginalEnd(9), 15u);
  EXPECT_EQ(out.OriginalEnd(7), 9u);
}

TEST_F(NormalizeTest, CompatibilityCharactersExpand) {
  NormalizedText out;
  const std::string s = "①x";  // circled digit one
  norm_->Normalize(s, out);
  EXPECT_EQ(out.text(), "1x");
  EXPECT_EQ(out.OriginalEnd(1), 3u);
}

TEST(Script, DetectsDominantScript) {
  EXPECT_EQ(DetectScript("你好，我想查询订单"), Script::kHan);
  EXPECT_EQ(DetectScript("Where is my order?"), Script::kLatin);
  EXPECT_EQ(DetectScript("我的order在哪里 please"), Script::kMixed);
  EXPECT_EQ(DetectScript("12345 !!"), Script::kUnknown);
}

}  // namespace
}  // namespace hushdesk::text
