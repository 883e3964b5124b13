#include "app/line_reader.h"

#include <algorithm>
#include <cstring>

namespace hushdesk::app {

LineReader::LineReader(std::FILE* file, std::size_t max_line_bytes)
    : file_(file), max_line_bytes_(max_line_bytes), buffer_(std::max<std::size_t>(max_line_bytes + 2, 1 << 16), '\0') {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the partial line at the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) return false;
  const std::size_t n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

LineReader::Result LineReader::Next(std::string_view* line) {
  std::size_t scan_from = begin_;
  for (;;) {
    const void* nl = std::memchr(buffer_.data() + scan_from, '\n', end_ - scan_from);
    if (nl != nullptr) {
      const std::size_t pos = static_cast<const char*>(nl) - buffer_.data();
      std::size_t len = pos - begin_;
      const std::size_t start = begin_;
      begin_ = pos + 1;
      bytes_read_ += len + 1;
      ++line_number_;
      if (len > 0 && buffer_[start + len - 1] == '\r') --len;
      if (len > max_line_bytes_) return Result::kTooLong;
      *line = std::string_view(buffer_.data() + start, len);
      return Result::kLine;
    }
    if (end_ - begin_ > max_line_bytes_ + 1) {
      // Too long: drop what we have and skip to the next newline.
      ++line_number_;
      for (;;) {
        bytes_read_ += end_ - begin_;
        begin_ = end_ = 0;
        if (!Fill()) return Result::kTooLong;
        const void* skip = std::memchr(buffer_.data(), '\n', end_);
        if (skip != nullptr) {
          const std::size_t pos = static_cast<const char*>(skip) - buffer_.data();
          bytes_read_ += pos + 1;
          begin_ = pos + 1;
          return Result::kTooLong;
        }
      }
    }
    const std::size_t scanned = end_ - begin_;
    if (!Fill()) {
      if (end_ == begin_) return Result::kEnd;
      // Last line without a trailing newline.
      const std::size_t start = begin_, len = end_ - begin_;
      begin_ = end_;
      bytes_read_ += len;
      ++line_number_;
      if (len > max_line_bytes_) return Result::kTooLong;
      *line = std::string_view(buffer_.data() + start, len);
      return Result::kLine;
    }
    scan_from = begin_ + scanned;
  }
}

}  // namespace hushdesk::app
