// FixedRandom: a deterministic common::Random for tests (a counter, not random at all).
#pragma once

#include "common/random.h"

namespace hushdesk::fakes {

class FixedRandom final : public common::Random {
 public:
  void Fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) b = static_cast<std::uint8_t>(next_++);
  }

 private:
  unsigned next_ = 1;
};

}  // namespace hushdesk::fakes
