// The vocabulary of the privacy gate: entity types and detected spans.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hushdesk::privacy {

// Every kind of personal data the gate recognizes. The names (EntityTypeName) are part of the
// command-line and API contract.
enum class EntityType : std::uint8_t {
  kPhoneNumber,
  kEmailAddress,
  kCnResidentId,
  kBankCard,
  kCnUscc,
  kPassport,
  kCnLicensePlate,
  kUsSsn,
  kIbanCode,
  kIpAddress,
  kUrl,
  kPerson,
  kAddress,
};
inline constexpr int kEntityTypeCount = 13;

inline constexpr std::array<std::string_view, kEntityTypeCount> kEntityTypeNames = {
    "PHONE_NUMBER", "EMAIL_ADDRESS", "CN_RESIDENT_ID", "BANK_CARD", "CN_USCC",
    "PASSPORT",     "CN_LICENSE_PLATE", "US_SSN",      "IBAN_CODE", "IP_ADDRESS",
    "URL",          "PERSON",        "ADDRESS"};

// "PHONE_NUMBER", etc.
constexpr std::string_view EntityTypeName(EntityType t) {
  return kEntityTypeNames[static_cast<int>(t)];
}
// The type named `name` (exactly as EntityTypeName spells it), or nullopt.
std::optional<EntityType> ParseEntityType(std::string_view name);

// A set of entity types, as a bit mask.
class EntityTypeSet {
 public:
  constexpr EntityTypeSet() = default;
  static constexpr EntityTypeSet All() {
    EntityTypeSet s;
    s.bits_ = (1u << kEntityTypeCount) - 1;
    return s;
  }
  constexpr bool contains(EntityType t) const { return bits_ & (1u << static_cast<int>(t)); }
  constexpr void insert(EntityType t) { bits_ |= 1u << static_cast<int>(t); }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  std::uint32_t bits_ = 0;
};

// One finding: [start, end) in bytes of the text given to the detector, end exclusive.
struct Entity {
  EntityType type;
  std::uint32_t start;
  std::uint32_t end;
  float score;  // confidence in [0, 1]
};

}  // namespace hushdesk::privacy
