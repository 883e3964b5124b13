#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hushdesk::text {
namespace {

TEST(Utf8, ValidInputs) {
  for (const std::string s : {"", "hello", "你好", "a\xC3\xA9z", "\xF0\x9F\x98\x80", "mixed 张伟 ok"}) {
    EXPECT_TRUE(ValidateUtf8(s).ok()) << s;
  }
}

TEST(Utf8, InvalidInputsNameTheOffset) {
  struct Case {
    std::string s;
    std::size_t offset;
  };
  const std::vector<Case> cases = {
      {"ab\xFF", 2},                 // never valid
      {"\xC0\x80", 0},               // overlong NUL
      {"x\xE0\x80\x80", 1},          // overlong 3-byte
      {"\xED\xA0\x80", 0},           // surrogate
      {"ok\xF4\x90\x80\x80", 2},     // past U+10FFFF
      {"\xE4\xBD", 0},               // truncated
      {"12345678\xE4\xBDx", 8},      // after the 8-byte fast path
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FindInvalidUtf8(c.s), c.offset);
    const auto st = ValidateUtf8(c.s);
    EXPECT_FALSE(st.ok());
    EXPECT_NE(st.message().find("offset " + std::to_string(c.offset)), std::string::npos);
  }
}

TEST(Utf8, CodePointOffsets) {
  const std::string s = "我叫张伟 ok";  // 3-byte characters then ASCII
  const std::vector<std::size_t> bytes = {0, 6, 12, 13, 15};
  std::vector<std::size_t> cps(bytes.size());
  ByteToCodePointOffsets(s, bytes, cps);
  EXPECT_EQ(cps, (std::vector<std::size_t>{0, 2, 4, 5, 7}));
  EXPECT_EQ(CodePointToByteOffset(s, 2), 6u);
  EXPECT_EQ(CodePointCount(s), 7u);
}

TEST(Utf8, AppendRoundTrips) {
  std::string out;
  for (const char32_t c : {U'a', U'é', U'张', U'😀'}) AppendUtf8(c, out);
  EXPECT_EQ(out, "a\xC3\xA9张\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace hushdesk::text
