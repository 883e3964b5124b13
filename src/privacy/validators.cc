#include "privacy/validators.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

namespace hushdesk::privacy {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

// Province-level codes of GB/T 2260 (the first two digits of a resident id).
bool CnProvinceCode(int code) {
  switch (code) {
    case 11: case 12: case 13: case 14: case 15:
    case 21: case 22: case 23:
    case 31: case 32: case 33: case 34: case 35: case 36: case 37:
    case 41: case 42: case 43: case 44: case 45: case 46:
    case 50: case 51: case 52: case 53: case 54:
    case 61: case 62: case 63: case 64: case 65:
    case 71: case 81: case 82: case 83:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool DateValid(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[month - 1];
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) max = 29;
  return day <= max;
}

bool LuhnValid(std::string_view digits) {
  if (!AllDigits(digits)) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool CardIinPlausible(std::string_view d) {
  if (d.size() < 12 || d.size() > 19 || !AllDigits(d)) return false;
  const int p2 = Num(d.substr(0, 2));
  const int p3 = Num(d.substr(0, 3));
  const int p4 = Num(d.substr(0, 4));
  switch (d[0]) {
    case '4': return true;                                    // Visa
    case '5': return p2 == 50 || (p2 >= 51 && p2 <= 55) || p2 >= 56;  // MC, Maestro
    case '2': return (p4 >= 2221 && p4 <= 2720) || p4 == 2131;  // MC 2-series, JCB
    case '3': return p2 == 34 || p2 == 37 || p2 == 35 || p2 == 30 || p2 == 36 || p2 == 38 ||
                     p2 == 39;
    case '6': return p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || p2 == 62 ||
                     (p2 >= 60 && p2 <= 69);  // Discover, UnionPay, Maestro
    case '1': return p4 == 1800;  // JCB
    case '8': return p2 == 81;    // UnionPay 81 range
    default: return false;
  }
}

bool CnResidentId18Valid(std::string_view id) {
  if (id.size() != 18 || !AllDigits(id.substr(0, 17))) return false;
  const char last = id[17];
  if (!((last >= '0' && last <= '9') || last == 'X' || last == 'x')) return false;
  if (!CnProvinceCode(Num(id.substr(0, 2)))) return false;
  const int year = Num(id.substr(6, 4));
  if (year < 1900 || year > 2099) return false;
  if (!DateValid(year, Num(id.substr(10, 2)), Num(id.substr(12, 2)))) return false;
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  const char want = kCheck[sum % 11];
  return want == (last == 'x' ? 'X' : last);
}

bool CnResidentId15Valid(std::string_view id) {
  if (id.size() != 15 || !AllDigits(id)) return false;
  if (!CnProvinceCode(Num(id.substr(0, 2)))) return false;
  return DateValid(1900 + Num(id.substr(6, 2)), Num(id.substr(8, 2)), Num(id.substr(10, 2)));
}

bool CnUsccValid(std::string_view code) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20,
                                                   29, 25, 13, 8, 24, 10, 30, 28};
  if (code.size() != 18) return false;
  // Registration authority (1st) and category (2nd) and the 6-digit region code.
  if (!AllDigits(code.substr(2, 6))) return false;
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const auto pos = kAlphabet.find(code[i]);
    if (pos == std::string_view::npos) return false;
    sum += static_cast<int>(pos) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return code[17] == kAlphabet[check];
}

namespace {

struct IbanCountry {
  const char* code;
  int length;
};
// ISO 13616 registry lengths.
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
    {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
    {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
    {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
    {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
    {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
    {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
    {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
    {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

}  // namespace

bool IbanValid(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  const char c0 = Upper(iban[0]), c1 = Upper(iban[1]);
  int want = 0;
  for (const auto& country : kIbanCountries) {
    if (country.code[0] == c0 && country.code[1] == c1) {
      want = country.length;
      break;
    }
  }
  if (want != static_cast<int>(iban.size())) return false;
  if (iban[2] < '0' || iban[2] > '9' || iban[3] < '0' || iban[3] > '9') return false;
  // Move the first four characters to the end and compute mod 97 incrementally.
  int rem = 0;
  for (std::size_t k = 0; k < iban.size(); ++k) {
    const char c = Upper(iban[(k + 4) % iban.size()]);
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rem == 1;
}

bool UsSsnValid(std::string_view d) {
  if (d.size() != 9 || !AllDigits(d)) return false;
  const int area = Num(d.substr(0, 3));
  if (area == 0 || area == 666 || area >= 900) return false;
  if (Num(d.substr(3, 2)) == 0) return false;
  if (Num(d.substr(5, 4)) == 0) return false;
  // Numbers used in advertising and never issued.
  if (d == "078051120" || d == "219099999" || d == "123456789") return false;
  return true;
}

bool Ipv4Valid(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    const std::size_t len = j - i;
    if (len == 0 || len > 3) return false;
    if (len > 1 && s[i] == '0') return false;
    if (Num(s.substr(i, len)) > 255) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

bool Ipv6Valid(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  const std::string z(s);
  in6_addr addr;
  return inet_pton(AF_INET6, z.c_str(), &addr) == 1;
}

}  // namespace hushdesk::privacy
