#include "app/io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hushdesk::app {

common::StatusOr<File> OpenInput(const std::string& path) {
  if (path.empty() || path == "-") return File(stdin);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return common::NotFoundError("cannot open " + path + ": " + std::strerror(errno));
  return File(f);
}

common::StatusOr<File> OpenOutput(const std::string& path) {
  if (path.empty() || path == "-") return File(stdout);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return common::UnavailableError("cannot create " + path + ": " + std::strerror(errno));
  return File(f);
}

Progress::Progress(std::string_view label, std::FILE* input) : label_(label) {
  struct stat st;
  if (input != nullptr && ::fstat(::fileno(input), &st) == 0 && S_ISREG(st.st_mode) &&
      ::isatty(STDERR_FILENO) == 1) {
    enabled_ = true;
    total_ = static_cast<std::size_t>(st.st_size);
  }
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::Update(std::size_t done) {
  if (!enabled_ || (++calls_ & 1023) != 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(done) / 1e6;
  std::fprintf(stderr, "\r%s: %3.0f%%  %.1f/%.1f MB  %.0f MB/s ", label_.c_str(),
               total_ ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 0.0, mb,
               static_cast<double>(total_) / 1e6, secs > 0 ? mb / secs : 0.0);
}

void Progress::Finish() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void AppendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

}  // namespace hushdesk::app
