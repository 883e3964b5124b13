// The bot's policy: on each customer message (de-identified text — the bot never sees raw
// personal data) understand it, then answer from the knowledge base when confident, offer the
// top suggestions or ask to rephrase when not, and hand off to a human on an explicit request
// (转人工, 人工客服, "agent", "human"), on anger, on a complaint intent, or after two
// low-confidence turns in a row. Once a conversation is with humans the bot stays silent and
// only analyses (agent assist).
//
// Thread-safety: Bot is safe from any thread; SetKnowledgeBase swaps the index atomically.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kb/kb.h"
#include "nlu/entities.h"
#include "nlu/intent.h"
#include "nlu/sentiment.h"

namespace hushdesk::dialog {

struct Suggestion {
  std::string article_id;
  std::string title;   // the article's title or first question
  std::string answer;
  float confidence = 0;
};

struct Understanding {
  std::string lang;             // zh | en (Han characters present → zh)
  std::string intent;           // "" when unknown
  float intent_confidence = 0;
  nlu::Sentiment sentiment;
  bool wants_human = false;     // an explicit request for a person
  std::vector<nlu::Entity> entities;    // order numbers, amounts, dates, times, KB products
  std::vector<Suggestion> suggestions;  // best first, at most 3
};

enum class Action { kNone, kAnswer, kSuggest, kRephrase, kHandoff };
std::string_view ActionName(Action a);

struct Decision {
  Action action = Action::kNone;
  std::string reply;         // the bot's message (empty for kNone)
  std::string reason;        // for kHandoff: request | anger | complaint | low_confidence
  std::string article_id;    // for kAnswer
};

// The bot's state of one conversation (stored with it).
struct State {
  std::string mode = "bot";  // bot | human
  int misses = 0;
};

struct Options {
  float answer_threshold = 0.35f;   // KB confidence to answer outright
  float suggest_threshold = 0.12f;  // KB confidence to offer as a suggestion
  int max_misses = 2;               // low-confidence turns before handing off
  std::vector<std::string> handoff_intents = {"complaint"};
  nlu::TimeZone time_zone;          // where "today" is, for 明天 / "next Monday" (default UTC)
};

// The privacy notice the bot shows before anything is recorded, and its version.
inline constexpr std::string_view kPolicyVersion = "2026-11";
inline constexpr std::string_view kConsentPurpose = "customer-service";
std::string_view PrivacyNotice(std::string_view lang);

class Bot {
 public:
  // `intent` may be null: then the intent is that of the best KB article.
  Bot(Options options, nlu::SentimentModel sentiment, std::shared_ptr<const nlu::IntentModel> intent);

  // Also makes the articles' product names known to entity extraction.
  void SetKnowledgeBase(std::shared_ptr<const kb::Index> index);
  std::shared_ptr<const kb::Index> knowledge_base() const;

  // `at_ms`: when the message was written (Unix ms), to resolve relative dates.
  Understanding Understand(std::string_view text, std::int64_t at_ms) const;
  // Decides the bot's turn and updates `state` (misses, mode on handoff).
  Decision Decide(const Understanding& u, State& state) const;

  std::string_view sentiment_kind() const { return sentiment_.kind(); }

 private:
  const Options options_;
  const nlu::SentimentModel sentiment_;
  const std::shared_ptr<const nlu::IntentModel> intent_;
  mutable std::mutex mu_;
  std::shared_ptr<const kb::Index> index_;
  std::shared_ptr<const nlu::EntityExtractor> entities_;
};

// Whether `text` asks for a person (exposed for tests).
bool AsksForHuman(std::string_view text);

}  // namespace hushdesk::dialog
