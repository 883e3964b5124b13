#include "privacy/detector.h"

#include "privacy/internal/lexicon.h"
#include "privacy/internal/phone.h"
#include "privacy/internal/scanner.h"

namespace hushdesk::privacy {

common::StatusOr<std::unique_ptr<Detector>> Detector::Create(const DetectorOptions& options) {
  auto normalizer = text::Normalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  return std::unique_ptr<Detector>(new Detector(options, std::move(*normalizer)));
}

Detector::Detector(const DetectorOptions& options, std::unique_ptr<text::Normalizer> normalizer)
    : options_(options),
      normalizer_(std::move(normalizer)),
      lexicon_(std::make_unique<internal::Lexicon>()),
      phones_(std::make_unique<internal::PhoneValidator>()) {}

Detector::~Detector() = default;

void Detector::Detect(std::string_view text, DetectScratch& scratch,
                      std::vector<Entity>& out) const {
  out.clear();
  normalizer_->Normalize(text, scratch.normalized);
  const text::NormalizedText& norm = scratch.normalized;
  internal::Scanner(norm.text(), *lexicon_, *phones_, out).Run();
  internal::ApplyContext(norm.text(), out);
  std::erase_if(out, [this](const Entity& e) { return !options_.types.contains(e.type); });
  internal::ResolveOverlaps(out, options_.min_score);
  if (norm.changed()) {
    for (Entity& e : out) {
      e.start = static_cast<std::uint32_t>(norm.OriginalStart(e.start));
      e.end = static_cast<std::uint32_t>(norm.OriginalEnd(e.end));
    }
  }
}

std::vector<Entity> Detector::Detect(std::string_view text) const {
  DetectScratch scratch;
  std::vector<Entity> out;
  Detect(text, scratch, out);
  return out;
}

}  // namespace hushdesk::privacy
