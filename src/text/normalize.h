// Normalization for matching: NFKC per code point (full-width digits, letters and punctuation,
// the ideographic space, circled digits, compatibility forms), with a map back to the original
// byte offsets so that every finding is reported against the text the user gave.
//
// Thread-safety: a Normalizer is immutable after construction and may be shared by threads;
// a NormalizedText is per-thread scratch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace hushdesk::text {

// The result of normalizing one text. When nothing needed to change, text() is the input itself
// and no copy or map is made (the common case for plain ASCII and Chinese text).
class NormalizedText {
 public:
  // The normalized text; valid while the input and this object live.
  std::string_view text() const { return view_; }
  // True when text() differs from the input.
  bool changed() const { return changed_; }

  // Maps a [start, end) byte range of text() to the corresponding range of the original input.
  // A range that begins or ends inside the expansion of one original character is widened to
  // that whole character.
  std::size_t OriginalStart(std::size_t start) const;
  std::size_t OriginalEnd(std::size_t end) const;

 private:
  friend class Normalizer;
  std::string_view view_;
  bool changed_ = false;
  std::size_t input_size_ = 0;
  std::string buffer_;
  // map_[i]: byte offset in the original of the character that produced normalized byte i.
  std::vector<std::uint32_t> map_;
};

// `input` (valid UTF-8) in Unicode Normalization Form C, the canonical form text is stored in.
// Lossless for what a reader sees (unlike NFKC, full-width characters stay full-width).
std::string ToNfc(std::string_view input);

class Normalizer {
 public:
  // Loads ICU's NFKC data. Fails with Internal when ICU cannot provide it.
  static common::StatusOr<std::unique_ptr<Normalizer>> Create();

  // Normalizes `input` into `out`, reusing its buffers. REQUIRES: `input` is valid UTF-8 and
  // outlives `out`'s use.
  void Normalize(std::string_view input, NormalizedText& out) const;

 private:
  explicit Normalizer(const icu::Normalizer2* nfkc) : nfkc_(nfkc) {}
  // Appends the NFKC form of `c` to `out`; returns false when `c` is unchanged by NFKC.
  bool MapCodePoint(char32_t c, std::string& out) const;

  const icu::Normalizer2* const nfkc_;  // owned by ICU, lives for the process
};

}  // namespace hushdesk::text
