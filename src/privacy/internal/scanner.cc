#include "privacy/internal/scanner.h"

#include <algorithm>

#include "text/utf8.h"

namespace hushdesk::privacy::internal {

Scanner::Scanner(std::string_view text, const Lexicon& lexicon, const PhoneValidator& phones,
                 std::vector<Entity>& out)
    : t_(text), lex_(lexicon), phones_(phones), out_(out) {}

void Scanner::Emit(EntityType type, std::size_t start, std::size_t end, float score) {
  out_.push_back(Entity{type, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end),
                        std::min(score, 1.0f)});
}

bool Scanner::HanAt(std::size_t i) const {
  if (i + 3 > t_.size()) return false;
  const auto b = static_cast<unsigned char>(t_[i]);
  if (b < 0xE3 || b > 0xE9) return false;
  std::size_t len;
  return text::DecodeAt(t_, i, &len) >= 0x3400;
}

bool Scanner::HanBefore(std::size_t i) const { return i >= 3 && HanAt(i - 3); }

void Scanner::Run() {
  const std::size_t n = t_.size();
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(t_[i]);
    if (c < 0x80) {
      if (IsAlnum(c)) {
        bool has_digit = false, has_alpha = false;
        std::size_t j = i;
        for (; j < n && IsAlnum(static_cast<unsigned char>(t_[j])); ++j) {
          if (IsDigit(static_cast<unsigned char>(t_[j]))) {
            has_digit = true;
          } else {
            has_alpha = true;
          }
        }
        i = std::max(ScanAsciiRun(i, j, has_digit, has_alpha), i + 1);
      } else if (c == '@') {
        i = ScanEmail(i);
      } else if ((c == '+' || c == '(') && i + 1 < n &&
                 IsDigit(static_cast<unsigned char>(t_[i + 1]))) {
        i = ScanDigits(i);
      } else {
        ++i;
      }
      continue;
    }
    std::size_t len;
    const char32_t cp = text::DecodeAt(t_, i, &len);
    if (cp >= 0xC0 && cp < 0x250) {
      // A Latin letter with a diacritic may open a name (Šárka, Ørsted).
      i = std::max(ScanCapitalized(i), i + len);
    } else if (lex_.IsTrigger(cp)) {
      i = std::max(ScanHan(i, cp, len), i + len);
    } else {
      i += len;
    }
  }
}

void ResolveOverlaps(std::vector<Entity>& c, float min_score) {
  std::erase_if(c, [min_score](const Entity& e) { return e.score < min_score; });
  std::sort(c.begin(), c.end(), [](const Entity& a, const Entity& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  const auto better = [](const Entity& a, const Entity& b) {
    return a.score > b.score || (a.score == b.score && a.end - a.start > b.end - b.start);
  };
  // c[0, kept) stays sorted and non-overlapping; a newcomer displaces every kept entity it
  // overlaps and beats, or is dropped.
  std::size_t kept = 0;
  for (std::size_t k = 0; k < c.size(); ++k) {
    std::size_t first = kept;
    while (first > 0 && c[first - 1].end > c[k].start) --first;
    bool wins = true;
    for (std::size_t j = first; j < kept && wins; ++j) wins = better(c[k], c[j]);
    if (!wins) continue;
    c[first] = c[k];
    kept = first + 1;
  }
  c.resize(kept);
}

}  // namespace hushdesk::privacy::internal
