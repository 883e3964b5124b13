// The intent classifier: what a customer wants, in zh or en, with a confidence, and "out of
// scope" when no intent fits.
//
// Model: fastText-style. A text becomes hashed features — words (ASCII lower-cased; each Han
// character a word), word bigrams, and character 3- to 5-grams of Latin words — whose learned
// embeddings are averaged and scored against each label (softmax), trained by SGD with a
// linearly decaying rate. Out of scope: the label "oos" when the training data has it, and then
// also a confidence threshold calibrated on a held-out part of the training data (the highest
// that costs at most TrainOptions::max_in_scope_loss of in-scope accuracy there).
//
// Thread-safety: a trained model is immutable; Predict may run on many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "nlu/csv.h"

namespace hushdesk::nlu {

inline constexpr std::string_view kOutOfScope = "oos";

struct TrainOptions {
  int dim = 64;
  int epochs = 25;
  float learning_rate = 0.5f;
  int min_count = 2;             // features seen fewer times are dropped
  double calibration_fraction = 0.1;  // held out to calibrate the out-of-scope threshold
  // The threshold may cost at most this much in-scope accuracy on the held-out part.
  double max_in_scope_loss = 0.015;
  // Calibrate the threshold even when the data has no "oos" rows (real traffic often has
  // out-of-scope queries that training sets lack, e.g. HINT3).
  bool calibrate_without_oos = false;
  std::uint64_t seed = 1;
  // Called with (done, total) work units while training; may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct Prediction {
  std::string_view label;  // kOutOfScope when below the threshold
  float confidence = 0;    // the top in-scope probability
};

class IntentModel {
 public:
  static common::StatusOr<IntentModel> Train(const std::vector<Example>& data,
                                             const TrainOptions& options);
  static common::StatusOr<IntentModel> Load(const std::string& path);
  common::Status Save(const std::string& path) const;

  Prediction Predict(std::string_view text) const;
  // The probability of every label (in the order of labels()), summing to 1.
  void Probabilities(std::string_view text, std::vector<float>& probs) const;

  const std::vector<std::string>& labels() const { return labels_; }
  float threshold() const { return threshold_; }
  bool has_out_of_scope() const { return oos_ >= 0; }

 private:
  // Feature ids of `text` (indices into the embedding table; unknown features dropped).
  void Features(std::string_view text, std::vector<std::uint32_t>& out) const;
  void Scores(const std::vector<std::uint32_t>& features, std::vector<float>& probs) const;
  Prediction Decide(const std::vector<float>& probs) const;
  // Builds the feature index and the transposed output matrix (after training or loading).
  void BuildIndex();

  int dim_ = 0;
  std::vector<std::string> labels_;
  int oos_ = -1;  // index of kOutOfScope in labels_, or -1
  float threshold_ = 0;
  std::vector<std::uint64_t> feature_hashes_;  // sorted; position = feature id
  // hash → feature id: open addressing, linear probing, at most half full (one cache line per
  // lookup in the common case; a node-based map took two misses).
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t id = UINT32_MAX;  // UINT32_MAX: empty
  };
  std::vector<Slot> index_;
  std::uint64_t index_mask_ = 0;
  std::uint32_t Lookup(std::uint64_t hash) const;
  std::vector<float> embeddings_;  // feature_hashes_.size() × dim_
  std::vector<float> output_;      // labels_.size() × dim_
  std::vector<float> output_t_;    // the same, transposed (dim_ × labels), for prediction
  // Embeddings for prediction, quantized to int8 with one scale per row: a quarter of the
  // memory, so far more of the rows a message touches are in cache.
  std::vector<std::int8_t> qembed_;
  std::vector<float> qscale_;
};

// Hashes of every feature of `text` (exposed for tests).
void FeatureHashes(std::string_view text, std::vector<std::uint64_t>& out);

}  // namespace hushdesk::nlu
