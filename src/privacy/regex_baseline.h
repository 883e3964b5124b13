// RegexBaseline: the same recognizers written as plain regular expressions, compiled into one
// Vectorscan (Hyperscan) database, with each match checked by the same validators. It exists to
// be measured against Detector (`hushdesk bench pii`, bench/pii_bench): it is not on the
// message path. docs/benchmarks.md records why the hand-written scanner was kept.
//
// Thread-safety: the compiled database is shared; each thread needs its own Scratch.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "privacy/entity.h"

namespace hushdesk::privacy {

class RegexBaseline {
 public:
  static common::StatusOr<std::unique_ptr<RegexBaseline>> Create();
  ~RegexBaseline();

  // Per-thread Vectorscan scratch space.
  class Scratch {
   public:
    Scratch() = default;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch();

   private:
    friend class RegexBaseline;
    void* hs_scratch_ = nullptr;  // hs_scratch_t
  };
  std::unique_ptr<Scratch> NewScratch() const;

  // Finds candidate spans (byte offsets) and keeps those the validators accept.
  void Detect(std::string_view text, Scratch& scratch, std::vector<Entity>& out) const;

  // Number of patterns in the database.
  std::size_t pattern_count() const;

 private:
  struct Impl;
  explicit RegexBaseline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hushdesk::privacy
