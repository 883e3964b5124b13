// Lexicon: the word lists of lexicon_data.h in lookup structures built once per Detector.
// Immutable after construction; safe to share between threads.
#pragma once

#include <bitset>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace hushdesk::privacy::internal {

class Lexicon {
 public:
  Lexicon();

  // Han-character flags, one bit per BMP code point.
  enum Flag : int {
    kSurnameFirst = 0,   // first character of a surname (single or compound)
    kNameStop,           // cannot be part of a given name
    kCueFirst,           // first character of a name cue (我叫, 联系人, ...)
    kHonorificFirst,     // first character of an honorific (先生, 女士, ...)
    kGazetteerFirst,     // first character of a place name
    kSuffixFirst,        // first character of an address suffix
    kPlateProvince,      // licence-plate province abbreviation
    kRoadSuffix,         // 路 街 道 巷 弄: anchors an address without a place name before it
    kFlagCount,
  };
  bool Has(char32_t c, Flag f) const { return c < 0x10000 && flags_[f].test(c); }
  // True when any of the trigger flags (everything but kNameStop) is set for `c`.
  bool IsTrigger(char32_t c) const { return c < 0x10000 && trigger_.test(c); }

  // Longest entry of each list that starts at text[pos], as a byte length (0 when none).
  std::size_t MatchSurname(std::string_view text, std::size_t pos) const;
  std::size_t MatchCue(std::string_view text, std::size_t pos) const;
  std::size_t MatchHonorific(std::string_view text, std::size_t pos) const;
  std::size_t MatchGazetteer(std::string_view text, std::size_t pos) const;
  std::size_t MatchAddressSuffix(std::string_view text, std::size_t pos) const;

  // English word lists; `word` as written (case-sensitive: names are capitalized).
  bool IsFirstName(std::string_view word) const { return first_names_.count(word) != 0; }
  bool IsLastName(std::string_view word) const { return last_names_.count(word) != 0; }
  bool IsNotName(std::string_view word) const { return not_names_.count(word) != 0; }
  bool IsStreetSuffix(std::string_view word) const { return street_suffixes_.count(word) != 0; }
  bool IsUnitWord(std::string_view word) const { return unit_words_.count(word) != 0; }

 private:
  using PrefixMap = std::unordered_map<char32_t, std::vector<std::string_view>>;
  void AddWords(std::string_view list, PrefixMap& map, Flag first_flag);
  // Longest word of `map` at text[pos]; `first` is the flag marking its first characters.
  std::size_t Match(const PrefixMap& map, Flag first, std::string_view text, std::size_t pos) const;

  std::vector<std::bitset<0x10000>> flags_;
  std::bitset<0x10000> trigger_;
  PrefixMap surnames_, cues_, honorifics_, gazetteer_, suffixes_;
  std::unordered_set<std::string_view> first_names_, last_names_, not_names_, street_suffixes_,
      unit_words_;
};

}  // namespace hushdesk::privacy::internal
