#include "nlu/entities.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include <mutex>

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace hushdesk::nlu {
namespace {

namespace chr = std::chrono;

// The text as code points, with each one's byte offset (one more at the end) and whether it
// lies inside a privacy token.
struct Text {
  std::u32string cp;   // Latin letters lower-cased
  std::vector<std::size_t> off;
  std::vector<bool> blocked;
  // Positions where an entity may start (see MarkStarts): the recognizers skip the rest, which
  // is most of a message.
  std::vector<bool> may;

  // Reused per thread: no allocations once the buffers have grown.
  void Reset(std::string_view s) {
    cp.clear();
    off.clear();
    blocked.clear();
    std::size_t i = 0;
    bool in_token = false;
    while (i < s.size()) {
      std::size_t len = 1;
      char32_t c = text::DecodeAt(s, i, &len);
      if (len == 0) len = 1;
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c == U'⟦') in_token = true;
      cp.push_back(c);
      off.push_back(i);
      blocked.push_back(in_token);
      if (c == U'⟧') in_token = false;
      i += len;
    }
    off.push_back(s.size());
  }
  std::size_t size() const { return cp.size(); }
  char32_t at(std::size_t i) const { return i < cp.size() ? cp[i] : 0; }
  // Whether `lit` (lower-case) is at i; returns its length or 0.
  std::size_t Lit(std::size_t i, std::u32string_view lit) const {
    if (i + lit.size() > cp.size()) return 0;
    for (std::size_t k = 0; k < lit.size(); ++k) {
      if (blocked[i + k] || cp[i + k] != lit[k]) return 0;
    }
    return lit.size();
  }
};

bool IsAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }
int Digit(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}
int HanDigit(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': return 1;
    case U'二': case U'两': case U'兩': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

// The first characters of every Han word the recognizers look for (cues, relative dates, week
// and period words), plus Han numerals.
constexpr std::u32string_view kHanStarts =
    U"订訂单运快物大后明今昨前下上这本星礼周凌早中傍晚夜零〇一二两兩三四五六七八九十";

void MarkStarts(Text& t) {
  t.may.assign(t.size(), false);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.blocked[i]) continue;
    const char32_t c = t.cp[i];
    if (c < 0x80) {
      if (c >= '0' && c <= '9') {
        t.may[i] = i == 0 || !(t.cp[i - 1] >= '0' && t.cp[i - 1] <= '9');
      } else if (c >= 'a' && c <= 'z') {
        t.may[i] = i == 0 || !IsAsciiAlnum(t.cp[i - 1]);
      } else {
        t.may[i] = c == '#' || c == '$';
      }
    } else {
      t.may[i] = Digit(c) >= 0 || kHanStarts.find(c) != std::u32string_view::npos || c == U'＃' || c == U'¥' ||
                 c == U'￥' || c == U'€' || c == U'£';
    }
  }
}

// A Latin word starts at i (no letter or digit before it).
bool WordStart(const Text& t, std::size_t i) { return i == 0 || !IsAsciiAlnum(t.cp[i - 1]); }
bool WordEnd(const Text& t, std::size_t i) { return i >= t.size() || !IsAsciiAlnum(t.cp[i]); }
// A Latin literal as a whole word.
std::size_t Word(const Text& t, std::size_t i, std::u32string_view w) {
  if (!WordStart(t, i)) return 0;
  const std::size_t n = t.Lit(i, w);
  return n && WordEnd(t, i + n) ? n : 0;
}
std::size_t SkipSpaces(const Text& t, std::size_t i) {
  while (i < t.size() && (t.cp[i] == ' ' || t.cp[i] == U'\u3000') && !t.blocked[i]) ++i;
  return i;
}

struct Number {
  double value = 0;
  std::size_t len = 0;
  bool han = false;
  bool fraction = false;
};

