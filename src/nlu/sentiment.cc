#include "nlu/sentiment.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "text/script.h"
#include "text/utf8.h"

namespace hushdesk::nlu {
namespace {

// kNeutral terms only stop a shorter term matching inside them (麻烦您 is polite, not 烦).
enum class Cue : unsigned char { kPositive, kNegative, kAnger, kNegator, kNeutral };

struct Term {
  std::string_view text;  // lower-case
  Cue cue;
};

// Written for service conversations: what customers say when pleased, unhappy or angry.
// Anger terms count as negative too. Latin terms match whole words; Han terms match anywhere.
constexpr Term kTerms[] = {
    // zh positive
    {"谢谢", Cue::kPositive}, {"感谢", Cue::kPositive}, {"多谢", Cue::kPositive},
    {"好评", Cue::kPositive}, {"满意", Cue::kPositive}, {"很好", Cue::kPositive},
    {"不错", Cue::kPositive}, {"太好了", Cue::kPositive}, {"棒", Cue::kPositive},
    {"赞", Cue::kPositive}, {"喜欢", Cue::kPositive}, {"开心", Cue::kPositive},
    {"高兴", Cue::kPositive}, {"方便", Cue::kPositive}, {"及时", Cue::kPositive},
    {"专业", Cue::kPositive}, {"耐心", Cue::kPositive}, {"热情", Cue::kPositive},
    {"给力", Cue::kPositive}, {"完美", Cue::kPositive}, {"辛苦了", Cue::kPositive},
    {"解决了", Cue::kPositive}, {"靠谱", Cue::kPositive}, {"优秀", Cue::kPositive},
    {"推荐", Cue::kPositive}, {"划算", Cue::kPositive}, {"好吃", Cue::kPositive},
    {"准时", Cue::kPositive}, {"周到", Cue::kPositive}, {"好用", Cue::kPositive},
    {"很快", Cue::kPositive}, {"挺好", Cue::kPositive}, {"好的", Cue::kNeutral},
    // zh negative
    {"差", Cue::kNegative}, {"太慢", Cue::kNegative}, {"好慢", Cue::kNegative},
    {"失望", Cue::kNegative}, {"不满", Cue::kNegative}, {"糟糕", Cue::kNegative},
    {"难吃", Cue::kNegative}, {"坏了", Cue::kNegative}, {"损坏", Cue::kNegative},
    {"破损", Cue::kNegative}, {"没收到", Cue::kNegative}, {"还没到", Cue::kNegative},
    {"延误", Cue::kNegative}, {"烦", Cue::kNegative}, {"不好", Cue::kNegative},
    {"不行", Cue::kNegative}, {"不能用", Cue::kNegative}, {"故障", Cue::kNegative},
    {"丢失", Cue::kNegative}, {"乱扣", Cue::kNegative}, {"扣错", Cue::kNegative},
    {"等了很久", Cue::kNegative}, {"一直没", Cue::kNegative},
    {"没人", Cue::kNegative}, {"失败", Cue::kNegative}, {"难用", Cue::kNegative},
    {"崩溃", Cue::kNegative}, {"错误", Cue::kNegative}, {"着急", Cue::kNegative},
    {"麻烦", Cue::kNeutral}, {"担心", Cue::kNegative}, {"可惜", Cue::kNegative},
    {"后悔", Cue::kNegative}, {"难受", Cue::kNegative}, 
    {"慢", Cue::kNegative}, {"太贵", Cue::kNegative}, {"凉", Cue::kNegative},
    // zh neutral
    {"差不多", Cue::kNeutral}, {"不客气", Cue::kNeutral}, {"不用谢", Cue::kNeutral},
    {"没关系", Cue::kNeutral}, {"没问题", Cue::kNeutral}, {"慢慢", Cue::kNeutral},
    {"贵公司", Cue::kNeutral}, {"不好意思", Cue::kNeutral}, {"差价", Cue::kNeutral},
    // zh anger
    {"气死", Cue::kAnger}, {"愤怒", Cue::kAnger}, {"生气", Cue::kAnger}, {"火大", Cue::kAnger},
    {"垃圾", Cue::kAnger}, {"骗子", Cue::kAnger}, {"骗人", Cue::kAnger}, {"坑人", Cue::kAnger},
    {"投诉", Cue::kAnger}, {"滚", Cue::kAnger}, {"什么破", Cue::kAnger}, {"过分", Cue::kAnger},
    {"无语", Cue::kAnger}, {"恶心", Cue::kAnger}, {"忍无可忍", Cue::kAnger},
    {"欺骗", Cue::kAnger}, {"妈的", Cue::kAnger}, {"傻逼", Cue::kAnger}, {"混蛋", Cue::kAnger},
    {"搞什么", Cue::kAnger}, {"有病", Cue::kAnger}, {"退钱", Cue::kAnger}, {"曝光", Cue::kAnger},
    {"12315", Cue::kAnger}, {"报警", Cue::kAnger}, {"起诉", Cue::kAnger}, {"律师", Cue::kAnger},
    {"再也不", Cue::kAnger}, {"差劲", Cue::kAnger}, {"敷衍", Cue::kAnger}, {"忽悠", Cue::kAnger},
    {"不要脸", Cue::kAnger}, {"坑爹", Cue::kAnger}, {"受够了", Cue::kAnger},
    {"废物", Cue::kAnger}, {"离谱", Cue::kAnger}, {"黑心", Cue::kAnger}, {"差评", Cue::kAnger},
    // zh negators
    {"不", Cue::kNegator}, {"没", Cue::kNegator}, {"没有", Cue::kNegator}, {"别", Cue::kNegator},
    {"未", Cue::kNegator}, {"不是", Cue::kNegator}, {"不太", Cue::kNegator},
    // en positive
    {"thanks", Cue::kPositive}, {"thank", Cue::kPositive}, {"thx", Cue::kPositive},
    {"great", Cue::kPositive}, {"good", Cue::kPositive}, {"excellent", Cue::kPositive},
    {"awesome", Cue::kPositive}, {"amazing", Cue::kPositive}, {"love", Cue::kPositive},
    {"perfect", Cue::kPositive}, {"helpful", Cue::kPositive}, {"appreciate", Cue::kPositive},
    {"happy", Cue::kPositive}, {"glad", Cue::kPositive}, {"nice", Cue::kPositive},
    {"wonderful", Cue::kPositive}, {"fantastic", Cue::kPositive}, {"best", Cue::kPositive},
    {"quick", Cue::kPositive}, {"fast", Cue::kPositive}, {"resolved", Cue::kPositive},
    {"pleased", Cue::kPositive}, {"kind", Cue::kPositive}, {"friendly", Cue::kPositive},
    {"smooth", Cue::kPositive}, {"easy", Cue::kPositive}, {"satisfied", Cue::kPositive},
    // en negative
    {"bad", Cue::kNegative}, {"late", Cue::kNegative}, {"delayed", Cue::kNegative},
    {"delay", Cue::kNegative}, {"cancelled", Cue::kNegative}, {"canceled", Cue::kNegative},
    {"lost", Cue::kNegative}, {"broken", Cue::kNegative}, {"damaged", Cue::kNegative},
    {"wrong", Cue::kNegative}, {"poor", Cue::kNegative}, {"slow", Cue::kNegative},
    {"disappointed", Cue::kNegative}, {"disappointing", Cue::kNegative},
    {"unhappy", Cue::kNegative}, {"problem", Cue::kNegative}, {"issue", Cue::kNegative},
    {"failed", Cue::kNegative}, {"fail", Cue::kNegative}, {"waiting", Cue::kNegative},
    {"missing", Cue::kNegative}, {"stuck", Cue::kNegative}, {"on hold", Cue::kNegative},
    {"rude", Cue::kNegative}, {"annoyed", Cue::kNegative},
    {"frustrated", Cue::kNegative}, {"frustrating", Cue::kNegative}, {"sad", Cue::kNegative},
    {"charged twice", Cue::kNegative}, {"worse", Cue::kNegative}, {"nobody", Cue::kNegative},
    // en neutral
    {"no worries", Cue::kNeutral}, {"no problem", Cue::kNeutral}, {"not sure", Cue::kNeutral},
    {"would like", Cue::kNeutral}, {"id like", Cue::kNeutral}, {"like to", Cue::kNeutral},
    {"looks like", Cue::kNeutral}, {"like", Cue::kPositive},
    // en anger
    {"angry", Cue::kAnger}, {"furious", Cue::kAnger}, {"outraged", Cue::kAnger},
    {"ridiculous", Cue::kAnger}, {"unacceptable", Cue::kAnger}, {"outrageous", Cue::kAnger},
    {"worst", Cue::kAnger}, {"scam", Cue::kAnger}, {"scammers", Cue::kAnger},
    {"fraud", Cue::kAnger}, {"disgusting", Cue::kAnger}, {"pathetic", Cue::kAnger},
    {"useless", Cue::kAnger}, {"incompetent", Cue::kAnger}, {"fed up", Cue::kAnger},
    {"sick of", Cue::kAnger}, {"wtf", Cue::kAnger}, {"damn", Cue::kAnger},
    {"sue", Cue::kAnger}, {"lawyer", Cue::kAnger}, {"lawsuit", Cue::kAnger},
    {"never again", Cue::kAnger}, {"rip off", Cue::kAnger}, {"ripoff", Cue::kAnger},
    {"liars", Cue::kAnger}, {"lied", Cue::kAnger}, {"terrible", Cue::kAnger},
    {"horrible", Cue::kAnger}, {"awful", Cue::kAnger}, {"shame", Cue::kAnger},
    {"livid", Cue::kAnger}, {"crap", Cue::kAnger}, {"bullshit", Cue::kAnger},
    {"stupid", Cue::kAnger}, {"idiots", Cue::kAnger}, {"joke", Cue::kAnger},
    {"hate", Cue::kAnger}, {"complaint", Cue::kAnger}, {"complain", Cue::kAnger},
    // en negators
    {"not", Cue::kNegator}, {"no", Cue::kNegator}, {"never", Cue::kNegator},
    {"dont", Cue::kNegator}, {"didnt", Cue::kNegator}, {"doesnt", Cue::kNegator},
    {"isnt", Cue::kNegator}, {"wasnt", Cue::kNegator}, {"cant", Cue::kNegator},
    {"cannot", Cue::kNegator}, {"wont", Cue::kNegator}, {"havent", Cue::kNegator},
    {"hardly", Cue::kNegator}, {"without", Cue::kNegator},
};

// Terms by first byte, longest first, so the first that matches is the longest.
const std::array<std::vector<const Term*>, 256>& TermsByFirstByte() {
  static const auto table = [] {
    std::array<std::vector<const Term*>, 256> t;
    for (const Term& term : kTerms) t[static_cast<unsigned char>(term.text[0])].push_back(&term);
    for (auto& bucket : t) {
      std::stable_sort(bucket.begin(), bucket.end(),
                       [](const Term* a, const Term* b) { return a->text.size() > b->text.size(); });
    }
    return t;
  }();
  return table;
}

struct Counts {
  float positive = 0, negative = 0, anger = 0;
  int shout = 0;  // exclamation runs and words in capitals
};

bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Lower-cases ASCII and drops apostrophes inside words ("don't" → "dont"), so terms match.
std::string Fold(std::string_view text, int& caps_words) {
  std::string out;
  out.reserve(text.size());
  int run = 0, upper = 0;
  auto end_word = [&] {
    if (run >= 3 && upper == run) ++caps_words;
    run = upper = 0;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
      ++run;
      ++upper;
    } else if ((c == '\'' || c == '\x92') && !out.empty() && IsAsciiWordChar(out.back()) &&
               i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      // skip
    } else {
      if (c >= 'a' && c <= 'z') {
        ++run;
      } else {
        end_word();
      }
      out.push_back(c);
    }
  }
  end_word();
  return out;
}

Counts Scan(std::string_view text) {
  Counts n;
  int caps_words = 0;
  const std::string folded = Fold(text, caps_words);
  const std::string_view s(folded);
  if (caps_words >= 2) ++n.shout;
  int negate = 0;  // terms still within reach of a negator
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool latin = IsAsciiWordChar(static_cast<char>(c));
    if (latin && i > 0 && IsAsciiWordChar(s[i - 1])) {
      ++i;  // only at the start of a word
      continue;
    }
    if (c == '!' || s.substr(i, 3) == "\xEF\xBC\x81") {  // ! or ！
      std::size_t j = i, marks = 0;
      while (j < s.size()) {
        if (s[j] == '!') {
          ++j;
        } else if (s.substr(j, 3) == "\xEF\xBC\x81") {
          j += 3;
        } else {
          break;
        }
        ++marks;
      }
      if (marks >= 2) ++n.shout;
      i = j;
      continue;
    }
    // The longest term starting here.
    const Term* best = nullptr;
    for (const Term* t : TermsByFirstByte()[c]) {
      if (s.compare(i, t->text.size(), t->text) != 0) continue;
      if (latin) {
        const std::size_t end = i + t->text.size();
        if (end < s.size() && IsAsciiWordChar(s[end])) continue;
      }
      best = t;
      break;
    }
    std::size_t len = 1;
    if (!best) {
      if (c >= 0x80) {
        text::DecodeAt(s, i, &len);
        if (negate > 0) --negate;
      } else if (latin) {
        while (i + len < s.size() && IsAsciiWordChar(s[i + len])) ++len;
        if (negate > 0) --negate;
      }
      i += len;
      continue;
    }
    const bool negated = negate > 0;
    switch (best->cue) {
      case Cue::kNegator:
        negate = latin ? 3 : 1;
        break;
      case Cue::kPositive:
        (negated ? n.negative : n.positive) += 1;
        negate = 0;
        break;
      case Cue::kNegative:
        if (negated) {
          n.positive += 0.5f;  // "not bad", 没问题: mildly positive at most
        } else {
          n.negative += 1;
        }
        negate = 0;
        break;
      case Cue::kNeutral:
        negate = 0;
        break;
      case Cue::kAnger:
        if (!negated) {
          n.anger += 1;
          n.negative += 1;
        }
        negate = 0;
        break;
    }
    i += best->text.size();
  }
  return n;
}

}  // namespace

