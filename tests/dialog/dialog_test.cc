#include "dialog/dialog.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hushdesk::dialog {
namespace {

// 2026-11-22 20:00 UTC: Sunday evening in London, already Monday morning in Shanghai.
constexpr std::int64_t kNow = 1795377600000;

std::shared_ptr<const kb::Index> Kb() {
  std::istringstream csv(
      "id,lang,title,question,answer,intent,products\n"
      "returns,en,Returns,How do I return an item?,Open your order and choose Return.,return_item,Gift Card\n"
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
  Understanding u = bot.Understand("How can I return an item?", kNow);
  EXPECT_EQ(u.lang, "en");
  EXPECT_EQ(u.intent, "return_item");
  Decision d = bot.Decide(u, s);
  EXPECT_EQ(d.action, Action::kAnswer);
  EXPECT_EQ(d.article_id, "returns");
  EXPECT_EQ(d.reply, "Open your order and choose Return.");
  u = bot.Understand("请问怎么退货", kNow);
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
  Decision d = bot.Decide(bot.Understand("the frobnicator is purple", kNow), s);
  EXPECT_EQ(d.action, Action::kRephrase);
  EXPECT_EQ(s.misses, 1);
  d = bot.Decide(bot.Understand("purple frobnicator, again", kNow), s);
  EXPECT_EQ(d.action, Action::kHandoff);
  EXPECT_EQ(d.reason, "low_confidence");
  EXPECT_EQ(s.mode, "human");
  // With humans, the bot is silent.
  d = bot.Decide(bot.Understand("How do I return an item?", kNow), s);
  EXPECT_EQ(d.action, Action::kNone);
  EXPECT_TRUE(d.reply.empty());
}

TEST(Dialog, AConfidentAnswerResetsMisses) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  State s;
  bot.Decide(bot.Understand("blorp", kNow), s);
  EXPECT_EQ(s.misses, 1);
  bot.Decide(bot.Understand("What are your opening hours?", kNow), s);
  EXPECT_EQ(s.misses, 0);
}

TEST(Dialog, HandsOffOnRequestAngerAndComplaint) {
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  for (const char* ask : {"转人工", "我要人工客服", "can I talk to a human", "agent please", "Representative!"}) {
    State s;
    const Decision d = bot.Decide(bot.Understand(ask, kNow), s);
    EXPECT_EQ(d.action, Action::kHandoff) << ask;
    EXPECT_EQ(d.reason, "request") << ask;
    EXPECT_EQ(s.mode, "human");
  }
  State s;
  Decision d = bot.Decide(bot.Understand("This is ridiculous, worst service ever!!!", kNow), s);
  EXPECT_EQ(d.action, Action::kHandoff);
  EXPECT_EQ(d.reason, "anger");
  s = State{};
  d = bot.Decide(bot.Understand("我要投诉", kNow), s);
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
  const Decision d = bot.Decide(bot.Understand("return item", kNow), s);
  EXPECT_EQ(d.action, Action::kSuggest);
  EXPECT_NE(d.reply.find("1. Returns"), std::string::npos) << d.reply;
}

TEST(Dialog, TokensNotPersonalData) {
  // The bot works on de-identified text: a token is understood as its type only.
  const auto owned = MakeBot();
  const Bot& bot = *owned;
  const Understanding u = bot.Understand("my number is ⟦PHONE_NUMBER:3f9a⟧, how do I return an item", kNow);
  ASSERT_FALSE(u.suggestions.empty());
  EXPECT_EQ(u.suggestions[0].article_id, "returns");
  EXPECT_FALSE(PrivacyNotice("zh").empty());
  EXPECT_NE(PrivacyNotice("en"), PrivacyNotice("zh"));
}

TEST(Dialog, IdentifiersDoNotLowerTheAnswersConfidence) {
  auto bot = MakeBot();
  // An order number, an amount and a privacy token are not words of the question.
  const Understanding u = bot->Understand("How do I return an item? Order #SO20261122001, $25.99, ⟦PHONE_NUMBER:3f9a0c1e⟧", kNow);
  ASSERT_FALSE(u.suggestions.empty());
  EXPECT_EQ(u.suggestions[0].article_id, "returns");
  const Understanding plain = bot->Understand("How do I return an item? Order", kNow);
  EXPECT_NEAR(u.suggestions[0].confidence, plain.suggestions[0].confidence, 0.01f);
  State s;
  EXPECT_EQ(bot->Decide(u, s).action, Action::kAnswer);
  // They are still extracted.
  ASSERT_EQ(u.entities.size(), 2u);
  EXPECT_EQ(u.entities[0].type, "ORDER_NUMBER");
  EXPECT_EQ(u.entities[1].type, "AMOUNT");
}

TEST(Dialog, ExtractsEntitiesWithTodayInTheConfiguredTimeZone) {
  auto shanghai = nlu::TimeZone::Load("Asia/Shanghai");
  ASSERT_TRUE(shanghai.ok()) << shanghai.status().ToString();
  EXPECT_FALSE(nlu::TimeZone::Load("Mars/Olympus").ok());
  Options o;
  o.time_zone = *shanghai;
  Bot bot(o, nlu::SentimentModel{}, nullptr);
  bot.SetKnowledgeBase(Kb());
  const Understanding u = bot.Understand("订单号SO20261122001明天能到吗？我买的gift card", kNow);
  ASSERT_EQ(u.entities.size(), 3u);
  EXPECT_EQ(u.entities[0].type, "ORDER_NUMBER");
  EXPECT_EQ(u.entities[0].value, "SO20261122001");
  EXPECT_EQ(u.entities[1].type, "DATE");
  EXPECT_EQ(u.entities[1].value, "2026-11-24");  // Monday in Shanghai, so tomorrow is Tuesday
  EXPECT_EQ(u.entities[2].type, "PRODUCT");
  EXPECT_EQ(u.entities[2].value, "Gift Card");  // as the knowledge base spells it
  // The default time zone is UTC, where it is still Sunday.
  const Understanding utc = MakeBot()->Understand("明天", kNow);
  ASSERT_EQ(utc.entities.size(), 1u);
  EXPECT_EQ(utc.entities[0].value, "2026-11-23");
}

}  // namespace
}  // namespace hushdesk::dialog