// 1,299.50 / 42 / 42.5 (full-width digits too), not preceded by a digit or a decimal point.
std::optional<Number> ParseArabic(const Text& t, std::size_t i) {
  if (i > 0 && (Digit(t.cp[i - 1]) >= 0 || t.cp[i - 1] == '.')) return std::nullopt;
  std::size_t j = i;
  double v = 0;
  std::size_t digits = 0;
  while (j < t.size() && !t.blocked[j]) {
    const int d = Digit(t.cp[j]);
    if (d >= 0) {
      v = v * 10 + d;
      ++digits;
      ++j;
    } else if (t.cp[j] == ',' && digits > 0 && j + 3 < t.size() + 1 && Digit(t.at(j + 1)) >= 0 &&
               Digit(t.at(j + 2)) >= 0 && Digit(t.at(j + 3)) >= 0 && Digit(t.at(j + 4)) < 0) {
      ++j;  // a thousands separator: exactly three digits follow
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  Number n{v, j - i, false, false};
  if (t.at(j) == '.' && Digit(t.at(j + 1)) >= 0) {
    double scale = 0.1;
    ++j;
    while (Digit(t.at(j)) >= 0 && !t.blocked[j]) {
      n.value += scale * Digit(t.cp[j]);
      scale /= 10;
      ++j;
    }
    n.fraction = true;
    n.len = j - i;
  }
  return n;
}

// 三 / 十五 / 二十 / 两千五百 / 一万二千 / 三点 is not a number here (the caller reads 点).
std::optional<Number> ParseHan(const Text& t, std::size_t i) {
  double total = 0, section = 0;
  int current = -1;
  std::size_t j = i;
  while (j < t.size() && !t.blocked[j]) {
    const char32_t c = t.cp[j];
    const int d = HanDigit(c);
    if (d >= 0) {
      current = d;
    } else if (c == U'十') {
      section += (current < 0 ? 1 : current) * 10;
      current = -1;
    } else if (c == U'百') {
      if (current < 0) break;
      section += current * 100;
      current = -1;
    } else if (c == U'千') {
      if (current < 0) break;
      section += current * 1000;
      current = -1;
    } else if (c == U'万' || c == U'萬') {
      if (current < 0 && section == 0) break;
      total += (section + std::max(current, 0)) * 10000;
      section = 0;
      current = -1;
    } else {
      break;
    }
    ++j;
  }
  if (j == i) return std::nullopt;
  return Number{total + section + std::max(current, 0), j - i, true, false};
}

std::optional<Number> ParseNumber(const Text& t, std::size_t i) {
  if (auto n = ParseArabic(t, i)) return n;
  return ParseHan(t, i);
}

struct Candidate {
  std::size_t start = 0, end = 0;  // code points
  std::string type;
  std::string value;
};

// ---- amounts --------------------------------------------------------------------------------

struct Currency {
  std::u32string_view text;
  std::string_view code;
  bool latin;  // a word: needs word boundaries
};

constexpr Currency kPrefixCurrencies[] = {
    {U"us$", "USD", true}, {U"hk$", "HKD", true}, {U"rmb", "CNY", true}, {U"cny", "CNY", true},
    {U"usd", "USD", true}, {U"eur", "EUR", true}, {U"gbp", "GBP", true}, {U"hkd", "HKD", true},
    {U"jpy", "JPY", true}, {U"¥", "CNY", false},  {U"￥", "CNY", false}, {U"$", "USD", false},
    {U"€", "EUR", false},  {U"£", "GBP", false},
};

constexpr Currency kSuffixCurrencies[] = {
    {U"块钱", "CNY", false},   {U"元人民币", "CNY", false}, {U"人民币", "CNY", false},
    {U"美元", "USD", false},   {U"美金", "USD", false},     {U"欧元", "EUR", false},
    {U"英镑", "GBP", false},   {U"港币", "HKD", false},     {U"港元", "HKD", false},
    {U"日元", "JPY", false},   {U"元", "CNY", false},       {U"圆", "CNY", false},
    {U"块", "CNY", false},     {U"dollars", "USD", true},   {U"dollar", "USD", true},
    {U"bucks", "USD", true},   {U"euros", "EUR", true},     {U"euro", "EUR", true},
    {U"pounds", "GBP", true},  {U"pound", "GBP", true},     {U"yuan", "CNY", true},
    {U"rmb", "CNY", true},     {U"cny", "CNY", true},       {U"usd", "USD", true},
    {U"eur", "EUR", true},     {U"gbp", "GBP", true},       {U"hkd", "HKD", true},
    {U"yen", "JPY", true},
};

std::string FormatAmount(double v, std::string_view code) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.*s", v, static_cast<int>(code.size()), code.data());
  return buf;
}

// A multiplier after the number: 1.5万, 2千, 3k.
double Multiplier(const Text& t, std::size_t& j) {
  const char32_t c = t.at(j);
  if (j < t.size() && t.blocked[j]) return 1;
  if (c == U'万' || c == U'萬') { ++j; return 10000; }
  if (c == U'千') { ++j; return 1000; }
  if (c == 'k' && WordEnd(t, j + 1)) { ++j; return 1000; }
  return 1;
}

void FindAmounts(const Text& t, std::vector<Candidate>& out) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t.may[i]) continue;
    // Currency first: ¥199, US$ 25.50, RMB 300.
    for (const Currency& c : kPrefixCurrencies) {
      const std::size_t n = c.latin ? (WordStart(t, i) ? t.Lit(i, c.text) : 0) : t.Lit(i, c.text);
      if (!n) continue;
      std::size_t j = SkipSpaces(t, i + n);
      const auto num = ParseArabic(t, j);
      if (!num) continue;
      j += num->len;
      const double v = num->value * Multiplier(t, j);
      // "¥199元": the suffix repeats the currency.
      if (t.Lit(j, U"元")) ++j;
      out.push_back({i, j, "AMOUNT", FormatAmount(v, c.code)});
      break;
    }
    // A number, then the currency: 199元, 两千五百块, 25 dollars, 1.5万元.
    if (i > 0 && (Digit(t.cp[i - 1]) >= 0 || HanDigit(t.cp[i - 1]) >= 0 || t.cp[i - 1] == U'十')) continue;
    if (IsAsciiAlnum(t.at(i)) && !WordStart(t, i)) continue;
    const auto num = ParseNumber(t, i);
    if (!num) continue;
    std::size_t j = i + num->len;
    const double v = num->value * Multiplier(t, j);
    const std::size_t after = SkipSpaces(t, j);
    for (const Currency& c : kSuffixCurrencies) {
      const std::size_t n = c.latin ? Word(t, after, c.text) : t.Lit(after, c.text);
      if (!n) continue;
      // 一块 is usually "together" and 块 after a small Han numeral often counts pieces.
      if (num->han && c.text == U"块" && num->value < 10) break;
      out.push_back({i, after + n, "AMOUNT", FormatAmount(v, c.code)});
      break;
    }
  }
}

