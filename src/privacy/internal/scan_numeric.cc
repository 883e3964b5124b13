// Numbers: phone numbers, resident ids, bank cards, SSNs and IPv4 addresses. A number is read
// as digit groups joined by single separators (space, '-', '.') or brackets; the longest
// prefix of groups that one of the validators accepts wins, and the rest is read again, so
// "13800138000 13900139000" yields two phone numbers.
#include <algorithm>
#include <array>
#include <string>

#include "privacy/internal/scanner.h"
#include "privacy/validators.h"

namespace hushdesk::privacy::internal {
namespace {

constexpr std::size_t kMaxGroups = 8;
constexpr std::size_t kMaxDigits = 24;

using Lengths = std::span<const std::size_t>;

bool CardShape(Lengths len) {
  if (len.size() == 1) return true;
  // 4-4-4-4(-3), the most common grouping; Amex 4-6-5 and Diners 4-6-4.
  if (len.size() == 3 && len[0] == 4 && len[1] == 6 && (len[2] == 5 || len[2] == 4)) return true;
  for (std::size_t k = 0; k + 1 < len.size(); ++k) {
    if (len[k] != 4) return false;
  }
  return len.back() >= 1 && len.back() <= 4;
}

bool Shape(Lengths len, std::initializer_list<std::size_t> want) {
  return len.size() == want.size() && std::equal(len.begin(), len.end(), want.begin());
}

}  // namespace

std::size_t Scanner::ScanDigits(std::size_t i) {
  const std::size_t n = t_.size();
  const std::size_t start = i;
  const bool plus = t_[i] == '+';
  if (plus) ++i;
  std::vector<Group>& groups = groups_;
  groups.clear();
  bool paren = false;
  std::size_t total = 0, p = i;
  char sep = '\0';
  while (p < n && groups.size() < kMaxGroups && total <= kMaxDigits) {
    if (t_[p] == '(') {  // (010) 12345678, (212) 555-0187
      std::size_t q = p + 1;
      while (q < n && IsDigit(static_cast<unsigned char>(t_[q]))) ++q;
      if (q >= n || t_[q] != ')' || q - p - 1 < 1 || q - p - 1 > 5) break;
      groups.push_back({static_cast<std::uint32_t>(p + 1), static_cast<std::uint32_t>(q), sep});
      total += q - p - 1;
      paren = true;
      p = q + 1;
      sep = ')';
      if (p + 1 < n && (t_[p] == ' ' || t_[p] == '-') && IsDigit(static_cast<unsigned char>(t_[p + 1]))) ++p;
      if (p >= n || !IsDigit(static_cast<unsigned char>(t_[p]))) break;
      continue;
    }
    const std::size_t a = p;
    while (p < n && IsDigit(static_cast<unsigned char>(t_[p]))) ++p;
    if (p == a) break;
    // A group glued to letters belongs to a word, not to this number.
    if (p < n && IsAlpha(static_cast<unsigned char>(t_[p])) && !(t_[p] == 'X' || t_[p] == 'x')) {
      if (groups.empty()) return p;
      break;
    }
    groups.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(p), sep});
    total += p - a;
    if (p + 1 < n && (t_[p] == ' ' || t_[p] == '-' || t_[p] == '.') &&
        (IsDigit(static_cast<unsigned char>(t_[p + 1])) || t_[p + 1] == '(')) {
      sep = t_[p];
      ++p;
      continue;
    }
    break;
  }
  if (groups.empty()) return i + 1;
  const std::size_t resume = groups.back().end;

  // Dotted quads: an IPv4 address, unless more dotted groups follow (a version string).
  if (!plus && groups.size() >= 4) {
    bool dotted = true;
    for (std::size_t k = 1; k < 4; ++k) dotted = dotted && groups[k].sep_before == '.';
    const bool more = groups.size() > 4 && groups[4].sep_before == '.';
    if (dotted && !more) {
      const std::string_view ip = t_.substr(groups[0].start, groups[3].end - groups[0].start);
      if (Ipv4Valid(ip)) {
        Emit(EntityType::kIpAddress, groups[0].start, groups[3].end, 0.85f);
        return groups[3].end;
      }
    }
    if (dotted) return resume;
  }

  // An ISO date, with or without a time ("2000-04-16 11:34:35"): never a phone number.
  if (!plus && !paren && groups.size() >= 3 && groups[1].sep_before == '-' && groups[2].sep_before == '-') {
    auto value = [&](const Group& g) {
      int v = 0;
      for (std::size_t k = g.start; k < g.end; ++k) v = v * 10 + (t_[k] - '0');
      return v;
    };
    const bool shape = groups[0].end - groups[0].start == 4 && groups[1].end - groups[1].start == 2 &&
                       groups[2].end - groups[2].start == 2;
    const int y = value(groups[0]), mo = value(groups[1]), d = value(groups[2]);
    if (shape && y >= 1900 && y <= 2099 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      std::size_t e = groups[2].end;
      // The time after it: " 11:34:35" / " 11:34".
      if (groups.size() >= 4 && groups[3].sep_before == ' ' && groups[3].end - groups[3].start <= 2 &&
          groups[3].end < n && t_[groups[3].end] == ':') {
        e = groups[3].end;
        while (e + 1 < n && t_[e] == ':' && IsDigit(static_cast<unsigned char>(t_[e + 1]))) {
          e += 1;
          while (e < n && IsDigit(static_cast<unsigned char>(t_[e]))) ++e;
        }
      }
      return e;
    }
  }

  // A house number followed by a capitalized street name: an English address. Also two numbers
  // before the street ("704 1436 Redbud Drive": a building and a street number).
  if (!plus && groups.size() == 1 && groups[0].end - groups[0].start <= 6) {
    const std::size_t e = ScanEnglishAddress(groups[0].start, groups[0].end);
    if (e > groups[0].end) return e;
  }
  if (!plus && !paren && groups.size() == 2 && groups[1].sep_before == ' ' &&
      groups[0].end - groups[0].start <= 5 && groups[1].end - groups[1].start <= 5) {
    const std::size_t e = ScanEnglishAddress(groups[0].start, groups[1].end);
    if (e > groups[1].end) return e;
  }

  // Written like a card number (4-4-4…): judged whole, never split into shorter numbers.
  bool card_like = groups.size() >= 3;
  for (std::size_t k = 0; k + 1 < groups.size(); ++k) {
    card_like = card_like && groups[k].end - groups[k].start == 4;
  }
  if (card_like) {
    ClassifyNumber(groups, plus, paren, start);
    return resume;
  }
  // Longest prefix of groups that classifies; then continue after it.
  std::size_t k0 = 0;
  while (k0 < groups.size()) {
    bool found = false;
    for (std::size_t k = groups.size(); k > k0; --k) {
      const std::span<const Group> sub(groups.data() + k0, k - k0);
      const std::size_t span_start = (k0 == 0) ? start : groups[k0].start;
      if (ClassifyNumber(sub, plus && k0 == 0, paren, span_start)) {
        k0 = k;
        found = true;
        break;
      }
    }
    if (!found) ++k0;
  }
  return resume;
}

