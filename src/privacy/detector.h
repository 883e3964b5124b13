// Detector: finds personal data in text. This is the recognizing half of the privacy gate;
// operators.h holds the de-identifying half.
//
// Detection normalizes the text (NFKC per character, so full-width digits and letters match),
// runs one pass of hand-written recognizers over it (see internal/scanner.h), applies context
// words, resolves overlaps, and reports spans against the original text.
//
// Thread-safety: a Detector is immutable after Create() and may be shared; each thread passes
// its own DetectScratch.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "privacy/entity.h"
#include "text/normalize.h"

namespace hushdesk::privacy {

namespace internal {
class Lexicon;
class PhoneValidator;
}  // namespace internal

struct DetectorOptions {
  // Types to report; all by default.
  EntityTypeSet types = EntityTypeSet::All();
  // Candidates scoring below this are dropped.
  float min_score = 0.5f;
};

// Per-thread buffers reused across calls so that detection allocates nothing in steady state.
struct DetectScratch {
  text::NormalizedText normalized;
};

class Detector {
 public:
  // Builds the lexicons and loads ICU and libphonenumber data (tens of milliseconds).
  // Fails with Internal when ICU's normalization data is missing.
  static common::StatusOr<std::unique_ptr<Detector>> Create(const DetectorOptions& options = {});
  ~Detector();

  // Finds personal data in `text`, which must be valid UTF-8 (see text::ValidateUtf8). Replaces
  // the contents of `out` with non-overlapping entities sorted by start, in byte offsets of
  // `text`.
  void Detect(std::string_view text, DetectScratch& scratch, std::vector<Entity>& out) const;

  // Convenience form that allocates its own scratch.
  std::vector<Entity> Detect(std::string_view text) const;

 private:
  Detector(const DetectorOptions& options, std::unique_ptr<text::Normalizer> normalizer);

  const DetectorOptions options_;
  const std::unique_ptr<text::Normalizer> normalizer_;
  const std::unique_ptr<internal::Lexicon> lexicon_;
  const std::unique_ptr<internal::PhoneValidator> phones_;
};

}  // namespace hushdesk::privacy