std::string_view PolarityName(Polarity p) {
  switch (p) {
    case Polarity::kNegative: return "negative";
    case Polarity::kNeutral: return "neutral";
    case Polarity::kPositive: return "positive";
  }
  return "neutral";
}

float AngerCues(std::string_view text) {
  const Counts n = Scan(text);
  return std::min(1.0f, 0.6f * n.anger + 0.25f * static_cast<float>(n.shout));
}

SentimentModel::SentimentModel() = default;

SentimentModel::SentimentModel(IntentModel classifier)
    : classifier_(std::make_shared<const IntentModel>(std::move(classifier))) {}

common::Status SentimentModel::MapLabels() {
  polarity_of_label_.clear();
  for (const std::string& l : classifier_->labels()) {
    if (l == "negative") {
      polarity_of_label_.push_back(static_cast<int>(Polarity::kNegative));
    } else if (l == "neutral") {
      polarity_of_label_.push_back(static_cast<int>(Polarity::kNeutral));
    } else if (l == "positive") {
      polarity_of_label_.push_back(static_cast<int>(Polarity::kPositive));
    } else {
      return common::InvalidArgumentError("sentiment labels must be negative, neutral or positive; found \"" + l + "\"");
    }
  }
  return common::Status::Ok();
}

common::StatusOr<SentimentModel> SentimentModel::Train(const std::vector<Example>& data, TrainOptions options) {
  for (const Example& e : data) {
    if (e.label != "negative" && e.label != "neutral" && e.label != "positive") {
      return common::InvalidArgumentError("sentiment labels must be negative, neutral or positive; found \"" +
                                          e.label + "\"");
    }
  }
  options.calibrate_without_oos = false;
  auto classifier = IntentModel::Train(data, options);
  if (!classifier.ok()) return classifier.status();
  SentimentModel m(std::move(*classifier));
  if (auto st = m.MapLabels(); !st.ok()) return st;
  return m;
}

