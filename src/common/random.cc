#include "common/random.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace hushdesk::common {

void SystemRandom::Fill(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      // No entropy source means no safe keys: there is nothing sensible to continue with.
      std::abort();
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace hushdesk::common
