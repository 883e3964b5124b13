#include "privacy/entity.h"

namespace hushdesk::privacy {

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (int i = 0; i < kEntityTypeCount; ++i) {
    if (kEntityTypeNames[i] == name) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

}  // namespace hushdesk::privacy
