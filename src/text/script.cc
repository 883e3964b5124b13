#include "text/script.h"

#include <cstddef>

#include "text/utf8.h"

namespace hushdesk::text {

Script DetectScript(std::string_view s) {
  std::size_t han = 0, latin = 0, len = 0;
  for (std::size_t i = 0; i < s.size(); i += len) {
    const char32_t c = DecodeAt(s, i, &len);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F)) {
      ++latin;
    } else if (IsHan(c)) {
      ++han;
    }
  }
  const std::size_t total = han + latin;
  if (total == 0) return Script::kUnknown;
  if (han * 5 >= total * 4) return Script::kHan;
  if (latin * 5 >= total * 4) return Script::kLatin;
  return Script::kMixed;
}

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kHan: return "han";
    case Script::kLatin: return "latin";
    case Script::kMixed: return "mixed";
    case Script::kUnknown: break;
  }
  return "unknown";
}

}  // namespace hushdesk::text