// ---- order and tracking numbers -------------------------------------------------------------

struct Cue {
  std::u32string_view text;
  std::string_view type;
  bool latin;
};

constexpr Cue kNumberCues[] = {
    {U"订单号", "ORDER_NUMBER", false},      {U"订单编号", "ORDER_NUMBER", false},
    {U"訂單號", "ORDER_NUMBER", false},      {U"订单", "ORDER_NUMBER", false},
    {U"单号", "ORDER_NUMBER", false},        {U"运单号", "TRACKING_NUMBER", false},
    {U"快递单号", "TRACKING_NUMBER", false}, {U"物流单号", "TRACKING_NUMBER", false},
    {U"快递号", "TRACKING_NUMBER", false},   {U"运单", "TRACKING_NUMBER", false},
    {U"order number", "ORDER_NUMBER", true}, {U"order no", "ORDER_NUMBER", true},
    {U"order id", "ORDER_NUMBER", true},     {U"order", "ORDER_NUMBER", true},
    {U"tracking number", "TRACKING_NUMBER", true}, {U"tracking no", "TRACKING_NUMBER", true},
    {U"tracking", "TRACKING_NUMBER", true},  {U"waybill", "TRACKING_NUMBER", true},
};

// An identifier: letters, digits, '-', at least 5 long with at least 3 digits.
std::size_t IdentifierAt(const Text& t, std::size_t i) {
  if (i >= t.size() || t.blocked[i] || !IsAsciiAlnum(t.cp[i])) return 0;
  std::size_t j = i, digits = 0;
  while (j < t.size() && !t.blocked[j] && (IsAsciiAlnum(t.cp[j]) || (t.cp[j] == '-' && IsAsciiAlnum(t.at(j + 1))))) {
    if (Digit(t.cp[j]) >= 0) ++digits;
    ++j;
  }
  return (j - i >= 5 && digits >= 3) ? j - i : 0;
}

// The identifier as written (original case).
std::string Slice(std::string_view s, const Text& t, std::size_t a, std::size_t b) {
  return std::string(s.substr(t.off[a], t.off[b] - t.off[a]));
}

