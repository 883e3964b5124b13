#include "privacy/validators.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hushdesk::privacy {
namespace {

struct Row {
  std::string input;
  bool valid;
};

void Check(bool (*fn)(std::string_view), const std::vector<Row>& rows) {
  for (const auto& r : rows) EXPECT_EQ(fn(r.input), r.valid) << r.input;
}

TEST(Validators, Luhn) {
  Check(LuhnValid, {{"4111111111111111", true}, {"79927398713", true}, {"4111111111111112", false},
                    {"", false}, {"41111a1111111111", false}, {"0", true}});
}

TEST(Validators, CardIssuerRanges) {
  Check(CardIinPlausible, {{"4111111111111111", true},    // Visa
                           {"5500000000000004", true},    // Mastercard
                           {"2221000000000009", true},    // Mastercard 2-series, lower bound
                           {"2720990000000007", true},    // upper bound
                           {"2023111512345678", false},   // looks like a dated order number
                           {"6222021234567890123", true}, // UnionPay 62, 19 digits
                           {"378282246310005", true},     // Amex
                           {"9111111111111111", false},
                           {"41111111111", false}});      // too short
}

TEST(Validators, ResidentId18) {
  Check(CnResidentId18Valid, {{"11010519491231002X", true},
                              {"11010519491231002x", true},
                              {"110105194912310021", false},  // wrong check character
                              {"99010519491231002X", false},  // no province 99
                              {"110105194902300028", false},  // 30 February
                              {"11010518991231002X", false},  // before 1900
                              {"1101051949123100", false}});  // too short
}

TEST(Validators, ResidentId15) {
  Check(CnResidentId15Valid, {{"110105491231002", true}, {"110105491331002", false}, {"990105491231002", false}});
}

TEST(Validators, Uscc) {
  Check(CnUsccValid, {{"91350100M000100Y43", true}, {"91350100M000100Y44", false},
                      {"91350100M000100Y4", false}, {"9135010OM000100Y43", false}});
}

TEST(Validators, Iban) {
  Check(IbanValid, {{"GB82WEST12345698765432", true}, {"gb82west12345698765432", true},
                    {"DE89370400440532013000", true}, {"GB82WEST12345698765433", false},
                    {"GB82WEST1234569876543", false},  // wrong length for GB
                    {"QQ82WEST12345698765432", false}});
}

TEST(Validators, UsSsn) {
  Check(UsSsnValid, {{"536221234", true}, {"000221234", false}, {"666221234", false},
                     {"936221234", false}, {"536001234", false}, {"536220000", false},
                     {"078051120", false}, {"53622123", false}});
}

TEST(Validators, Ipv4AndIpv6) {
  Check(Ipv4Valid, {{"192.168.1.10", true}, {"0.0.0.0", true}, {"256.1.1.1", false},
                    {"1.2.3", false}, {"01.2.3.4", false}, {"1.2.3.4.5", false}});
  Check(Ipv6Valid, {{"2001:db8::1", true}, {"::1", true}, {"fe80::1:2:3:4", true},
                    {"12:30:45", false}, {"2001:db8:::1", false}});
}

TEST(Validators, Dates) {
  EXPECT_TRUE(DateValid(2024, 2, 29));
  EXPECT_FALSE(DateValid(2023, 2, 29));
  EXPECT_FALSE(DateValid(1900, 2, 29));
  EXPECT_TRUE(DateValid(2000, 2, 29));
  EXPECT_FALSE(DateValid(2023, 13, 1));
}

}  // namespace
}  // namespace hushdesk::privacy
