// Chinese recognizers: person names (after cues such as 我叫 / 联系人, or before honorifics
// such as 先生 / 女士), addresses (place names from the gazetteer and chains of components
// ending in 省 市 区 路 号 栋 室 ...), and mainland licence plates.
#include <cstring>

#include "privacy/internal/scanner.h"
#include "text/utf8.h"

namespace hushdesk::privacy::internal {
namespace {

constexpr std::size_t kHan = 3;  // bytes per BMP Han character in UTF-8

// Characters that cannot be inside an address component: verbs and pronouns that precede an
// address in chat (我住在…, 寄到…, 地址是…).
bool AddressStop(char32_t c) {
  static constexpr char32_t kStops[] = {U'我', U'你', U'他', U'她', U'在', U'住', U'到', U'寄',
                                        U'送', U'是', U'的', U'址', U'往', U'发', U'收', U'改',
                                        U'为', U'成', U'填', U'写', U'请', U'帮', U'麻', U'烦',
                                        U'从', U'去', U'来', U'了', U'吗', U'呢', U'和', U'给'};
  for (const char32_t s : kStops) {
    if (c == s) return true;
  }
  return false;
}

// Suffixes that make an address specific enough to identify a household.
bool StrongSuffix(std::string_view s) {
  static constexpr std::string_view kStrong[] = {
      "路", "街", "道", "大道", "巷", "弄", "胡同", "号", "号院", "号楼", "栋", "幢", "座", "楼",
      "层", "单元", "室", "户", "村", "组", "小区", "花园", "公寓", "大厦", "苑", "园", "家园",
      "新村", "大院", "期", "里"};
  for (const auto k : kStrong) {
    if (s == k) return true;
  }
  return false;
}

}  // namespace

std::size_t Scanner::ScanHan(std::size_t i, char32_t c, std::size_t len) {
  if (lex_.Has(c, Lexicon::kPlateProvince) && i + len < t_.size() &&
      IsUpper(static_cast<unsigned char>(t_[i + len])) && ScanPlate(i, len)) {
    return out_.back().end;
  }
  if (lex_.Has(c, Lexicon::kCueFirst)) {
    const std::size_t m = lex_.MatchCue(t_, i);
    if (m > 0) {
      // Weak cues (我是, 客户, 找, 请问) need the name to end at a boundary.
      const std::string_view cue = t_.substr(i, m);
      const bool strong = cue == "我叫" || cue == "姓名" || cue == "名字" || cue == "叫做" ||
                          cue == "名叫" || cue.ends_with("人") || cue.ends_with("户名");
      if (ScanChineseName(i + m, strong ? 0.85f : 0.7f, !strong)) return out_.back().end;
      return i + m;
    }
  }
  if (lex_.Has(c, Lexicon::kSurnameFirst)) {
    // Surname, up to two given-name characters, then an honorific: 张先生, 李娜女士.
    // A doubled character is a word, not a surname: 谢谢王先生, 常常.
    auto doubled = [&](std::size_t at) {
      return (HanAt(at + kHan) && t_.substr(at + kHan, kHan) == t_.substr(at, kHan)) ||
             (HanBefore(at) && t_.substr(at - kHan, kHan) == t_.substr(at, kHan));
    };
    std::size_t s = lex_.MatchSurname(t_, i);
    if (s == kHan && doubled(i)) s = 0;
    std::size_t r = i + s;
    for (int g = 0; s > 0 && g <= 2; ++g) {
      const std::size_t h = lex_.MatchHonorific(t_, r);
      if (h > 0 && !(g == 0 && HanBefore(i) && lex_.MatchSurname(t_, i - kHan) > 0 && !doubled(i - kHan))) {
        Emit(EntityType::kPerson, i, r, g == 0 ? 0.7f : 0.8f);
        return r + h;
      }
      std::size_t l;
      if (!HanAt(r) || lex_.Has(text::DecodeAt(t_, r, &l), Lexicon::kNameStop)) break;
      r += kHan;
    }
  }
  if (lex_.Has(c, Lexicon::kGazetteerFirst)) {
    const std::size_t e = ScanChineseAddress(i);
    if (e > i) return e;
  }
  if (lex_.Has(c, Lexicon::kRoadSuffix)) {
    // A street with no place name before it: back up over its name and read forward.
    std::size_t b = i;
    for (int k = 0; k < 6 && HanBefore(b); ++k) {
      std::size_t l;
      const char32_t prev = text::DecodeAt(t_, b - kHan, &l);
      if (AddressStop(prev)) break;
      b -= kHan;
    }
    for (; b < i; b += kHan) {
      const std::size_t e = ScanChineseAddress(b);
      if (e > i) return e;
    }
  }
  return i + len;
}

bool Scanner::ScanChineseName(std::size_t q, float score, bool need_boundary) {
  // Skip what sits between cue and name: "：", ":", " ", "是", "为".
  for (int k = 0; k < 2 && q < t_.size(); ++k) {
    if (t_[q] == ':' || t_[q] == ' ') {
      ++q;
    } else if (t_.substr(q, kHan) == "是" || t_.substr(q, kHan) == "为") {
      q += kHan;
    }
  }
  const std::size_t s = lex_.MatchSurname(t_, q);
  if (s == 0) return false;
  std::size_t r = q + s;
  int given = 0;
  while (given < 2 && HanAt(r)) {
    std::size_t l;
    if (lex_.Has(text::DecodeAt(t_, r, &l), Lexicon::kNameStop)) break;
    if (lex_.MatchHonorific(t_, r) > 0) break;
    r += kHan;
    ++given;
  }
  const bool honorific = lex_.MatchHonorific(t_, r) > 0;
  if (given == 0 && !honorific) return false;
  if (need_boundary && !honorific && HanAt(r)) {
    std::size_t l;
    // The next character must end the name: punctuation, or a word that follows names.
    if (!lex_.Has(text::DecodeAt(t_, r, &l), Lexicon::kNameStop)) return false;
  }
  Emit(EntityType::kPerson, q, r, score);
  return true;
}

std::size_t Scanner::ScanChineseAddress(std::size_t start) {
  std::size_t p = start;
  int components = 0, strong = 0;
  bool place = false;  // the chain began with a gazetteer name
  while (p < t_.size()) {
    // A place name, with or without its suffix: 北京市 / 北京.
    const std::size_t g = lex_.MatchGazetteer(t_, p);
    if (g > 0) {
      std::size_t q = p + g;
      const std::size_t sfx = lex_.MatchAddressSuffix(t_, q);
      if (sfx > 0 && StrongSuffix(t_.substr(q, sfx))) {
        strong++;
      }
      q += sfx;
      place = place || components == 0;
      ++components;
      p = q;
      continue;
    }
    // A name of 1–8 characters, or a number, followed by a suffix.
    std::size_t q = p, end = 0;
    std::string_view suffix;
    if (IsAlnum(static_cast<unsigned char>(t_[p]))) {
      while (q < t_.size() && (IsAlnum(static_cast<unsigned char>(t_[q])) || t_[q] == '-')) ++q;
      const std::size_t sfx = lex_.MatchAddressSuffix(t_, q);
      if (sfx > 0) {
        end = q + sfx;
        suffix = t_.substr(q, sfx);
      } else if (components >= 2 && strong >= 1 && q - p <= 5) {
        end = q;  // a trailing room number: …3单元502
        suffix = "室";
      }
    } else {
      for (int chars = 0; chars < 8 && HanAt(q); ++chars) {
        std::size_t l;
        const char32_t c = text::DecodeAt(t_, q, &l);
        if (chars > 0) {
          const std::size_t sfx = lex_.MatchAddressSuffix(t_, q);
          if (sfx > 0) {
            end = q + sfx;
            suffix = t_.substr(q, sfx);
            break;
          }
        }
        if (AddressStop(c)) break;
        q += kHan;
      }
    }
    if (end == 0) break;
    ++components;
    if (StrongSuffix(suffix)) ++strong;
    p = end;
  }
  if (components < 2 || (strong == 0 && components < 3)) return start;
  Emit(EntityType::kAddress, start, p, components >= 3 ? 0.9f : (place ? 0.8f : 0.7f));
  return p;
}

bool Scanner::ScanPlate(std::size_t i, std::size_t len) {
  // 京A12345, 粤B·D12345 (new energy: six characters with D or F).
  std::size_t p = i + len + 1;
  if (t_.substr(p, 2) == "\xC2\xB7" /* · */) {
    p += 2;
  } else if (p < t_.size() && (t_[p] == ' ' || t_[p] == '-' || t_[p] == '.')) {
    ++p;
  }
  std::size_t q = p, digits = 0;
  while (q < t_.size() && IsAlnum(static_cast<unsigned char>(t_[q])) && q - p < 7) {
    const char c = t_[q];
    if (c == 'I' || c == 'O' || IsLower(static_cast<unsigned char>(c))) return false;
    digits += IsDigit(static_cast<unsigned char>(c));
    ++q;
  }
  if (q < t_.size() && IsAlnum(static_cast<unsigned char>(t_[q]))) return false;
  const std::size_t n = q - p;
  const bool ok = (n == 5 && digits >= 2) ||
                  (n == 6 && digits >= 4 && (t_[p] == 'D' || t_[p] == 'F' || t_[q - 1] == 'D' || t_[q - 1] == 'F'));
  if (!ok) return false;
  Emit(EntityType::kCnLicensePlate, i, q, 0.85f);
  return true;
}

}  // namespace hushdesk::privacy::internal