void FindNumbers(std::string_view s, const Text& t, std::vector<Candidate>& out) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t.may[i]) continue;
    // "#20261122001": a number sign then digits.
    if (t.cp[i] == '#' || t.cp[i] == U'＃') {
      const std::size_t n = IdentifierAt(t, i + 1);
      if (n) out.push_back({i, i + 1 + n, "ORDER_NUMBER", Slice(s, t, i + 1, i + 1 + n)});
    }
    for (const Cue& c : kNumberCues) {
      const std::size_t n = c.latin ? Word(t, i, c.text) : t.Lit(i, c.text);
      if (!n) continue;
      // Up to a few connecting characters: "订单号是", "order #", "order no.: ", "单号为".
      std::size_t j = i + n;
      for (int k = 0; k < 4 && j < t.size() && !t.blocked[j]; ++k) {
        const char32_t ch = t.cp[j];
        if (ch == ' ' || ch == ':' || ch == U'：' || ch == '#' || ch == U'＃' || ch == '.' || ch == U'是' ||
            ch == U'为' || ch == U'號' || ch == U'号' || ch == U'，' || ch == ',') {
          ++j;
        } else if (c.latin && (Word(t, j, U"is") || Word(t, j, U"number") || Word(t, j, U"no"))) {
          j += t.Lit(j, U"is") ? 2 : (t.Lit(j, U"number") ? 6 : 2);
        } else {
          break;
        }
      }
      const std::size_t len = IdentifierAt(t, j);
      if (len) out.push_back({j, j + len, std::string(c.type), Slice(s, t, j, j + len)});
      break;
    }
  }
}

// ---- dates ----------------------------------------------------------------------------------

chr::sys_days Days(CivilDate d) {
  return chr::sys_days{chr::year{d.year} / chr::month{static_cast<unsigned>(d.month)} /
                       chr::day{static_cast<unsigned>(d.day)}};
}
std::string Iso(chr::sys_days d) {
  const chr::year_month_day ymd{d};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}
std::optional<chr::sys_days> Valid(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return chr::sys_days{ymd};
}
// Monday = 1 … Sunday = 7.
int IsoWeekday(chr::sys_days d) { return static_cast<int>(chr::weekday{d}.iso_encoding()); }

int WeekdayChar(char32_t c) {
  switch (c) {
    case U'一': case '1': return 1;
    case U'二': case '2': return 2;
    case U'三': case '3': return 3;
    case U'四': case '4': return 4;
    case U'五': case '5': return 5;
    case U'六': case '6': return 6;
    case U'日': case U'天': case '7': return 7;
    default: return 0;
  }
}

constexpr std::u32string_view kEnWeekdays[] = {U"monday", U"tuesday", U"wednesday", U"thursday",
                                               U"friday", U"saturday", U"sunday"};
constexpr std::u32string_view kEnMonths[] = {U"january", U"february", U"march",     U"april",
                                             U"may",     U"june",     U"july",      U"august",
                                             U"september", U"october", U"november", U"december"};
constexpr std::u32string_view kEnMonthsShort[] = {U"jan", U"feb", U"mar", U"apr", U"may", U"jun",
                                                  U"jul", U"aug", U"sep", U"oct", U"nov", U"dec"};

// A month name at i: its number and length (0 when none). "sept" too; a short form may end
// with a period.
int MonthAt(const Text& t, std::size_t i, std::size_t& len) {
  for (int m = 0; m < 12; ++m) {
    if ((len = Word(t, i, kEnMonths[m]))) return m + 1;
  }
  if ((len = Word(t, i, U"sept"))) return 9;
  for (int m = 0; m < 12; ++m) {
    if ((len = Word(t, i, kEnMonthsShort[m]))) {
      if (t.at(i + len) == '.') ++len;
      return m + 1;
    }
  }
  len = 0;
  return 0;
}

// A day number 1..31 with an optional English ordinal suffix.
std::optional<std::pair<int, std::size_t>> DayAt(const Text& t, std::size_t i) {
  const auto n = ParseArabic(t, i);
  if (!n || n->fraction || n->len > 2 || n->value < 1 || n->value > 31) return std::nullopt;
  std::size_t len = n->len;
  for (std::u32string_view suf : {U"st", U"nd", U"rd", U"th"}) {
    if (t.Lit(i + len, suf) && WordEnd(t, i + len + 2)) {
      len += 2;
      break;
    }
  }
  if (IsAsciiAlnum(t.at(i + len))) return std::nullopt;
  return std::make_pair(static_cast<int>(n->value), len);
}

