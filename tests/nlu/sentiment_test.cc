#include "nlu/sentiment.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace hushdesk::nlu {
namespace {

TEST(SentimentLexicon, PolarityInChineseAndEnglish) {
  const SentimentModel m;
  EXPECT_EQ(m.kind(), "lexicon");
  EXPECT_EQ(m.Analyze("非常感谢，服务很好").polarity, Polarity::kPositive);
  EXPECT_EQ(m.Analyze("Thanks, that was really helpful").polarity, Polarity::kPositive);
  EXPECT_EQ(m.Analyze("快递太慢了，东西还坏了").polarity, Polarity::kNegative);
  EXPECT_EQ(m.Analyze("My parcel is late and the box was damaged").polarity, Polarity::kNegative);
  EXPECT_EQ(m.Analyze("我想查一下订单").polarity, Polarity::kNeutral);
  EXPECT_EQ(m.Analyze("How do I change my address?").polarity, Polarity::kNeutral);
  const Sentiment s = m.Analyze("It was great");
  EXPECT_NEAR(s.negative + s.neutral + s.positive, 1.0f, 1e-5f);
}

TEST(SentimentLexicon, NegationFlipsAndPoliteWordsStayNeutral) {
  const SentimentModel m;
  EXPECT_EQ(m.Analyze("The agent was not helpful at all").polarity, Polarity::kNegative);
  EXPECT_EQ(m.Analyze("I don't like this").polarity, Polarity::kNegative);
  EXPECT_EQ(m.Analyze("服务不专业").polarity, Polarity::kNegative);
  EXPECT_EQ(m.Analyze("不满意").polarity, Polarity::kNegative);
  EXPECT_NE(m.Analyze("not bad").polarity, Polarity::kNegative);
  // 麻烦 ("would you mind") and 贵公司 ("your company") are polite, not complaints.
  EXPECT_EQ(m.Analyze("麻烦帮我查一下贵公司的营业时间").polarity, Polarity::kNeutral);
  EXPECT_EQ(m.Analyze("没问题").polarity, Polarity::kNeutral);
}

TEST(SentimentLexicon, AngerIsItsOwnSignal) {
  const SentimentModel m;
  const Sentiment late = m.Analyze("my parcel is late");
  EXPECT_EQ(late.polarity, Polarity::kNegative);
  EXPECT_FALSE(late.angry);
  EXPECT_TRUE(m.Analyze("This is ridiculous, worst service ever!!!").angry);
  EXPECT_TRUE(m.Analyze("什么破服务，气死我了！！").angry);
  EXPECT_TRUE(m.Analyze("你们就是骗子，我要投诉").angry);
  EXPECT_FALSE(m.Analyze("谢谢，太好了！！").angry);  // shouting for joy
  EXPECT_FALSE(m.Analyze("I'm not angry, just asking").angry);
  EXPECT_GT(AngerCues("WHY IS NOBODY ANSWERING!!"), AngerCues("why is nobody answering"));
  EXPECT_EQ(AngerCues("hello"), 0.0f);
}

std::vector<Example> Synthetic() {
  std::vector<Example> data;
  const char* pos[] = {"送餐很快，味道很棒", "包装精美，物流给力", "great service, fast delivery",
                       "love it, works perfectly", "客服耐心，五星", "arrived early, very happy"};
  const char* neg[] = {"送餐太慢，饭都凉了", "包装破了，东西漏了", "late again, food was cold",
                       "broken on arrival, no reply", "客服不理人，差评", "waited two hours, awful"};
  const char* neu[] = {"请问几点营业", "订单号怎么查", "what are your opening hours",
                       "how do I change my address", "可以开发票吗", "where is the return form"};
  for (int rep = 0; rep < 30; ++rep) {
    for (const char* t : pos) data.push_back({t, "positive"});
    for (const char* t : neg) data.push_back({t, "negative"});
    for (const char* t : neu) data.push_back({t, "neutral"});
  }
  return data;
}

TEST(SentimentModel, TrainsSavesAndLoads) {
  TrainOptions o;
  o.epochs = 10;
  auto m = SentimentModel::Train(Synthetic(), o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->kind(), "model");
  EXPECT_EQ(m->Analyze("送餐太慢，差评").polarity, Polarity::kNegative);
  EXPECT_EQ(m->Analyze("great, fast delivery").polarity, Polarity::kPositive);
  EXPECT_EQ(m->Analyze("请问几点营业").polarity, Polarity::kNeutral);

  const auto path = std::filesystem::temp_directory_path() / "hushdesk_sentiment_test.model";
  ASSERT_TRUE(m->Save(path.string()).ok());
  auto loaded = SentimentModel::Load(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Sentiment a = m->Analyze("waited two hours");
  const Sentiment b = loaded->Analyze("waited two hours");
  EXPECT_EQ(a.polarity, b.polarity);
  EXPECT_FLOAT_EQ(a.negative, b.negative);
  std::filesystem::remove(path);
}

TEST(SentimentModel, RejectsLabelsThatAreNotPolarities) {
  std::vector<Example> data = Synthetic();
  data[3].label = "happy";
  auto m = SentimentModel::Train(data, TrainOptions{});
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("\"happy\""), std::string::npos) << m.status().message();

  // An intent model is not a sentiment model.
  std::vector<Example> intents;
  for (int i = 0; i < 20; ++i) {
    intents.push_back({"where is my card", "card_arrival"});
    intents.push_back({"cancel my order", "cancel_order"});
  }
  auto im = IntentModel::Train(intents, TrainOptions{});
  ASSERT_TRUE(im.ok());
  const auto path = std::filesystem::temp_directory_path() / "hushdesk_intent_as_sentiment.model";
  ASSERT_TRUE(im->Save(path.string()).ok());
  auto loaded = SentimentModel::Load(path.string());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("negative, neutral or positive"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace hushdesk::nlu
