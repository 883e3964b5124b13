// Checksum and format validators for structured identifiers. Each takes the identifier's
// characters with separators already removed. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace hushdesk::privacy {

// Luhn (mod 10) check over ASCII digits. False for empty or non-digit input.
bool LuhnValid(std::string_view digits);

// True when `digits` (13–19 digits) starts with a payment-card issuer range: Visa 4, Mastercard
// 51–55 and 2221–2720, Amex 34/37, Diners 30/36/38/39, JCB 35/1800/2131, Discover 6011/644–649/65,
// UnionPay 62/81, Maestro 50/56–69. Length limits per scheme are not enforced (issuers vary).
bool CardIinPlausible(std::string_view digits);

// Mainland China resident identity number, 18 characters: a known province code, a real birth
// date between 1900 and 2099, and the ISO 7064 MOD 11-2 check character (0-9 or X/x).
bool CnResidentId18Valid(std::string_view id);

// Legacy 15-digit resident identity number: province code and a real birth date (19yymmdd).
bool CnResidentId15Valid(std::string_view id);

// Unified social credit code (GB 32100-2015): 18 characters from 0-9 and A-Z less I, O, S, V, Z,
// with the mod-31 check character. Upper case only.
bool CnUsccValid(std::string_view code);

// IBAN: a known country with its exact length, two check digits, and ISO 7064 mod 97-10 == 1.
// Letters may be in either case.
bool IbanValid(std::string_view iban);

// US Social Security Number, 9 digits: area not 000, 666 or 9xx; group not 00; serial not 0000.
bool UsSsnValid(std::string_view digits);

// Dotted-quad IPv4 with each part 0–255 and no leading zeros beyond a single "0".
bool Ipv4Valid(std::string_view s);

// IPv6 in any textual form accepted by inet_pton (incl. "::" and embedded IPv4).
bool Ipv6Valid(std::string_view s);

// True for a real calendar date.
bool DateValid(int year, int month, int day);

}  // namespace hushdesk::privacy