void FindDates(const Text& t, CivilDate today_date, std::vector<Candidate>& out) {
  const chr::sys_days today = Days(today_date);
  const int today_wd = IsoWeekday(today);
  const chr::sys_days monday = today - chr::days{today_wd - 1};
  auto add = [&](std::size_t a, std::size_t b, chr::sys_days d) { out.push_back({a, b, "DATE", Iso(d)}); };

  struct Rel {
    std::u32string_view text;
    int days;
    bool latin;
  };
  static constexpr Rel kRelative[] = {
      {U"大后天", 3, false},  {U"后天", 2, false},  {U"明天", 1, false},   {U"明日", 1, false},
      {U"今天", 0, false},    {U"今日", 0, false},  {U"昨天", -1, false},  {U"昨日", -1, false},
      {U"前天", -2, false},   {U"大前天", -3, false},
      {U"the day after tomorrow", 2, true},         {U"day after tomorrow", 2, true},
      {U"the day before yesterday", -2, true},      {U"tomorrow", 1, true},
      {U"today", 0, true},    {U"tonight", 0, true}, {U"yesterday", -1, true},
  };

  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t.may[i]) continue;
    for (const Rel& r : kRelative) {
      const std::size_t n = r.latin ? Word(t, i, r.text) : t.Lit(i, r.text);
      if (n) {
        add(i, i + n, today + chr::days{r.days});
        break;
      }
    }
    // 下周一 / 下下周三 / 本周五 / 这个星期六 / 上礼拜天 / 周五
    {
      std::size_t j = i;
      int week = 0;
      bool explicit_week = true;
      if (t.Lit(j, U"下下")) { week = 2; j += 2; }
      else if (t.Lit(j, U"下个") || t.Lit(j, U"上个") || t.Lit(j, U"这个")) { week = t.cp[j] == U'下' ? 1 : t.cp[j] == U'上' ? -1 : 0; j += 2; }
      else if (t.Lit(j, U"下")) { week = 1; ++j; }
      else if (t.Lit(j, U"上")) { week = -1; ++j; }
      else if (t.Lit(j, U"本") || t.Lit(j, U"这")) { week = 0; ++j; }
      else explicit_week = false;
      std::size_t n = t.Lit(j, U"星期") ? 2 : t.Lit(j, U"礼拜") ? 2 : t.Lit(j, U"周") ? 1 : 0;
      if (n) {
        const int wd = WeekdayChar(t.at(j + n));
        // 周末 = the coming Saturday.
        const bool weekend = t.Lit(j + n, U"末");
        if ((wd && !t.blocked[j + n]) || weekend) {
          const int target = weekend ? 6 : wd;
          chr::sys_days d;
          if (explicit_week) {
            d = monday + chr::days{7 * week + target - 1};
          } else {
            d = today + chr::days{(target - today_wd + 7) % 7};
          }
          // Not the start of a longer number ("周12" is not a weekday).
          if (Digit(t.at(j + n + 1)) < 0) add(i, j + n + 1, d);
        }
      }
    }
    // next Monday / this Friday / last Sunday / on Monday / Monday
    if (WordStart(t, i)) {
      std::size_t j = i;
      int week = 0;
      bool explicit_week = true;
      if (std::size_t n = Word(t, j, U"next")) { week = 1; j = SkipSpaces(t, j + n); }
      else if ((n = Word(t, j, U"this"))) { week = 0; j = SkipSpaces(t, j + n); }
      else if ((n = Word(t, j, U"last"))) { week = -1; j = SkipSpaces(t, j + n); }
      else explicit_week = false;
      for (int w = 0; w < 7; ++w) {
        const std::size_t n = Word(t, j, kEnWeekdays[w]);
        if (!n) continue;
        const int target = w + 1;
        const chr::sys_days d = explicit_week ? monday + chr::days{7 * week + target - 1}
                                              : today + chr::days{(target - today_wd + 7) % 7};
        add(i, j + n, d);
        break;
      }
      if (explicit_week && Word(t, j, U"week")) {
        // "next week": its Monday.
        add(i, j + 4, monday + chr::days{7 * week});
      }
    }
    // 3天后 / 三天以后 / in 3 days
    if (const auto num = ParseNumber(t, i); num && !num->fraction && num->value > 0 && num->value <= 366 &&
                                            (i == 0 || (Digit(t.cp[i - 1]) < 0 && HanDigit(t.cp[i - 1]) < 0))) {
      std::size_t j = i + num->len;
      if (t.Lit(j, U"天后") || t.Lit(j, U"天之后") || t.Lit(j, U"天以后")) {
        const std::size_t n = t.Lit(j, U"天后") ? 2 : 3;
        add(i, j + n, today + chr::days{static_cast<int>(num->value)});
      }
    }
    if (std::size_t n = Word(t, i, U"in")) {
      std::size_t j = SkipSpaces(t, i + n);
      if (const auto num = ParseArabic(t, j); num && !num->fraction && num->value <= 366) {
        std::size_t k = SkipSpaces(t, j + num->len);
        std::size_t w = Word(t, k, U"days");
        if (!w) w = Word(t, k, U"day");
        if (w) add(i, k + w, today + chr::days{static_cast<int>(num->value)});
      }
    }
    // 2026年11月30日 / 11月30号 / 2026-11-30 / 2026/11/30
    if (const auto y = ParseArabic(t, i); y && !y->fraction) {
      std::size_t j = i + y->len;
      if (y->len == 4 && (t.at(j) == '-' || t.at(j) == '/' || t.at(j) == U'年')) {
        const char32_t sep = t.at(j);
        const auto m = ParseArabic(t, j + 1);
        if (m && m->len <= 2) {
          std::size_t k = j + 1 + m->len;
          const char32_t sep2 = sep == U'年' ? U'月' : sep;
          if (t.at(k) == sep2) {
            const auto d = ParseArabic(t, k + 1);
            if (d && d->len <= 2) {
              std::size_t e = k + 1 + d->len;
              if (sep == U'年' && (t.at(e) == U'日' || t.at(e) == U'号')) ++e;
              if (sep != U'年' || e > k + 1 + d->len) {
                if (auto v = Valid(static_cast<int>(y->value), static_cast<int>(m->value), static_cast<int>(d->value));
                    v && Digit(t.at(e)) < 0) {
                  add(i, e, *v);
                }
              }
            }
          }
        }
      }
    }
    // 11月30日 / 11月30号 / 十一月三十号 (this year)
    if (const auto m = ParseNumber(t, i); m && !m->fraction && m->value >= 1 && m->value <= 12 &&
                                          (i == 0 || (Digit(t.cp[i - 1]) < 0 && t.cp[i - 1] != U'年' &&
                                                      HanDigit(t.cp[i - 1]) < 0))) {
      std::size_t j = i + m->len;
      if (t.Lit(j, U"月")) {
        const auto d = ParseNumber(t, j + 1);
        if (d && !d->fraction) {
          std::size_t e = j + 1 + d->len;
          if (t.Lit(e, U"日") || t.Lit(e, U"号") || t.Lit(e, U"號")) {
            if (auto v = Valid(today_date.year, static_cast<int>(m->value), static_cast<int>(d->value))) {
              add(i, e + 1, *v);
            }
          }
        }
      }
    }
    // November 30th, 2026 / Nov 30 / 30 November / the 30th of November
    if (std::size_t mlen = 0; int month = MonthAt(t, i, mlen)) {
      std::size_t j = SkipSpaces(t, i + mlen);
      if (auto d = DayAt(t, j)) {
        std::size_t e = j + d->second;
        int year = today_date.year;
        std::size_t k = e;
        if (t.at(k) == ',') ++k;
        k = SkipSpaces(t, k);
        if (const auto y = ParseArabic(t, k); y && y->len == 4 && !y->fraction) {
          year = static_cast<int>(y->value);
          e = k + 4;
        }
        if (auto v = Valid(year, month, d->first)) add(i, e, *v);
      }
    }
    if (WordStart(t, i)) {
      if (auto d = DayAt(t, i)) {
        std::size_t j = SkipSpaces(t, i + d->second);
        if (std::size_t n = Word(t, j, U"of")) j = SkipSpaces(t, j + n);
        std::size_t mlen = 0;
        if (int month = MonthAt(t, j, mlen)) {
          if (auto v = Valid(today_date.year, month, d->first)) add(i, j + mlen, *v);
        }
      }
    }
  }
}

