#include "dialog/dialog.h"

#include <algorithm>
#include <cctype>

#include "text/script.h"
#include "text/utf8.h"

namespace hushdesk::dialog {
namespace {

bool HasHan(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t len = 1;
    if (text::IsHan(text::DecodeAt(text, i, &len))) return true;
    i += len;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Whole-word (ASCII) occurrence of `w` in lower-cased `s`.
bool HasWord(std::string_view s, std::string_view w) {
  std::size_t at = 0;
  while ((at = s.find(w, at)) != std::string_view::npos) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(s[at - 1]));
    const std::size_t end = at + w.size();
    const bool right = end >= s.size() || !std::isalnum(static_cast<unsigned char>(s[end]));
    if (left && right) return true;
    at = end;
  }
  return false;
}

// The text the knowledge base is searched with: identifiers say nothing about which question
// is asked and, unknown to the index, would only lower its confidence — so order and tracking
// numbers, amounts and privacy tokens (⟦TYPE:id⟧) are left out.
std::string SearchText(std::string_view text, const std::vector<nlu::Entity>& entities) {
  std::string out;
  out.reserve(text.size());
  std::size_t next = 0;  // index into entities (in order of position)
  for (std::size_t i = 0; i < text.size();) {
    while (next < entities.size() && entities[next].end <= i) ++next;
    if (next < entities.size() && entities[next].start == i) {
      const std::string& type = entities[next].type;
      if (type == "ORDER_NUMBER" || type == "TRACKING_NUMBER" || type == "AMOUNT") {
        out += ' ';
        i = entities[next].end;
        continue;
      }
    }
    if (text.compare(i, 3, "⟦") == 0) {
      const std::size_t close = text.find("⟧", i);
      if (close != std::string_view::npos) {
        out += ' ';
        i = close + std::string_view("⟧").size();
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string Title(const kb::Article& a) {
  if (!a.title.empty()) return a.title;
  return a.questions.empty() ? a.id : a.questions.front();
}

}  // namespace

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kNone: return "none";
    case Action::kAnswer: return "answer";
    case Action::kSuggest: return "suggest";
    case Action::kRephrase: return "rephrase";
    case Action::kHandoff: return "handoff";
  }
  return "none";
}

std::string_view PrivacyNotice(std::string_view lang) {
  if (lang == "zh") {
    return "您好！为了为您提供客服服务，我们会处理您在对话中提供的信息。个人信息（如手机号、证件号、地址）"
           "在保存前会被识别并加密，只有处理您问题的客服在必要时经审计后可以查看。是否同意保存本次对话记录？"
           "若不同意，对话仍可继续，但结束后内容将被删除。";
  }
  return "Hello! To help you, we process what you tell us in this chat. Personal details (phone numbers, "
         "ID numbers, addresses) are detected and encrypted before anything is stored, and only the agent "
         "handling your request can view them, with an audit record. May we keep a record of this "
         "conversation? If not, you can still chat, and the content is deleted when it ends.";
}

bool AsksForHuman(std::string_view text) {
  static constexpr std::string_view kZh[] = {"转人工", "人工客服", "人工服务", "找人工", "要人工", "接人工",
                                             "真人", "客服人员", "人工坐席"};
  for (const auto w : kZh) {
    if (text.find(w) != std::string_view::npos) return true;
  }
  const std::string s = Lower(text);
  static constexpr std::string_view kEn[] = {"agent", "human", "real person", "representative", "operator",
                                             "speak to someone", "talk to someone", "live person",
                                             "customer service rep", "a person"};
  for (const auto w : kEn) {
    if (HasWord(s, w)) return true;
  }
  return false;
}

Bot::Bot(Options options, nlu::SentimentModel sentiment, std::shared_ptr<const nlu::IntentModel> intent)
    : options_(std::move(options)), sentiment_(std::move(sentiment)), intent_(std::move(intent)),
      index_(kb::Index::Build({})), entities_(std::make_shared<const nlu::EntityExtractor>()) {}

void Bot::SetKnowledgeBase(std::shared_ptr<const kb::Index> index) {
  std::vector<std::string> products;
  if (index) {
    for (const kb::Article& a : index->articles()) products.insert(products.end(), a.products.begin(), a.products.end());
  }
  auto entities = std::make_shared<const nlu::EntityExtractor>(std::move(products));
  std::lock_guard lock(mu_);
  index_ = std::move(index);
  entities_ = std::move(entities);
}

std::shared_ptr<const kb::Index> Bot::knowledge_base() const {
  std::lock_guard lock(mu_);
  return index_;
}

Understanding Bot::Understand(std::string_view text, std::int64_t at_ms) const {
  Understanding u;
  u.lang = HasHan(text) ? "zh" : "en";
  u.sentiment = sentiment_.Analyze(text);
  u.wants_human = AsksForHuman(text);
  std::shared_ptr<const kb::Index> index;
  std::shared_ptr<const nlu::EntityExtractor> entities;
  {
    std::lock_guard lock(mu_);
    index = index_;
    entities = entities_;
  }
  if (entities) u.entities = entities->Extract(text, options_.time_zone.DateAt(at_ms));
  for (const kb::Match& m : index->Search(SearchText(text, u.entities), 3, u.lang)) {
    if (m.confidence < options_.suggest_threshold) continue;
    const kb::Article& a = index->articles()[m.article];
    u.suggestions.push_back({a.id, Title(a), a.answer, m.confidence});
  }
  if (intent_) {
    const nlu::Prediction p = intent_->Predict(text);
    if (p.label != nlu::kOutOfScope) u.intent = std::string(p.label);
    u.intent_confidence = p.confidence;
  } else if (!u.suggestions.empty()) {
    const kb::Article* a = index->Find(u.suggestions[0].article_id);
    if (a && !a->intent.empty()) {
      u.intent = a->intent;
      u.intent_confidence = u.suggestions[0].confidence;
    }
  }
  return u;
}

Decision Bot::Decide(const Understanding& u, State& state) const {
  Decision d;
  if (state.mode != "bot") return d;  // with humans: the bot only analyses
  const bool zh = u.lang == "zh";
  auto handoff = [&](std::string reason, std::string_view reply_zh, std::string_view reply_en) {
    d.action = Action::kHandoff;
    d.reason = std::move(reason);
    d.reply = std::string(zh ? reply_zh : reply_en);
    state.mode = "human";
    state.misses = 0;
    return d;
  };
  if (u.wants_human) {
    return handoff("request", "好的，正在为您转接人工客服，请稍候。", "Sure — I'm connecting you with a human agent. Please hold on.");
  }
  if (u.sentiment.angry) {
    return handoff("anger", "非常抱歉给您带来不好的体验，我马上为您转接人工客服。",
                   "I'm sorry about this. Let me get a human agent for you right away.");
  }
  if (!u.intent.empty() &&
      std::find(options_.handoff_intents.begin(), options_.handoff_intents.end(), u.intent) !=
          options_.handoff_intents.end()) {
    return handoff("complaint", "您的反馈很重要，正在为您转接人工客服处理。",
                   "Your feedback matters. I'm passing you to a human agent who can handle this.");
  }
  if (!u.suggestions.empty() && u.suggestions[0].confidence >= options_.answer_threshold) {
    d.action = Action::kAnswer;
    d.reply = u.suggestions[0].answer;
    d.article_id = u.suggestions[0].article_id;
    state.misses = 0;
    return d;
  }
  if (++state.misses >= options_.max_misses) {
    return handoff("low_confidence", "抱歉，这个问题我暂时回答不了，正在为您转接人工客服。",
                   "Sorry, I can't answer that one. I'm connecting you with a human agent.");
  }
  if (!u.suggestions.empty()) {
    d.action = Action::kSuggest;
    d.reply = zh ? "您是想问以下问题吗？" : "Did you mean one of these?";
    for (std::size_t i = 0; i < u.suggestions.size(); ++i) {
      d.reply += "\n" + std::to_string(i + 1) + ". " + u.suggestions[i].title;
    }
    return d;
  }
  d.action = Action::kRephrase;
  d.reply = zh ? "抱歉，我没有完全理解。能换个说法再描述一下吗？也可以输入“转人工”联系人工客服。"
               : "Sorry, I didn't quite get that. Could you put it another way? You can also type \"agent\" to reach a person.";
  return d;
}

}  // namespace hushdesk::dialog
