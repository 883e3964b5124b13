#include "dialog/dialog.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hushdesk::dialog {
namespace {

std::shared_ptr<const kb::Index> Kb() {
  std::istringstream csv(
      "id,lang,title,question,answer,intent\n"
      "returns,en,Returns,How do I return an item?,Open your order and choose Return.,return_item\n"
      "returns,,,can I send back what I bought,,\n"
      "hours,en,Opening hours,What are your opening hours?,We are open 9:00-21:00 every day.,hours\n"
      "th,zh,退货,怎么退货？,在订单详情页点击申请退货即可。,return_item\n"
      "wl,zh,查物流,我的快递到哪了,物流信息在订单详情页可以查看。,track_order\n"
      "ts,zh,投诉,我要投诉,很抱歉，我们会认真处理您的投诉。,complaint\n");
  auto a = kb::ParseCsv(csv, "en");
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return kb::Index::Build(a.ok() ? *a : std::vector<kb::Article>{});
}

std::unique_ptr<Bot> MakeBot() {
  auto bot = std::make_unique<Bot>(Options{}, nlu::SentimentModel{}, nullptr);
  bot->SetKnowledgeBase(Kb());
  return bot;
}

TEST(Dialog, AnswersFromTheKnowledgeBaseWhenConfident) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  State s;
  Understanding u = bot.Understand("How can I return an item?");
  EXPECT_EQ(u.lang, "en");
  EXPECT_EQ(u.intent, "return_item");
  Decision d = bot.Decide(u, s);
  EXPECT_EQ(d.action, Action::kAnswer);
  EXPECT_EQ(d.article_id, "returns");
  EXPECT_EQ(d.reply, "Open your order and choose Return.");
  u = bot.Understand("请问怎么退货");
  EXPECT_EQ(u.lang, "zh");
  d = bot.Decide(u, s);
  EXPECT_EQ(d.action, Action::kAnswer);
  EXPECT_EQ(d.article_id, "th");
  EXPECT_EQ(s.mode, "bot");
}

TEST(Dialog, RephraseThenHandOffAfterTwoMisses) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  State s;
  Decision d = bot.Decide(bot.Understand("the frobnicator is purple"), s);
  EXPECT_EQ(d.action, Action::kRephrase);
  EXPECT_EQ(s.misses, 1);
  d = bot.Decide(bot.Understand("purple frobnicator, again"), s);
  EXPECT_EQ(d.action, Action::kHandoff);
  EXPECT_EQ(d.reason, "low_confidence");
  EXPECT_EQ(s.mode, "human");
  // With humans, the bot is silent.
  d = bot.Decide(bot.Understand("How do I return an item?"), s);
  EXPECT_EQ(d.action, Action::kNone);
  EXPECT_TRUE(d.reply.empty());
}

TEST(Dialog, AConfidentAnswerResetsMisses) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  State s;
  bot.Decide(bot.Understand("blorp"), s);
  EXPECT_EQ(s.misses, 1);
  bot.Decide(bot.Understand("What are your opening hours?"), s);
  EXPECT_EQ(s.misses, 0);
}

TEST(Dialog, HandsOffOnRequestAngerAndComplaint) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  for (const char* ask : {"转人工", "我要人工客服", "can I talk to a human", "agent please", "Representative!"}) {
    State s;
    const Decision d = bot.Decide(bot.Understand(ask), s);
    EXPECT_EQ(d.action, Action::kHandoff) << ask;
    EXPECT_EQ(d.reason, "request") << ask;
    EXPECT_EQ(s.mode, "human");
  }
  State s;
  Decision d = bot.Decide(bot.Understand("This is ridiculous, worst service ever!!!"), s);
  EXPECT_EQ(d.action, Action::kHandoff);
  EXPECT_EQ(d.reason, "anger");
  s = State{};
  d = bot.Decide(bot.Understand("我要投诉"), s);
  EXPECT_EQ(d.action, Action::kHandoff);
  EXPECT_TRUE(d.reason == "complaint" || d.reason == "anger") << d.reason;
  EXPECT_FALSE(d.reply.empty());
  EXPECT_FALSE(AsksForHuman("my travel plans changed"));
  EXPECT_FALSE(AsksForHuman("人工智能是什么"));
}

TEST(Dialog, SuggestsWhenUnsure) {
  Options o;
  o.answer_threshold = 0.99f;  // nothing is confident enough
  Bot bot(o, nlu::SentimentModel{}, nullptr);
  bot.SetKnowledgeBase(Kb());
  State s;
  const Decision d = bot.Decide(bot.Understand("return item"), s);
  EXPECT_EQ(d.action, Action::kSuggest);
  EXPECT_NE(d.reply.find("1. Returns"), std::string::npos) << d.reply;
}

TEST(Dialog, TokensNotPersonalData) {
  // The bot works on de-identified text: a token is understood as its type only.
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  const Understanding u = bot.Understand("my number is ⟦PHONE_NUMBER:3f9a⟧, how do I return an item");
  ASSERT_FALSE(u.suggestions.empty());
  EXPECT_EQ(u.suggestions[0].article_id, "returns");
  EXPECT_FALSE(PrivacyNotice("zh").empty());
  EXPECT_NE(PrivacyNotice("en"), PrivacyNotice("zh"));
}

}  // namespace
}  // namespace hushdesk::dialog