// ---- times ----------------------------------------------------------------------------------

std::string Clock(int h, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  return buf;
}

void FindTimes(const Text& t, std::vector<Candidate>& out) {
  struct Period {
    std::u32string_view text;
    int kind;  // 0 morning, 1 noon, 2 afternoon/evening
  };
  static constexpr Period kPeriods[] = {
      {U"凌晨", 0}, {U"早上", 0}, {U"早晨", 0}, {U"上午", 0}, {U"中午", 1},
      {U"下午", 2}, {U"傍晚", 2}, {U"晚上", 2}, {U"今晚", 2}, {U"夜里", 2},
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!t.may[i]) continue;
    // 下午3点半 / 上午十点 / 3点15分 / 晚上8点
    {
      std::size_t j = i;
      int period = -1;
      for (const Period& p : kPeriods) {
        if (std::size_t n = t.Lit(j, p.text)) {
          period = p.kind;
          j += n;
          break;
        }
      }
      const bool boundary = period >= 0 || i == 0 ||
                            (Digit(t.cp[i - 1]) < 0 && HanDigit(t.cp[i - 1]) < 0 && t.cp[i - 1] != U'十' &&
                             t.cp[i - 1] != '.' && t.cp[i - 1] != U'有');
      const auto h = boundary ? ParseNumber(t, j) : std::nullopt;
      if (h && !h->fraction && h->value <= 24 && (t.Lit(j + h->len, U"点") || t.Lit(j + h->len, U"點"))) {
        std::size_t e = j + h->len + 1;
        int minutes = 0;
        bool has_minutes = false;
        if (t.Lit(e, U"半")) { minutes = 30; ++e; has_minutes = true; }
        else if (t.Lit(e, U"一刻")) { minutes = 15; e += 2; has_minutes = true; }
        else if (t.Lit(e, U"三刻")) { minutes = 45; e += 2; has_minutes = true; }
        else if (const auto m = ParseNumber(t, e); m && !m->fraction && m->value < 60) {
          minutes = static_cast<int>(m->value);
          e += m->len;
          if (t.Lit(e, U"分")) ++e;
          has_minutes = true;
        }
        if (t.Lit(e, U"钟")) ++e;
        // 一点 / 两点 alone mostly mean "a little" / "two points": a Han hour needs a period word,
        // minutes or 钟.
        const bool plain_han = h->han && period < 0 && !has_minutes && !t.Lit(e - 1, U"钟");
        if (!plain_han) {
          int hour = static_cast<int>(h->value);
          if (period == 2 && hour < 12) hour += 12;
          if (period == 1 && hour < 11) hour += 12;
          if (hour == 24) hour = 0;
          out.push_back({i, e, "TIME", Clock(hour, minutes)});
        }
      }
    }
    // 15:30 / 3:30pm / 3 pm / 10am
    if (const auto h = ParseArabic(t, i); h && !h->fraction && h->len <= 2 && (i == 0 || t.cp[i - 1] != ':')) {
      std::size_t j = i + h->len;
      int hour = static_cast<int>(h->value), minutes = -1;
      if ((t.at(j) == ':' || t.at(j) == U'：') && Digit(t.at(j + 1)) >= 0 && Digit(t.at(j + 2)) >= 0 &&
          Digit(t.at(j + 3)) < 0) {
        minutes = Digit(t.cp[j + 1]) * 10 + Digit(t.cp[j + 2]);
        j += 3;
      }
      std::size_t k = SkipSpaces(t, j);
      int ampm = 0;
      for (auto [w, v] : {std::pair{U"am", 1}, {U"a.m.", 1}, {U"pm", 2}, {U"p.m.", 2}}) {
        const std::u32string_view word = w;
        const std::size_t n = t.Lit(k, word);
        if (n && (word.back() == '.' || WordEnd(t, k + n))) {
          ampm = v;
          k += n;
          break;
        }
      }
      if ((minutes >= 0 || ampm) && minutes < 60) {
        if (ampm && (hour < 1 || hour > 12)) continue;
        if (!ampm && hour > 23) continue;
        if (ampm == 2 && hour < 12) hour += 12;
        if (ampm == 1 && hour == 12) hour = 0;
        out.push_back({i, ampm ? k : j, "TIME", Clock(hour, std::max(minutes, 0))});
      }
    }
  }
}

