#include "privacy/internal/lexicon.h"

#include <algorithm>

#include "privacy/internal/lexicon_data.h"
#include "text/utf8.h"

namespace hushdesk::privacy::internal {
namespace {

// Calls fn(word) for each space-separated word of `list`.
template <typename Fn>
void ForEachWord(std::string_view list, Fn fn) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    std::size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (j > i) fn(list.substr(i, j - i));
    i = j;
  }
}

char32_t First(std::string_view w) {
  std::size_t len;
  return text::DecodeAt(w, 0, &len);
}

}  // namespace

Lexicon::Lexicon() : flags_(kFlagCount) {
  AddWords(kCnSurnames, surnames_, kSurnameFirst);
  AddWords(kCnCompoundSurnames, surnames_, kSurnameFirst);
  AddWords(kCnNameCuesBefore, cues_, kCueFirst);
  AddWords(kCnHonorifics, honorifics_, kHonorificFirst);
  AddWords(kCnGazetteer, gazetteer_, kGazetteerFirst);
  AddWords(kCnAddressSuffixes, suffixes_, kSuffixFirst);
  ForEachWord(kCnNameStopChars, [&](std::string_view w) { flags_[kNameStop].set(First(w)); });
  ForEachWord(kCnPlateProvinces, [&](std::string_view w) { flags_[kPlateProvince].set(First(w)); });
  for (const char32_t c : {U'路', U'街', U'道', U'巷', U'弄'}) flags_[kRoadSuffix].set(c);
  for (int f = 0; f < kFlagCount; ++f) {
    if (f != kNameStop && f != kSuffixFirst) trigger_ |= flags_[f];
  }
  ForEachWord(kEnFirstNames, [&](std::string_view w) { first_names_.insert(w); });
  ForEachWord(kEnLastNames, [&](std::string_view w) { last_names_.insert(w); });
  ForEachWord(kEnNotNames, [&](std::string_view w) { not_names_.insert(w); });
  ForEachWord(kEnStreetSuffixes, [&](std::string_view w) { street_suffixes_.insert(w); });
  ForEachWord(kEnUnitWords, [&](std::string_view w) { unit_words_.insert(w); });
}

void Lexicon::AddWords(std::string_view list, PrefixMap& map, Flag first_flag) {
  ForEachWord(list, [&](std::string_view w) {
    const char32_t c = First(w);
    flags_[first_flag].set(c);
    map[c].push_back(w);
  });
  // Longest first, so Match returns the longest entry.
  for (auto& [c, words] : map) {
    std::sort(words.begin(), words.end(),
              [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  }
}

std::size_t Lexicon::Match(const PrefixMap& map, Flag first, std::string_view text,
                           std::size_t pos) const {
  if (pos >= text.size()) return 0;
  std::size_t len;
  const char32_t c = text::DecodeAt(text, pos, &len);
  if (c < 0x10000 && !flags_[first].test(c)) return 0;  // most characters start no word
  const auto it = map.find(c);
  if (it == map.end()) return 0;
  const std::string_view rest = text.substr(pos);
  for (const std::string_view w : it->second) {
    if (rest.starts_with(w)) return w.size();
  }
  return 0;
}

std::size_t Lexicon::MatchSurname(std::string_view t, std::size_t p) const {
  return Match(surnames_, kSurnameFirst, t, p);
}
std::size_t Lexicon::MatchCue(std::string_view t, std::size_t p) const {
  return Match(cues_, kCueFirst, t, p);
}
std::size_t Lexicon::MatchHonorific(std::string_view t, std::size_t p) const {
  return Match(honorifics_, kHonorificFirst, t, p);
}
std::size_t Lexicon::MatchGazetteer(std::string_view t, std::size_t p) const {
  return Match(gazetteer_, kGazetteerFirst, t, p);
}
std::size_t Lexicon::MatchAddressSuffix(std::string_view t, std::size_t p) const {
  return Match(suffixes_, kSuffixFirst, t, p);
}

}  // namespace hushdesk::privacy::internal
