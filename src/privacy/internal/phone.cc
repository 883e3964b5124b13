#include "privacy/internal/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace hushdesk::privacy::internal {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

int Check(const std::string& s, const char* region) {
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util->Parse(s, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return 0;
  if (util->IsValidNumber(number)) return 2;
  return util->IsPossibleNumber(number) ? 1 : 0;
}

}  // namespace

PhoneValidator::PhoneValidator() {
  // Load the metadata now rather than on the first message.
  (void)PhoneNumberUtil::GetInstance();
}

int PhoneValidator::International(std::string_view number) const {
  return Check(std::string(number), "ZZ");
}

int PhoneValidator::National(std::string_view digits) const {
  static constexpr const char* kRegions[] = {"US", "GB", "FR", "DE", "AU", "IT",
                                             "ES", "NL", "IN", "BR", "CA", "SG"};
  const std::string s(digits);
  int best = 0;
  for (const char* region : kRegions) {
    const int r = Check(s, region);
    if (r == 2) return 2;
    if (r > best) best = r;
  }
  return best;
}

}  // namespace hushdesk::privacy::internal
