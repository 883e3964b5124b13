// Clock: the only way hushdesk code reads time, so tests can control it.
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <chrono>
#include <cstdint>

namespace hushdesk::common {

class Clock {
 public:
  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;

  // Wall-clock time, for timestamps that leave the process (records, receipts).
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Monotonic time, for measuring durations and timeouts.
  virtual std::chrono::steady_clock::time_point Monotonic() const = 0;
};

// The real clock. Built only by app/.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override;
  std::chrono::steady_clock::time_point Monotonic() const override;
};

}  // namespace hushdesk::common
