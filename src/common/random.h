// Random: the only source of randomness (keys, nonces, ids), injected so tests are repeatable.
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace hushdesk::common {

class Random {
 public:
  Random() = default;
  Random(const Random&) = delete;
  Random& operator=(const Random&) = delete;
  virtual ~Random() = default;

  // Fills `out` with random bytes. Cryptographic quality in the real implementation.
  virtual void Fill(std::span<std::uint8_t> out) = 0;
};

// Operating-system randomness (getrandom), buffered per thread. Built only by app/.
class SystemRandom final : public Random {
 public:
  void Fill(std::span<std::uint8_t> out) override;
};

}  // namespace hushdesk::common
