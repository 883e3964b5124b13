// LineReader: reads a stream line by line with a hard limit on line length, in constant memory,
// so a multi-gigabyte input or one enormous line never exhausts memory.
// Not thread-safe.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace hushdesk::app {

class LineReader {
 public:
  // Reads from `file` (borrowed). Lines longer than `max_line_bytes` are reported as too long
  // and skipped to their end.
  LineReader(std::FILE* file, std::size_t max_line_bytes);

  enum class Result { kLine, kTooLong, kEnd };
  // Reads the next line (without its '\n' or "\r\n") into *line.
  Result Next(std::string_view* line);

  // 1-based number of the line last returned.
  std::size_t line_number() const { return line_number_; }
  // Bytes consumed so far, for progress reports.
  std::size_t bytes_read() const { return bytes_read_; }

 private:
  bool Fill();

  std::FILE* const file_;
  const std::size_t max_line_bytes_;
  std::string buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  std::size_t line_number_ = 0;
  std::size_t bytes_read_ = 0;
};

}  // namespace hushdesk::app
