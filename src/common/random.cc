#include "common/random.h"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hushdesk::common {
namespace {

void FromKernel(std::uint8_t* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = getrandom(out + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      // No entropy source means no safe keys: there is nothing sensible to continue with.
      std::abort();
    }
    done += static_cast<std::size_t>(n);
  }
}

// Kernel randomness fetched 4 KiB at a time per thread, so a nonce per sealed value does not
// cost a system call. Served bytes are wiped from the buffer. (hushdesk does not fork; a fork
// would duplicate the unserved bytes.)
struct Pool {
  std::array<std::uint8_t, 4096> bytes;
  std::size_t next = bytes.size();
  ~Pool() { std::memset(bytes.data(), 0, bytes.size()); }
};

}  // namespace

void SystemRandom::Fill(std::span<std::uint8_t> out) {
  if (out.size() > 256) return FromKernel(out.data(), out.size());
  thread_local Pool pool;
  std::size_t done = 0;
  while (done < out.size()) {
    if (pool.next == pool.bytes.size()) {
      FromKernel(pool.bytes.data(), pool.bytes.size());
      pool.next = 0;
    }
    const std::size_t n = std::min(out.size() - done, pool.bytes.size() - pool.next);
    std::memcpy(out.data() + done, pool.bytes.data() + pool.next, n);
    std::memset(pool.bytes.data() + pool.next, 0, n);
    pool.next += n;
    done += n;
  }
}

}  // namespace hushdesk::common