// ---- products -------------------------------------------------------------------------------

std::u32string Lower(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    char32_t c = text::DecodeAt(s, i, &len);
    if (len == 0) len = 1;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    out.push_back(c);
    i += len;
  }
  return out;
}

}  // namespace

EntityExtractor::EntityExtractor(std::vector<std::string> products) {
  for (std::string& p : products) {
    std::u32string key = Lower(p);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (key.size() < 2) continue;
    products_.push_back({std::move(key), std::move(p)});
  }
  std::sort(products_.begin(), products_.end(), [](const Product& a, const Product& b) {
    if (a.key[0] != b.key[0]) return a.key[0] < b.key[0];
    return a.key.size() > b.key.size();
  });
  products_.erase(std::unique(products_.begin(), products_.end(),
                              [](const Product& a, const Product& b) { return a.key == b.key; }),
                  products_.end());
}

std::vector<Entity> EntityExtractor::Extract(std::string_view s, CivilDate today) const {
  thread_local Text t;
  t.Reset(s);
  MarkStarts(t);
  thread_local std::vector<Candidate> found;
  found.clear();
  FindNumbers(s, t, found);
  FindAmounts(t, found);
  FindDates(t, today, found);
  FindTimes(t, found);
  if (!products_.empty()) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.blocked[i]) continue;
      auto it = std::lower_bound(products_.begin(), products_.end(), t.cp[i],
                                 [](const Product& p, char32_t c) { return p.key[0] < c; });
      for (; it != products_.end() && it->key[0] == t.cp[i]; ++it) {
        const std::size_t n = t.Lit(i, it->key);
        if (!n) continue;
        // Latin names match whole words.
        if (IsAsciiAlnum(it->key.front()) && !WordStart(t, i)) continue;
        if (IsAsciiAlnum(it->key.back()) && !WordEnd(t, i + n)) continue;
        found.push_back({i, i + n, "PRODUCT", it->name});
        break;  // longest first
      }
    }
  }
  // Overlaps: the longest wins; on a tie, the one found first (numbers, amounts, dates, times,
  // products).
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return (a.end - a.start) > (b.end - b.start);
  });
  std::vector<Candidate> kept;
  for (Candidate& c : found) {
    if (c.end <= c.start) continue;
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return c.start < k.end && k.start < c.end;
    });
    if (!overlaps) kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) { return a.start < b.start; });
  std::vector<Entity> out;
  out.reserve(kept.size());
  for (Candidate& c : kept) {
    Entity e;
    e.type = std::move(c.type);
    e.start = t.off[c.start];
    e.end = t.off[c.end];
    e.text = std::string(s.substr(e.start, e.end - e.start));
    e.value = std::move(c.value);
    out.push_back(std::move(e));
  }
  return out;
}

