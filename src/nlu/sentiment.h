// Sentiment of a customer message — negative, neutral or positive — and anger as its own
// signal, in zh and en.
//
// Polarity comes from a trained text classifier (the intent model's architecture, trained on
// rows labelled negative/neutral/positive; a two-class model without "neutral" works too) or,
// when no model is configured, from a built-in lexicon with negation handling. Anger is not a
// polarity: a message can be negative without being angry ("my parcel is late") and angry
// phrasing is what should bring a human in. It is scored from anger words, insults, threats to
// complain or leave, and shouting (exclamation runs, capitals), weighed by how negative the
// message is.
//
// Thread-safety: immutable after construction; Analyze may run on many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "nlu/csv.h"
#include "nlu/intent.h"

namespace hushdesk::nlu {

enum class Polarity { kNegative, kNeutral, kPositive };
std::string_view PolarityName(Polarity p);

struct Sentiment {
  Polarity polarity = Polarity::kNeutral;
  float negative = 0, neutral = 0, positive = 0;  // probabilities, summing to 1
  float anger = 0;                                // 0..1
  bool angry = false;                             // anger ≥ kAngerThreshold
};

inline constexpr float kAngerThreshold = 0.5f;

class SentimentModel {
 public:
  // The built-in lexicon (no training data needed).
  SentimentModel();

  // Trains the classifier; every label must be negative, neutral or positive.
  static common::StatusOr<SentimentModel> Train(const std::vector<Example>& data, TrainOptions options);
  // Loads a model written by Save (an intent-model file whose labels are polarities).
  static common::StatusOr<SentimentModel> Load(const std::string& path);
  common::Status Save(const std::string& path) const;

  Sentiment Analyze(std::string_view text) const;

  // Which polarity source is used: "lexicon" or "model".
  std::string_view kind() const { return classifier_ ? "model" : "lexicon"; }

 private:
  explicit SentimentModel(IntentModel classifier);
  common::Status MapLabels();

  std::shared_ptr<const IntentModel> classifier_;
  std::vector<int> polarity_of_label_;  // label index → Polarity
};

// The anger score of `text` alone (0..1), before weighing by polarity; exposed for tests.
float AngerCues(std::string_view text);

}  // namespace hushdesk::nlu
