#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "text/utf8.h"

namespace hushdesk::text {
namespace {

// CJK Unified Ideographs and Hangul syllables are NFKC-inert; skipping them without a lookup
// keeps Chinese text on the fast path.
bool IsInertFast(char32_t c) {
  return c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3001 && c <= 0x3035);  // CJK punctuation, except U+3000 (ideographic space)
}

}  // namespace

common::StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || nfkc == nullptr) {
    return common::InternalError(std::string("ICU NFKC data unavailable: ") +
                                 u_errorName(status));
  }
  return std::unique_ptr<Normalizer>(new Normalizer(nfkc));
}

bool Normalizer::MapCodePoint(char32_t c, std::string& out) const {
  if (IsInertFast(c)) return false;
  // Full-width ASCII variants and the ideographic space: the bulk of what customers type.
  if (c >= 0xFF01 && c <= 0xFF5E) {
    out.push_back(static_cast<char>(c - 0xFEE0));
    return true;
  }
  if (c == 0x3000) {
    out.push_back(' ');
    return true;
  }
  if (nfkc_->isInert(static_cast<UChar32>(c))) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString src(static_cast<UChar32>(c));
  const icu::UnicodeString dst = nfkc_->normalize(src, status);
  if (U_FAILURE(status) || dst == src) return false;
  dst.toUTF8String(out);
  return true;
}

void Normalizer::Normalize(std::string_view input, NormalizedText& out) const {
  out.input_size_ = input.size();
  out.changed_ = false;
  out.view_ = input;
  // First pass: find the first character that changes, without copying anything.
  std::size_t i = 0, len = 0;
  std::string scratch;
  for (; i < input.size(); i += len) {
    const auto b = static_cast<unsigned char>(input[i]);
    if (b < 0x80) {
      len = 1;
      continue;
    }
    const char32_t c = DecodeAt(input, i, &len);
    scratch.clear();
    if (MapCodePoint(c, scratch)) break;
  }
  if (i >= input.size()) return;

  // Second pass from the first change: copy, map, and record where each byte came from.
  out.changed_ = true;
  out.buffer_.assign(input.data(), i);
  out.buffer_.reserve(input.size() + 16);
  out.map_.resize(i);
  out.map_.reserve(input.size() + 16);
  for (std::size_t k = 0; k < i; ++k) out.map_[k] = static_cast<std::uint32_t>(k);
  while (i < input.size()) {
    // Runs of ASCII and of characters that stay as they are: copied with an identity map.
    const auto b = static_cast<unsigned char>(input[i]);
    if (b < 0x80) {
      out.buffer_.push_back(static_cast<char>(b));
      out.map_.push_back(static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    const char32_t c = DecodeAt(input, i, &len);
    const std::size_t before = out.buffer_.size();
    if (!MapCodePoint(c, out.buffer_)) out.buffer_.append(input.data() + i, len);
    for (std::size_t k = before; k < out.buffer_.size(); ++k) {
      out.map_.push_back(static_cast<std::uint32_t>(i));
    }
    i += len;
  }
  out.view_ = out.buffer_;
}

std::size_t NormalizedText::OriginalStart(std::size_t start) const {
  if (!changed_) return start;
  if (start >= map_.size()) return input_size_;
  return map_[start];
}

std::size_t NormalizedText::OriginalEnd(std::size_t end) const {
  if (!changed_) return end;
  if (end == 0) return 0;
  // The end is where the first byte after the range's last source character begins.
  const std::uint32_t last_source = map_[end - 1];
  for (std::size_t k = end; k < map_.size(); ++k) {
    if (map_[k] != last_source) return map_[k];
  }
  return input_size_;
}

}  // namespace hushdesk::text

namespace hushdesk::text {

std::string ToNfc(std::string_view input) {
  bool ascii = true;
  for (const char c : input) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(input);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(input);
  const icu::StringPiece piece(input.data(), static_cast<int32_t>(input.size()));
  // Most text is already NFC: check on the UTF-8 bytes, without converting to UTF-16.
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(input);
  status = U_ZERO_ERROR;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(piece);
  const icu::UnicodeString n = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(input);
  std::string out;
  n.toUTF8String(out);
  return out;
}

}  // namespace hushdesk::text