struct TimeZone::Impl {
  std::mutex mu;  // ICU time zones are not documented as safe for concurrent use
  std::unique_ptr<icu::TimeZone> tz;
};

common::StatusOr<TimeZone> TimeZone::Load(std::string_view name) {
  TimeZone z;
  z.impl_ = std::make_shared<Impl>();
  if (name.empty()) {
    z.impl_->tz.reset(icu::TimeZone::createDefault());
  } else {
    z.impl_->tz.reset(icu::TimeZone::createTimeZone(
        icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())))));
    if (!z.impl_->tz || *z.impl_->tz == icu::TimeZone::getUnknown()) {
      return common::InvalidArgumentError("unknown time zone \"" + std::string(name) +
                                          "\" (use an IANA name such as Asia/Shanghai or UTC)");
    }
  }
  if (!z.impl_->tz) return common::InternalError("cannot load the time zone");
  icu::UnicodeString id;
  z.impl_->tz->getID(id);
  id.toUTF8String(z.name_);
  return z;
}

CivilDate TimeZone::DateAt(std::int64_t unix_ms) const {
  std::int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  if (impl_) {
    std::lock_guard lock(impl_->mu);
    impl_->tz->getOffset(static_cast<UDate>(unix_ms), false, raw, dst, status);
  }
  if (U_FAILURE(status)) raw = dst = 0;
  const std::int64_t local_ms = unix_ms + raw + dst;
  const chr::sys_days day = chr::floor<chr::days>(chr::sys_time<chr::milliseconds>(chr::milliseconds(local_ms)));
  const chr::year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace hushdesk::nlu
