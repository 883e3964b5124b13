// Script detection: which writing system a text is mostly in, so that language-specific steps
// (word segmentation, the bot's language) can be chosen. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace hushdesk::text {

enum class Script { kUnknown, kHan, kLatin, kMixed };

// True for CJK ideographs (the unified blocks, extension A and compatibility ideographs).
constexpr bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

// Classifies valid UTF-8 `s` by its letters: kHan or kLatin when one script has at least 80 %
// of them, kMixed when both are present below that, kUnknown when there are no letters.
Script DetectScript(std::string_view s);

// "han", "latin", "mixed" or "unknown".
std::string_view ScriptName(Script script);

}  // namespace hushdesk::text
