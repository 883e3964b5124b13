#include "privacy/regex_baseline.h"

#include <hs/hs.h>

#include <string>

#include "privacy/internal/lexicon_data.h"
#include "privacy/internal/scanner.h"
#include "privacy/validators.h"

namespace hushdesk::privacy {
namespace {

// "a b c" → "(?:a|b|c)"
std::string Alternation(std::string_view list) {
  std::string out = "(?:";
  std::size_t i = 0;
  bool first = true;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    std::size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (j > i) {
      if (!first) out += '|';
      out.append(list.substr(i, j - i));
      first = false;
    }
    i = j;
  }
  return out + ")";
}

struct Pattern {
  std::string regex;
  EntityType type;
  int validator;  // 0 none, 1 card, 2 id18, 3 ipv4, 4 iban, 5 uscc, 6 ssn, 7 ipv6
};

std::vector<Pattern> Patterns() {
  using internal::kCnAddressSuffixes;
  const std::string han = "[\\x{4e00}-\\x{9fff}]";
  const std::string surname = Alternation(std::string(internal::kCnSurnames) + " " +
                                          std::string(internal::kCnCompoundSurnames));
  // Vectorscan has no look-around; \b (ASCII word characters, as UCP is off) stands in.
  const std::string B = "\\b", E = "\\b";
  return {
      {B + "(?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}" + E, EntityType::kPhoneNumber, 0},
      {B + "\\(?0\\d{2,3}\\)?[- ]?\\d{7,8}" + E, EntityType::kPhoneNumber, 0},
      {B + "(?:\\+?1[-. ])?\\(?[2-9]\\d{2}\\)?[-. ]?[2-9]\\d{2}[-. ]\\d{4}" + E, EntityType::kPhoneNumber, 0},
      {"\\+\\d{1,3}[- ]?\\d{1,4}(?:[- ]?\\d{2,4}){2,4}" + E, EntityType::kPhoneNumber, 0},
      {B + "\\d{17}[\\dXx]" + E, EntityType::kCnResidentId, 2},
      {B + "(?:\\d{4}[- ]?){3}\\d{1,7}" + E, EntityType::kBankCard, 1},
      {B + "\\d{12,19}" + E, EntityType::kBankCard, 1},
      {B + "\\d{3}-\\d{2}-\\d{4}" + E, EntityType::kUsSsn, 6},
      {"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", EntityType::kEmailAddress, 0},
      {B + "\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}" + E, EntityType::kIpAddress, 3},
      {B + "[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}" + E, EntityType::kIpAddress, 7},
      {B + "[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?" + E, EntityType::kIbanCode, 4},
      {B + "[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}" + E, EntityType::kCnUscc, 5},
      {B + "(?:[EG]\\d{8}|E[A-HJ-NP-Z]\\d{7})" + E, EntityType::kPassport, 0},
      {Alternation(internal::kCnPlateProvinces) + "[A-Z]·?[A-HJ-NP-Z0-9]{5,6}" + E, EntityType::kCnLicensePlate, 0},
      {"(?:https?|ftp)://[^\\s<>\"]+|www\\.[^\\s<>\"]+", EntityType::kUrl, 0},
      {Alternation(internal::kCnNameCuesBefore) + "[:： ]?" + surname + han + "{1,2}", EntityType::kPerson, 0},
      {surname + han + "{0,2}" + Alternation(internal::kCnHonorifics), EntityType::kPerson, 0},
      // The gazetteer-anchored address chain does not compile in Vectorscan ("Pattern is too
      // large", even reduced to one component); the generic chain below stands in for it.
      {han + "{2,8}(?:路|街|大道)[0-9]{1,5}号(?:[0-9A-Za-z-]{1,6}(?:号|栋|幢|单元|室|楼)){0,3}",
       EntityType::kAddress, 0},
      {"(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.? [A-Z][a-z]+(?: [A-Z][a-z]+)?", EntityType::kPerson, 0},
      {"(?:[Mm]y name is|I am|I'm|[Tt]his is) [A-Z][a-z]+(?: [A-Z][a-z]+)?", EntityType::kPerson, 0},
      // Vectorscan refuses the whole first-name list with start-of-match tracking ("Pattern is
      // too large"); the first hundred or so names stand in for it.
      {Alternation(internal::kEnFirstNames.substr(0, internal::kEnFirstNames.find(' ', 700))) +
           " [A-Z][a-z]+",
       EntityType::kPerson, 0},
      {B + "\\d{1,6}(?: [A-Z][a-z]+){1,4} " + Alternation(internal::kEnStreetSuffixes) + "\\.?", EntityType::kAddress, 0},
  };
}

bool Validate(int v, std::string_view s) {
  std::string d;
  for (const char c : s) {
    if (c != ' ' && c != '-') d.push_back(c);
  }
  switch (v) {
    case 1: return CardIinPlausible(d) && LuhnValid(d);
    case 2: return CnResidentId18Valid(d);
    case 3: return Ipv4Valid(s);
    case 4: return IbanValid(d);
    case 5: return CnUsccValid(d);
    case 6: return UsSsnValid(d);
    case 7: return Ipv6Valid(s);
    default: return true;
  }
}

}  // namespace

struct RegexBaseline::Impl {
  hs_database_t* db = nullptr;
  std::vector<Pattern> patterns;
  ~Impl() { hs_free_database(db); }
};

RegexBaseline::Scratch::~Scratch() { hs_free_scratch(static_cast<hs_scratch_t*>(hs_scratch_)); }

common::StatusOr<std::unique_ptr<RegexBaseline>> RegexBaseline::Create() {
  auto impl = std::make_unique<Impl>();
  impl->patterns = Patterns();
  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  for (std::size_t k = 0; k < impl->patterns.size(); ++k) {
    exprs.push_back(impl->patterns[k].regex.c_str());
    flags.push_back(HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST);
    ids.push_back(static_cast<unsigned>(k));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &impl->db, &err) != HS_SUCCESS) {
    std::string msg = "vectorscan compile failed";
    if (err != nullptr) {
      msg += " (pattern " + std::to_string(err->expression) + "): " + err->message;
      hs_free_compile_error(err);
    }
    return common::InternalError(msg);
  }
  return std::unique_ptr<RegexBaseline>(new RegexBaseline(std::move(impl)));
}

RegexBaseline::RegexBaseline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RegexBaseline::~RegexBaseline() = default;

std::size_t RegexBaseline::pattern_count() const { return impl_->patterns.size(); }

std::unique_ptr<RegexBaseline::Scratch> RegexBaseline::NewScratch() const {
  auto s = std::make_unique<Scratch>();
  hs_scratch_t* raw = nullptr;
  hs_alloc_scratch(impl_->db, &raw);
  s->hs_scratch_ = raw;
  return s;
}

void RegexBaseline::Detect(std::string_view text, Scratch& scratch, std::vector<Entity>& out) const {
  out.clear();
  struct Ctx {
    std::string_view text;
    const std::vector<Pattern>* patterns;
    std::vector<Entity>* out;
  } ctx{text, &impl_->patterns, &out};
  hs_scan(
      impl_->db, text.data(), static_cast<unsigned>(text.size()), 0, static_cast<hs_scratch_t*>(scratch.hs_scratch_),
      [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* p) -> int {
        auto* c = static_cast<Ctx*>(p);
        const Pattern& pat = (*c->patterns)[id];
        if (Validate(pat.validator, c->text.substr(from, to - from))) {
          c->out->push_back({pat.type, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to), 0.8f});
        }
        return 0;
      },
      &ctx);
  internal::ResolveOverlaps(out, 0.5f);
}

}  // namespace hushdesk::privacy
