// UTF-8 validation, decoding and offset conversion, shared by privacy/ and nlu/.
// All functions are pure and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/status.h"

namespace hushdesk::text {

// Checks that `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
// Returns OK, or InvalidArgument naming the byte offset of the first bad sequence.
common::Status ValidateUtf8(std::string_view s);

// Byte offset of the first invalid sequence in `s`, or s.size() when `s` is valid.
std::size_t FindInvalidUtf8(std::string_view s);

// Decodes the code point starting at s[i]. REQUIRES: `s` is valid UTF-8, i < s.size(), and i is
// at a code point boundary. Sets *len to the number of bytes consumed.
inline char32_t DecodeAt(std::string_view s, std::size_t i, std::size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  }
  if (b0 < 0xE0) {
    *len = 2;
    return ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
  }
  if (b0 < 0xF0) {
    *len = 3;
    return ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
  }
  *len = 4;
  return ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
         ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
         (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
}

// Decodes the code point that ends just before byte `end`. REQUIRES: valid UTF-8, end > 0 and
// at a boundary. Sets *len to its byte length.
char32_t DecodeBefore(std::string_view s, std::size_t end, std::size_t* len);

// Appends the UTF-8 encoding of `c` to `out`. REQUIRES: c is a Unicode scalar value.
void AppendUtf8(char32_t c, std::string& out);

// Number of code points in valid UTF-8 `s`.
std::size_t CodePointCount(std::string_view s);

// Converts byte offsets into code point offsets in one pass. `byte_offsets` must be sorted
// ascending and each at a code point boundary of `s` (or == s.size()); the results are written
// to `out` in the same order. REQUIRES: out.size() == byte_offsets.size().
void ByteToCodePointOffsets(std::string_view s, std::span<const std::size_t> byte_offsets,
                            std::span<std::size_t> out);

// Byte offset of code point index `cp` in valid UTF-8 `s` (s.size() when cp is past the end).
std::size_t CodePointToByteOffset(std::string_view s, std::size_t cp);

}  // namespace hushdesk::text
