// Scanner: the single-pass recognizer behind Detector. It walks the normalized text once,
// dispatching on byte classes: digit runs go to the numeric recognizers (phones, ids, cards,
// SSNs, IPv4), ASCII letter/digit runs to the alphanumeric ones (IBAN, USCC, passports, URLs,
// IPv6, English names and addresses), '@' to e-mail, and Han characters flagged in the lexicon
// to the Chinese name, address and licence-plate rules. Each rule emits candidates with a base
// score; context words then raise or lower the score, and overlaps are resolved by score.
//
// Not thread-safe: one Scanner per call (it is cheap; it holds references and a cursor).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/entity.h"
#include "privacy/internal/lexicon.h"
#include "privacy/internal/phone.h"

namespace hushdesk::privacy::internal {

class Scanner {
 public:
  // `text` must be valid UTF-8 (already normalized); candidates are appended to `out`.
  Scanner(std::string_view text, const Lexicon& lexicon, const PhoneValidator& phones,
          std::vector<Entity>& out);

  // Runs every recognizer over the text.
  void Run();

 private:
  // --- dispatch targets; each returns the byte offset where scanning resumes ---
  std::size_t ScanDigits(std::size_t i);                 // scan_numeric.cc
  std::size_t ScanAsciiRun(std::size_t i, std::size_t j, bool has_digit, bool has_alpha);
  std::size_t ScanEmail(std::size_t at);                 // scan_latin.cc
  std::size_t ScanUrl(std::size_t i);
  std::size_t ScanIpv6(std::size_t i);
  std::size_t ScanCapitalized(std::size_t i);
  std::size_t ScanEnglishAddress(std::size_t i, std::size_t digits_end);
  std::size_t ScanWordFirstAddress(std::size_t i);
  std::size_t MilitaryPostOffice(std::size_t p) const;  // end of "APO AA 12345" at p, or 0
  std::size_t LatinWordEnd(std::size_t p) const;
  std::size_t UkPostcode(std::size_t p) const;  // end of "RG1 8QQ" at p, or 0
  std::size_t DigitsAt(std::size_t p) const;
  std::size_t ScanHan(std::size_t i, char32_t c, std::size_t len);  // scan_han.cc
  std::size_t ScanChineseAddress(std::size_t start);
  bool ScanChineseName(std::size_t start, float score, bool need_boundary);
  bool ScanPlate(std::size_t i, std::size_t len);

  // --- numeric helpers ---
  struct Group {
    std::uint32_t start, end;  // a run of digits
    char sep_before;           // separator before this group ('\0' for the first)
  };
  bool ClassifyNumber(std::span<const Group> groups, bool plus, bool paren,
                      std::size_t span_start);

  void Emit(EntityType type, std::size_t start, std::size_t end, float score);
  bool HanAt(std::size_t i) const;      // a Han character starts at byte i
  bool HanBefore(std::size_t i) const;  // a Han character ends at byte i

  const std::string_view t_;
  const Lexicon& lex_;
  const PhoneValidator& phones_;
  std::vector<Entity>& out_;
  std::string digits_;          // scratch for ClassifyNumber
  std::vector<Group> groups_;   // scratch for ScanDigits
};

// Adjusts each candidate's score by the nearest context word before it (订单号 lowers a
// number's score, 手机 raises a phone's). Context words never create candidates.
void ApplyContext(std::string_view text, std::vector<Entity>& candidates);

// Sorts candidates by position and keeps, among overlapping ones, the higher score (then the
// longer span). Drops candidates below `min_score`.
void ResolveOverlaps(std::vector<Entity>& candidates, float min_score);

// Byte-class helpers shared by the scanner files.
constexpr bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAlpha(unsigned char c) { return IsUpper(c) || IsLower(c); }
constexpr bool IsAlnum(unsigned char c) { return IsDigit(c) || IsAlpha(c); }

}  // namespace hushdesk::privacy::internal