common::StatusOr<SentimentModel> SentimentModel::Load(const std::string& path) {
  auto classifier = IntentModel::Load(path);
  if (!classifier.ok()) return classifier.status();
  SentimentModel m(std::move(*classifier));
  if (auto st = m.MapLabels(); !st.ok()) return common::InvalidArgumentError(path + ": " + st.message());
  return m;
}

common::Status SentimentModel::Save(const std::string& path) const {
  if (!classifier_) return common::InvalidArgumentError("the built-in lexicon has nothing to save");
  return classifier_->Save(path);
}

Sentiment SentimentModel::Analyze(std::string_view text) const {
  const Counts n = Scan(text);
  Sentiment s;
  if (classifier_) {
    thread_local std::vector<float> probs;
    classifier_->Probabilities(text, probs);
    for (std::size_t l = 0; l < probs.size(); ++l) {
      switch (static_cast<Polarity>(polarity_of_label_[l])) {
        case Polarity::kNegative: s.negative += probs[l]; break;
        case Polarity::kNeutral: s.neutral += probs[l]; break;
        case Polarity::kPositive: s.positive += probs[l]; break;
      }
    }
  } else {
    // Lexicon: the balance of cues, softened into probabilities; no cue at all is neutral.
    const float total = n.positive + n.negative;
    if (total == 0) {
      s.neutral = 0.8f;
      s.negative = s.positive = 0.1f;
    } else {
      const float strength = 1.0f - std::exp(-total);  // more cues, more certainty
      s.neutral = 0.8f * (1.0f - strength);
      s.negative = (1.0f - s.neutral) * (n.negative + 0.25f) / (total + 0.5f);
      s.positive = 1.0f - s.neutral - s.negative;
    }
  }
  s.polarity = Polarity::kNeutral;
  float top = s.neutral;
  if (s.negative > top) {
    s.polarity = Polarity::kNegative;
    top = s.negative;
  }
  if (s.positive > top) s.polarity = Polarity::kPositive;
  const float cues = std::min(1.0f, 0.6f * n.anger + 0.25f * static_cast<float>(n.shout));
  s.anger = cues * (0.5f + 0.5f * s.negative);
  s.angry = s.anger >= kAngerThreshold;
  return s;
}

}  // namespace hushdesk::nlu
