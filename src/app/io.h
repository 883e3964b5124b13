// Small helpers shared by the streaming subcommands: opening inputs and outputs, a progress
// indicator on a terminal, and JSON string escaping.
#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace hushdesk::app {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdin && f != stdout) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// Opens `path` for reading ("-" or empty: standard input).
common::StatusOr<File> OpenInput(const std::string& path);
// Opens `path` for writing ("-" or empty: standard output).
common::StatusOr<File> OpenOutput(const std::string& path);

// Shows "redact: 41% 1.2 GB/2.9 GB 310 MB/s" on stderr, refreshed a few times a second, when
// the input is a regular file and stderr is a terminal; silent otherwise.
class Progress {
 public:
  Progress(std::string_view label, std::FILE* input);
  // Call often; cheap when nothing is shown.
  void Update(std::size_t bytes_done);
  // Clears the line.
  void Finish();

 private:
  std::string label_;
  std::size_t total_ = 0;
  bool enabled_ = false;
  std::size_t calls_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
};

// Appends `s` to `out` as a JSON string literal (with quotes).
void AppendJsonString(std::string_view s, std::string& out);

}  // namespace hushdesk::app
