// Latin-script recognizers: alphanumeric identifiers (IBAN, USCC, passports, resident ids
// ending in X), e-mail, URLs, IPv6, English person names and street addresses.
#include <array>
#include <cstring>
#include <string>

#include "privacy/internal/scanner.h"
#include "privacy/validators.h"
#include "text/utf8.h"

namespace hushdesk::privacy::internal {
namespace {

// Street names written as one word in other languages end in a street-type word: Koskikatu,
// Puruntie, Harjukuja, Þorsteinsgata, Kungsvägen, Hauptstraße, Dorfweg, Kerkstraat,
// Vesterbrogade. The word must be longer than the ending by three letters or more.
constexpr std::string_view kStreetEndings[] = {
    "katu", "tie",   "kuja",  "polku",  "gata",   "gatan", "vägen", "vagen", "veien", "vegen",
    "vej",  "gade",  "stræde", "straße", "strasse", "weg", "gasse", "platz", "allee", "straat",
    "laan", "plein", "gracht", "utca",  "ulica",  "vænget", "stræti", "straeti"};
// Words that open a street name: "Via Franscini 71", "Rua do Arenque 1634".
constexpr std::string_view kStreetPrefixes[] = {"Via",   "Viale",  "Piazza", "Corso",  "Rua",   "Avenida",
                                                "Calle", "Carrer", "Paseo",  "Rue",    "Strada", "Ulica",
                                                "Aleja", "Plac",   "Travessa", "Largo"};
// Street-type words written apart and in lower case (Erzsébet tér, Király u.), and the small
// words inside street names (do, de la, van der).
constexpr std::string_view kStreetTypeWords[] = {"tér", "utca", "út", "u", "str", "ul", "ulica", "gade", "vej"};
constexpr std::string_view kStreetParticles[] = {"do",  "da",  "dos", "das", "de",  "del", "della", "di",
                                                 "la",  "le",  "les", "du",  "des", "von", "van",   "der",
                                                 "den", "dei", "degli"};

template <std::size_t N>
bool OneOf(std::string_view w, const std::string_view (&list)[N]) {
  for (const std::string_view x : list) {
    if (x.size() == w.size() && x[0] == w[0] && x == w) return true;
  }
  return false;
}

bool HasStreetEnding(std::string_view w) {
  if (w.size() < 6) return false;
  char last = w.back();
  if (last >= 'A' && last <= 'Z') last = static_cast<char>(last + 32);
  for (const std::string_view e : kStreetEndings) {
    if (e.back() != last || w.size() < e.size() + 3) continue;
    const std::string_view tail = w.substr(w.size() - e.size());
    bool same = true;
    for (std::size_t k = 0; k < e.size() && same; ++k) {
      char c = tail[k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      same = c == e[k];
    }
    if (same) return true;
  }
  return false;
}

bool IsHex(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsEmailLocal(unsigned char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsUrlChar(unsigned char c) {
  return IsAlnum(c) || std::strchr("-._~:/?#[]@!$&'()*+,;=%", c) != nullptr;
}
bool IsLatinLetter(char32_t c) {
  return (c < 0x80 && IsAlpha(static_cast<unsigned char>(c))) ||
         (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7);
}
// Upper case for ASCII, Latin-1 and (approximately) Latin Extended-A.
bool IsLatinUpper(char32_t c) {
  if (c < 0x80) return IsUpper(static_cast<unsigned char>(c));
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x137) return (c & 1) == 0;
  if (c >= 0x139 && c <= 0x148) return (c & 1) == 1;
  if (c >= 0x14A && c <= 0x177) return (c & 1) == 0;
  return c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D;
}
bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char c = word[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[k]) return false;
  }
  return true;
}

constexpr std::array<std::string_view, 10> kTitles = {"Mr", "Mrs", "Ms", "Miss", "Dr",
                                                       "Prof", "Sir", "Madam", "Mx", "Dear"};
// Phrases (lower case, ending just before the name) after which a capitalized word is a name.
constexpr std::array<std::string_view, 21> kNameCues = {
    "my name is ", "name is ",  "i am ",    "i'm ",       "this is ",  "call me ",
    "name: ",      "name:",     "named ",   "called ",    "regards, ", "regards,\n",
    "thanks, ",    "cheers, ",  "user: ",   "customer: ", "signed ",   "contact: ",
    "attn: ",      "recipient: ", "contact person: "};

bool IsTitle(std::string_view w) {
  for (const auto t : kTitles) {
    if (w == t) return true;
  }
  return false;
}

}  // namespace

std::size_t Scanner::ScanAsciiRun(std::size_t i, std::size_t j, bool has_digit, bool has_alpha) {
  const std::string_view run = t_.substr(i, j - i);
  if (j < t_.size() && t_[j] == ':' && run.size() <= 4) {
    bool hex = true;
    for (const char c : run) hex = hex && IsHex(static_cast<unsigned char>(c));
    if (hex) {
      const std::size_t e = ScanIpv6(i);
      if (e > j) return e;
    }
  }
  if (!has_alpha) return ScanDigits(i);
  if (!has_digit) {
    if (((run == "http" || run == "https" || run == "ftp") && t_.substr(j, 3) == "://") ||
        (EqualsLower(run, "www") && j < t_.size() && t_[j] == '.')) {
      return ScanUrl(i);
    }
    if (IsUpper(static_cast<unsigned char>(run[0]))) return ScanCapitalized(i);
    return j;
  }
  // Letters and digits together.
  if (j < t_.size() && (t_[j] == '@' || t_[j] == '.')) return j;  // part of an e-mail or host
  const auto c0 = static_cast<unsigned char>(run[0]);
  const auto c1 = static_cast<unsigned char>(run.size() > 1 ? run[1] : 0);
  // IBAN: country letters and check digits, whole or in groups of four.
  if (IsAlpha(c0) && IsAlpha(c1) && run.size() >= 4 && IsDigit(static_cast<unsigned char>(run[2])) &&
      IsDigit(static_cast<unsigned char>(run[3]))) {
    // Whole ("GB56HXDO88…"), or grouped ("GB56 HXDO 8816 …"): groups of up to four are added
    // until the checksum holds — a short word after a whole IBAN ("… to other") is not a group.
    std::string iban(run);
    std::size_t e = j;
    bool valid = IbanValid(iban);
    while (!valid && iban.size() < 34 && e + 1 < t_.size() && t_[e] == ' ' &&
           IsAlnum(static_cast<unsigned char>(t_[e + 1]))) {
      std::size_t q = e + 1;
      while (q < t_.size() && IsAlnum(static_cast<unsigned char>(t_[q]))) ++q;
      if (q - e - 1 > 4) break;
      iban.append(t_.substr(e + 1, q - e - 1));
      e = q;
      valid = IbanValid(iban);
    }
    if (valid) {
      Emit(EntityType::kIbanCode, i, e, 0.95f);
      return e;
    }
  }
  // Resident id whose check character is X.
  if (run.size() == 18 && (run[17] == 'X' || run[17] == 'x') && CnResidentId18Valid(run)) {
    Emit(EntityType::kCnResidentId, i, j, 0.95f);
    return j;
  }
  if (run.size() == 18 && CnUsccValid(run)) {
    Emit(EntityType::kCnUscc, i, j, 0.9f);
    return j;
  }
  // Passports: Chinese E/G + 8 digits or E + letter + 7 digits; others (1–2 letters and 6–9
  // digits) only with a context word.
  std::size_t letters = 0;
  while (letters < run.size() && IsUpper(static_cast<unsigned char>(run[letters]))) ++letters;
  bool digits_rest = letters > 0 && letters < run.size();
  for (std::size_t k = letters; k < run.size(); ++k) {
    digits_rest = digits_rest && IsDigit(static_cast<unsigned char>(run[k]));
  }
  if (digits_rest) {
    const std::size_t nd = run.size() - letters;
    const bool cn = (letters == 1 && (c0 == 'E' || c0 == 'G') && nd == 8) ||
                    (letters == 2 && c0 == 'E' && c1 != 'I' && c1 != 'O' && nd == 7);
    if (cn) {
      Emit(EntityType::kPassport, i, j, 0.6f);
    } else if (letters <= 2 && nd >= 6 && nd <= 9) {
      Emit(EntityType::kPassport, i, j, 0.3f);
    }
  }
  return j;
}

std::size_t Scanner::ScanEmail(std::size_t at) {
  std::size_t s = at;
  while (s > 0 && IsEmailLocal(static_cast<unsigned char>(t_[s - 1]))) --s;
  while (s < at && (t_[s] == '.' || t_[s] == '-')) ++s;
  if (s == at) return at + 1;
  std::size_t e = at + 1, last_dot = 0;
  while (e < t_.size()) {
    const auto c = static_cast<unsigned char>(t_[e]);
    if (IsAlnum(c) || c == '-') {
      ++e;
    } else if (c == '.' && e + 1 < t_.size() && IsAlnum(static_cast<unsigned char>(t_[e + 1])) &&
               t_[e - 1] != '.') {
      last_dot = e++;
    } else {
      break;
    }
  }
  if (last_dot == 0 || e - last_dot - 1 < 2) return at + 1;
  for (std::size_t k = last_dot + 1; k < e; ++k) {
    if (!IsAlpha(static_cast<unsigned char>(t_[k]))) return at + 1;
  }
  Emit(EntityType::kEmailAddress, s, e, 0.95f);
  return e;
}

std::size_t Scanner::ScanUrl(std::size_t i) {
  std::size_t e = i;
  while (e < t_.size() && IsUrlChar(static_cast<unsigned char>(t_[e]))) ++e;
  while (e > i && std::strchr(".,;:!?)'\"]", t_[e - 1]) != nullptr) --e;
  if (e - i < 8) return i + 3;
  Emit(EntityType::kUrl, i, e, 0.85f);
  return e;
}

std::size_t Scanner::ScanIpv6(std::size_t i) {
  std::size_t e = i, colons = 0;
  while (e < t_.size() && e - i < 45) {
    const auto c = static_cast<unsigned char>(t_[e]);
    if (c == ':') {
      ++colons;
    } else if (!IsHex(c) && c != '.') {
      break;
    }
    ++e;
  }
  while (e > i && (t_[e - 1] == '.' || (t_[e - 1] == ':' && !(e - i >= 2 && t_[e - 2] == ':')))) --e;
  if (colons < 2 || !Ipv6Valid(t_.substr(i, e - i))) return i;
  Emit(EntityType::kIpAddress, i, e, 0.85f);
  return e;
}

// A UK postcode at p ("RG1 8QQ", "SW1A 1AA", "M1 1AE"): its end, or 0.
std::size_t Scanner::UkPostcode(std::size_t p) const {
  const std::size_t n = t_.size();
  auto up = [&](std::size_t k) { return k < n && IsUpper(static_cast<unsigned char>(t_[k])); };
  auto dig = [&](std::size_t k) { return k < n && IsDigit(static_cast<unsigned char>(t_[k])); };
  // Outward code: A9, A99, AA9, AA99, A9A, AA9A.
  std::size_t q = p;
  if (!up(q)) return 0;
  ++q;
  if (up(q)) ++q;
  if (!dig(q)) return 0;
  ++q;
  if (dig(q) || up(q)) ++q;
  if (q >= n || t_[q] != ' ') return 0;
  ++q;
  // Inward code: 9AA.
  if (!dig(q) || !up(q + 1) || !up(q + 2)) return 0;
  q += 3;
  if (q < n && IsAlnum(static_cast<unsigned char>(t_[q]))) return 0;
  return q;
}

std::size_t Scanner::LatinWordEnd(std::size_t p) const {
  std::size_t len;
  while (p < t_.size() && IsLatinLetter(text::DecodeAt(t_, p, &len))) p += len;
  return p;
}

std::size_t Scanner::DigitsAt(std::size_t p) const {
  std::size_t q = p;
  while (q < t_.size() && IsDigit(static_cast<unsigned char>(t_[q]))) ++q;
  return q - p;
}

// "APO AA 42323" (US military post offices: APO/FPO/DPO, AA/AE/AP, a ZIP code).
std::size_t Scanner::MilitaryPostOffice(std::size_t p) const {
  const std::string_view s = t_.substr(p);
  if (s.size() < 12) return 0;
  const std::string_view office = s.substr(0, 3), region = s.substr(4, 2);
  if ((office != "APO" && office != "FPO" && office != "DPO") || s[3] != ' ' || s[6] != ' ') return 0;
  if (region != "AA" && region != "AE" && region != "AP") return 0;
  if (DigitsAt(p + 7) != 5 || (p + 12 < t_.size() && IsAlnum(static_cast<unsigned char>(t_[p + 12])))) return 0;
  return p + 12;
}

std::size_t Scanner::ScanWordFirstAddress(std::size_t i) {
  const std::size_t n = t_.size();
  const std::size_t e0 = LatinWordEnd(i);
  if (e0 == i) return i;
  const std::string_view w0 = t_.substr(i, e0 - i);
  // An address unit on its own: "Apt. 595", "Suite 501", "Unit 4719 Box 7394",
  // "PSC 0413, Box 8144" (with the military post office line when it follows).
  std::size_t p = e0;
  if (p < n && t_[p] == '.') ++p;
  if (p < n && t_[p] == ' ') ++p;
  if (p < n && t_[p] == '#') ++p;
  if (p < n && IsDigit(static_cast<unsigned char>(t_[p])) && (w0 == "PSC" || lex_.IsUnitWord(w0))) {
    const std::size_t d = DigitsAt(p);
    if (d > 6 || (p + d < n && IsAlnum(static_cast<unsigned char>(t_[p + d])))) return i;
    std::size_t end = p + d;
    std::size_t q = end;
    if (q < n && t_[q] == ',') ++q;
    if (q < n && t_[q] == ' ') ++q;
    if (t_.substr(q, 4) == "Box ") {
      const std::size_t bd = DigitsAt(q + 4);
      if (bd > 0 && bd <= 6) end = q + 4 + bd;
    }
    q = end;
    while (q < n && q < end + 3 && (t_[q] == ' ' || t_[q] == '\n' || t_[q] == ',')) ++q;
    if (const std::size_t m = MilitaryPostOffice(q)) end = m;
    Emit(EntityType::kAddress, i, end, 0.7f);
    return end;
  }
  if (const std::size_t m = MilitaryPostOffice(i)) {
    Emit(EntityType::kAddress, i, m, 0.7f);
    return m;
  }
  // "P.O. Box 242", "PO Box 17", "Postbox 21".
  for (const std::string_view box : {"P.O. Box ", "PO Box ", "Postbox "}) {
    if (t_.substr(i, box.size()) != box) continue;
    const std::size_t d = DigitsAt(i + box.size());
    if (d == 0 || d > 6) break;
    const std::size_t end = i + box.size() + d;
    Emit(EntityType::kAddress, i, end, 0.7f);
    return end;
  }
  // The street's name first, then the house number: "Puruntie 82", "Via Franscini 71",
  // "Rua do Arenque 1634", "Király u. 15". It needs a street word somewhere: an opening word
  // (Via, Rua), a street-type ending (-katu, -straße), or a street-type word (Street, tér).
  // Cheap exit first: most capitalized words are followed by a lower-case word or punctuation.
  if (e0 + 1 >= n || t_[e0] != ' ') return i;
  const bool prefix = OneOf(w0, kStreetPrefixes);
  bool street = HasStreetEnding(w0);
  if (!prefix && !street && !IsDigit(static_cast<unsigned char>(t_[e0 + 1])) &&
      !IsLatinUpper(static_cast<unsigned char>(t_[e0 + 1]))) {
    return i;
  }
  p = e0;
  for (int k = 0; k < 4; ++k) {
    if (p + 1 >= n || t_[p] != ' ') break;
    const std::size_t q = p + 1;
    if (IsDigit(static_cast<unsigned char>(t_[q]))) {
      const std::size_t d = DigitsAt(q);
      if (!(street || (prefix && k > 0)) || d > 5) return i;
      std::size_t end = q + d;
      // "12a", but not the start of a longer token.
      if (end < n && IsAlpha(static_cast<unsigned char>(t_[end])) &&
          (end + 1 >= n || !IsAlnum(static_cast<unsigned char>(t_[end + 1])))) {
        ++end;
      } else if (end < n && (IsAlnum(static_cast<unsigned char>(t_[end])) || t_[end] == ',' || t_[end] == '.') &&
                 end + 1 < n && IsDigit(static_cast<unsigned char>(t_[end + 1]))) {
        return i;  // 12,50 or 1.5: an amount, not a house number
      }
      Emit(EntityType::kAddress, i, end, 0.7f);
      return end;
    }
    const std::size_t we = LatinWordEnd(q);
    if (we == q) break;
    const std::string_view w = t_.substr(q, we - q);
    std::size_t len;
    const bool upper = IsLatinUpper(text::DecodeAt(t_, q, &len));
    const bool type_word = OneOf(w, kStreetTypeWords);
    if (!upper && !type_word && !OneOf(w, kStreetParticles)) break;
    street = street || type_word || lex_.IsStreetSuffix(w) || HasStreetEnding(w);
    p = we;
    if (p < n && t_[p] == '.' && (type_word || w.size() <= 3)) ++p;  // "u.", "str."
  }
  return i;
}

std::size_t Scanner::ScanCapitalized(std::size_t i) {
  if (const std::size_t e = ScanWordFirstAddress(i); e > i) return e;
  // Collect up to four capitalized words (or initials) separated by single spaces.
  struct Word {
    std::size_t start, end;
  };
  std::array<Word, 4> words;
  std::size_t count = 0, p = i, stop = i;
  while (count < words.size() && p < t_.size()) {
    std::size_t len, q = p;
    if (!IsLatinUpper(text::DecodeAt(t_, p, &len))) break;
    while (q < t_.size() && IsLatinLetter(text::DecodeAt(t_, q, &len))) {
      q += len;
      if (q + 1 < t_.size() && (t_[q] == '\'' || t_[q] == '-') &&
          IsAlpha(static_cast<unsigned char>(t_[q + 1]))) {
        ++q;
      }
    }
    if (q < t_.size() && IsDigit(static_cast<unsigned char>(t_[q]))) break;
    const std::string_view w = t_.substr(p, q - p);
    // "Mrs. Jane Roe Apt. 5": the unit starts an address, not more of the name.
    if (count > 0) {
      std::size_t u = q;
      if (u < t_.size() && t_[u] == '.') ++u;
      if (u + 1 < t_.size() && t_[u] == ' ' && IsDigit(static_cast<unsigned char>(t_[u + 1])) && lex_.IsUnitWord(w)) break;
    }
    words[count++] = {p, q};
    stop = q;
    if (q < t_.size() && t_[q] == '.' && (w.size() == 1 || IsTitle(w))) ++q;
    if (q + 1 < t_.size() && t_[q] == ' ') {
      p = q + 1;
      continue;
    }
    break;
  }
  if (count == 0) return i + 1;

  // Leading titles and cue words: "Dear Sara", "Mr. Smith".
  std::size_t first = 0;
  bool cue = false;
  while (first < count) {
    const std::string_view w = t_.substr(words[first].start, words[first].end - words[first].start);
    if (IsTitle(w)) {
      cue = true;
    } else if (!lex_.IsNotName(w)) {
      break;
    }
    ++first;
  }
  std::size_t last = count;
  while (last > first) {
    const std::string_view w = t_.substr(words[last - 1].start, words[last - 1].end - words[last - 1].start);
    if (!lex_.IsNotName(w) && !lex_.IsStreetSuffix(w)) break;
    --last;
  }
  if (first >= last) return stop;
  const std::size_t k = last - first;
  if (first == 0 && !cue) {
    // A phrase just before the name: "my name is", "regards,".
    const std::size_t from = i >= 16 ? i - 16 : 0;
    std::string before(t_.substr(from, i - from));
    for (char& c : before) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    for (const auto phrase : kNameCues) {
      if (std::string_view(before).ends_with(phrase)) cue = true;
    }
  }
  const std::string_view w0 = t_.substr(words[first].start, words[first].end - words[first].start);
  const std::string_view wl = t_.substr(words[last - 1].start, words[last - 1].end - words[last - 1].start);
  float score = 0;
  // "Faina D. Yefremova", "Ravil G Yefimov": a middle initial between two words is the shape of
  // a name in any language.
  const bool middle_initial =
      k == 3 && words[first + 1].end - words[first + 1].start == 1 && w0.size() >= 2 && wl.size() >= 2;
  // "Halldór: What a wife." — one word opening a line, then ": " and words: a speaker's label.
  // Field labels ("Fax: 0490…", "ZIP: 3520") are followed by numbers or written in capitals.
  const std::size_t after = words[last - 1].end;
  const bool speaker = k == 1 && first == 0 && (i == 0 || t_[i - 1] == '\n') && w0.size() >= 3 &&
                       !IsUpper(static_cast<unsigned char>(w0[1])) && after + 2 < t_.size() &&
                       t_[after] == ':' && t_[after + 1] == ' ' &&
                       (IsAlpha(static_cast<unsigned char>(t_[after + 2])) ||
                        static_cast<unsigned char>(t_[after + 2]) >= 0xC0);
  if (cue) {
    score = 0.85f;
  } else if (lex_.IsFirstName(w0)) {
    score = k >= 2 ? 0.85f : (speaker ? 0.7f : 0.55f);
  } else if (k >= 2 && lex_.IsLastName(wl)) {
    score = 0.75f;
  } else if (middle_initial) {
    score = 0.8f;
  } else if (speaker) {
    score = 0.6f;
  }
  if (score > 0) Emit(EntityType::kPerson, words[first].start, words[last - 1].end, score);
  return stop;
}

std::size_t Scanner::ScanEnglishAddress(std::size_t start, std::size_t digits_end) {
  // 221 Baker Street, Apt 4, Springfield, IL 62704
  std::size_t p = digits_end, end = 0;
  if (p + 1 >= t_.size() || t_[p] != ' ' || !IsUpper(static_cast<unsigned char>(t_[p + 1]))) {
    return digits_end;
  }
  for (int words = 0; words < 6 && p + 1 < t_.size() && t_[p] == ' '; ++words) {
    std::size_t q = p + 1;
    if (!IsAlnum(static_cast<unsigned char>(t_[q]))) break;
    while (q < t_.size() && IsAlnum(static_cast<unsigned char>(t_[q]))) ++q;
    const std::string_view w = t_.substr(p + 1, q - p - 1);
    if (!IsUpper(static_cast<unsigned char>(w[0])) && !IsDigit(static_cast<unsigned char>(w[0]))) break;
    p = q;
    if (lex_.IsStreetSuffix(w)) {
      if (p < t_.size() && t_[p] == '.') ++p;
      end = p;
      break;
    }
    // "6750 Koskikatu 25": a one-word street name in another language, then its number.
    if (HasStreetEnding(w)) {
      end = p;
      if (p + 1 < t_.size() && t_[p] == ' ') {
        const std::size_t d = DigitsAt(p + 1);
        if (d > 0 && d <= 5) end = p + 1 + d;
      }
      break;
    }
  }
  if (end == 0) return digits_end;
  // Unit: ", Apt 4" / " Suite 200" / " #12".
  std::size_t q = end;
  if (q < t_.size() && t_[q] == ',') ++q;
  if (q < t_.size() && t_[q] == ' ') {
    std::size_t w = q + 1, we = w;
    while (we < t_.size() && IsAlpha(static_cast<unsigned char>(t_[we]))) ++we;
    if (lex_.IsUnitWord(t_.substr(w, we - w)) || (w < t_.size() && t_[w] == '#')) {
      if (we < t_.size() && t_[we] == '.') ++we;
      if (we < t_.size() && (t_[we] == ' ' || t_[we] == '#')) ++we;
      if (we < t_.size() && t_[we] == '#') ++we;
      std::size_t ne = we;
      while (ne < t_.size() && IsAlnum(static_cast<unsigned char>(t_[ne]))) ++ne;
      if (ne > we) end = ne;
    }
  }
  // ", Town AB1 2CD": a town and a UK postcode.
  q = end;
  if (q + 2 < t_.size() && t_[q] == ',' && t_[q + 1] == ' ' && IsUpper(static_cast<unsigned char>(t_[q + 2]))) {
    std::size_t c = q + 2;
    while (c < t_.size() && IsAlpha(static_cast<unsigned char>(t_[c]))) ++c;
    if (c + 1 < t_.size() && t_[c] == ' ') {
      if (const std::size_t pc = UkPostcode(c + 1)) {
        Emit(EntityType::kAddress, start, pc, 0.85f);
        return pc;
      }
    }
  }
  // ", City, ST 12345": capitalized words, a two-letter state, a ZIP code.
  if (q + 2 < t_.size() && t_[q] == ',' && t_[q + 1] == ' ' && IsUpper(static_cast<unsigned char>(t_[q + 2]))) {
    std::size_t c = q + 2;
    while (c < t_.size() && (IsAlpha(static_cast<unsigned char>(t_[c])) || t_[c] == ' ')) ++c;
    if (c + 4 < t_.size() && t_[c] == ',' && t_[c + 1] == ' ' && IsUpper(static_cast<unsigned char>(t_[c + 2])) &&
        IsUpper(static_cast<unsigned char>(t_[c + 3]))) {
      std::size_t z = c + 4;
      end = z;
      if (z + 5 < t_.size() + 1 && z < t_.size() && t_[z] == ' ') {
        std::size_t ze = z + 1;
        while (ze < t_.size() && IsDigit(static_cast<unsigned char>(t_[ze]))) ++ze;
        if (ze - z - 1 == 5) end = ze;
      }
    }
  }
  Emit(EntityType::kAddress, start, end, 0.8f);
  return end;
}

}  // namespace hushdesk::privacy::internal
