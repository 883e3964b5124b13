// Operators: how each detected item is replaced in the de-identified text.
//
//   tag        <PHONE_NUMBER>
//   mask       138****5678, **** **** **** 5678, 张*, z***@qq.com (what a person needs to recognize)
//   pseudonym  <PHONE_NUMBER#3f9a0c1e> — keyed hash, stable within a scope, not reversible
//   token      ⟦PHONE_NUMBER:3f9a0c1e⟧ — the original sealed in the vault, revealable with the key
//
// Thread-safety: a Redactor is as thread-safe as the Vault it writes to (not thread-safe when
// the token operator is used).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"
#include "privacy/entity.h"
#include "privacy/vault.h"

namespace hushdesk::privacy {

enum class Operator { kTag, kMask, kPseudonym, kToken };

// Parses "tag", "mask", "pseudonym" or "token".
std::optional<Operator> ParseOperator(std::string_view name);

// The masked form of `value` (an item of type `type`), per the rules in the header comment.
std::string Mask(EntityType type, std::string_view value);

class Redactor {
 public:
  // `keys` is needed for kPseudonym and `vault` for kToken; both are borrowed.
  // Create fails with InvalidArgument when an operator in use lacks what it needs.
  static common::StatusOr<Redactor> Create(Operator default_operator, const KeyProvider* keys,
                                           Vault* vault);

  // Uses `op` for entities of `type` instead of the default.
  void SetOperator(EntityType type, Operator op) { per_type_[static_cast<int>(type)] = op; }

  // Appends `text` to `out` with every entity replaced. `entities` must be sorted,
  // non-overlapping byte ranges of `text` (as Detector returns them). `scope` keys pseudonyms
  // and tokens (a conversation or tenant id).
  common::Status Apply(std::string_view text, std::span<const Entity> entities,
                       std::string_view scope, std::string& out) const;

 private:
  Redactor(Operator op, const KeyProvider* keys, Vault* vault) : keys_(keys), vault_(vault) {
    per_type_.fill(op);
  }
  std::array<Operator, kEntityTypeCount> per_type_;
  const KeyProvider* keys_;
  Vault* vault_;
};

}  // namespace hushdesk::privacy