bool Scanner::ClassifyNumber(std::span<const Group> g, bool plus, bool paren,
                             std::size_t span_start) {
  const std::size_t count = g.size();
  digits_.clear();
  std::array<std::size_t, kMaxGroups> len_storage;
  for (std::size_t k = 0; k < count; ++k) {
    digits_.append(t_.substr(g[k].start, g[k].end - g[k].start));
    len_storage[k] = g[k].end - g[k].start;
  }
  const Lengths len(len_storage.data(), count);
  const std::size_t L = digits_.size();
  std::size_t end = g[count - 1].end;
  // A bracketed first group starts at its bracket.
  std::size_t start = span_start;
  if (!plus && g[0].start > 0 && t_[g[0].start - 1] == '(') start = g[0].start - 1;
  const bool grouped = count > 1;

  if (plus || (L >= 11 && digits_.starts_with("00"))) {
    const std::string number = "+" + (plus ? digits_ : digits_.substr(2));
    const int r = phones_.International(number);
    if (r == 0) return false;
    Emit(EntityType::kPhoneNumber, start, end, r == 2 ? 0.9f : 0.55f);
    return true;
  }
  // 18-character resident id; the check character may be X.
  if ((L == 18 || (L == 17 && end < t_.size() && (t_[end] == 'X' || t_[end] == 'x'))) &&
      (!grouped || Shape(len, {6, 8, 4}) || Shape(len, {6, 8, 3}))) {
    std::string id = digits_;
    if (L == 17) id.push_back(t_[end]);
    if (CnResidentId18Valid(id)) {
      Emit(EntityType::kCnResidentId, start, L == 17 ? end + 1 : end, 0.95f);
      return true;
    }
  }
  const bool card = L >= 12 && L <= 19 && CardShape(len) && CardIinPlausible(digits_) &&
                    LuhnValid(digits_);
  if (L == 15 && !grouped && CnResidentId15Valid(digits_)) {
    Emit(card ? EntityType::kBankCard : EntityType::kCnResidentId, start, end, card ? 0.7f : 0.55f);
    return true;
  }
  if (card) {
    Emit(EntityType::kBankCard, start, end, L >= 13 ? 0.85f : 0.5f);
    return true;
  }
  // Mainland mobile: 1[3-9] and 11 digits, written whole or as 3-4-4 / 3-8.
  if (L == 11 && digits_[0] == '1' && digits_[1] >= '3' &&
      (!grouped || Shape(len, {3, 4, 4}) || Shape(len, {3, 8}) || Shape(len, {4, 3, 4}))) {
    Emit(EntityType::kPhoneNumber, start, end, 0.85f);
    return true;
  }
  // Mainland landline: 0 + area code (010, 02x: 3 digits; others 4) + 7–8 digits.
  if (digits_[0] == '0' && digits_[1] != '0' && L >= 10 && L <= 12) {
    const std::size_t area = (digits_[1] == '1' || digits_[1] == '2') ? 3 : 4;
    const std::size_t rest = L - area;
    if (rest >= 7 && rest <= 8 && (len[0] == area || !grouped)) {
      Emit(EntityType::kPhoneNumber, start, end, grouped || paren ? 0.8f : 0.55f);
      return true;
    }
  }
  // North American numbering plan: NXX-NXX-XXXX, optionally with a leading 1.
  const bool nanp10 = L == 10 && digits_[0] >= '2' && digits_[3] >= '2';
  const bool nanp11 = L == 11 && digits_[0] == '1' && digits_[1] >= '2' && digits_[4] >= '2';
  if (nanp10 || nanp11) {
    const bool shaped = Shape(len, {3, 3, 4}) || Shape(len, {1, 3, 3, 4}) || Shape(len, {3, 7});
    if (shaped || !grouped) {
      Emit(EntityType::kPhoneNumber, start, end, shaped ? 0.8f : 0.45f);
      return true;
    }
  }
  if (L == 9 && UsSsnValid(digits_)) {
    const bool dashed = Shape(len, {3, 2, 4}) && g[1].sep_before == g[2].sep_before &&
                        g[1].sep_before != '.';
    if (dashed || !grouped) {
      Emit(EntityType::kUsSsn, start, end, dashed ? 0.85f : 0.4f);
      return true;
    }
  }
  // Other national formats, written with separators: ask libphonenumber. Groups of four are
  // how card numbers are written (a card failing Luhn is not a phone number).
  bool fours = true;
  for (const std::size_t l : len) fours = fours && l == 4;
  if ((grouped || paren) && !fours && L >= 7 && L <= 12) {
    const int r = phones_.National(digits_);
    if (r > 0) {
      Emit(EntityType::kPhoneNumber, start, end, r == 2 ? 0.6f : 0.4f);
      return true;
    }
  }
  return false;
}

}  // namespace hushdesk::privacy::internal
