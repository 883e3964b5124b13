// PhoneValidator: libphonenumber behind a narrow interface, for numbers the scanner cannot
// judge on its own (international and non-Chinese national formats). Chinese mobiles and
// landlines are validated by the scanner without it, which keeps the common case fast.
// Thread-safety: const methods are safe to call concurrently (libphonenumber's util is).
#pragma once

#include <string_view>

namespace hushdesk::privacy::internal {

class PhoneValidator {
 public:
  PhoneValidator();
  // `number` begins with '+' followed by the digits (separators removed).
  // Returns 2 when valid, 1 when only possible (right length for the country), 0 otherwise.
  int International(std::string_view number) const;
  // `digits` in national format; tried against a short list of regions (the US and the
  // commonest European and Asia-Pacific plans). Same return convention.
  int National(std::string_view digits) const;
};

}  // namespace hushdesk::privacy::internal
