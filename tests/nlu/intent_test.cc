#include "nlu/intent.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "nlu/csv.h"

namespace hushdesk::nlu {
namespace {

TEST(Csv, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  std::istringstream in(
      "text,label\r\n"
      "plain text,a\r\n"
      "\"with, comma\",b\r\n"
      "\"with \"\"quotes\"\"\",c\r\n"
      "\"two\nlines\",d\r\n"
      "\r\n"
      "我的卡到哪了,card_arrival\n");
  auto rows = ReadLabelledCsv(in);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[1].text, "with, comma");
  EXPECT_EQ((*rows)[2].text, "with \"quotes\"");
  EXPECT_EQ((*rows)[3].text, "two\nlines");
  EXPECT_EQ((*rows)[3].label, "d");
  EXPECT_EQ((*rows)[4].label, "card_arrival");
}

TEST(Csv, ErrorsNameTheLine) {
  std::istringstream unterminated("text,label\nok,a\n\"never closed,b\n");
  auto r = ReadLabelledCsv(unterminated);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3"), std::string::npos) << r.status().message();
  std::istringstream one_column("text,label\nok,a\njust text\n");
  r = ReadLabelledCsv(one_column);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 3"), std::string::npos);
  std::istringstream bad_utf8("text,label\n\xff\xfe,a\n");
  EXPECT_FALSE(ReadLabelledCsv(bad_utf8).ok());
  std::istringstream empty_label("text,label\nhello,\n");
  EXPECT_FALSE(ReadLabelledCsv(empty_label).ok());
}

TEST(Features, CaseAndPunctuationDoNotMatterHanCharactersAreWords) {
  std::vector<std::uint64_t> a, b, c;
  FeatureHashes("Where is my CARD?", a);
  FeatureHashes("where is my card", b);
  EXPECT_EQ(a, b);
  FeatureHashes("我的卡", c);
  EXPECT_EQ(c.size(), 3u + 2u);  // three characters, two bigrams
}

std::vector<Example> Toy() {
  std::vector<Example> d;
  const char* card[] = {"where is my card", "my card has not arrived", "card still not here",
                        "when will my new card come", "has my card been sent", "我的卡还没到",
                        "银行卡什么时候寄到", "card delivery status"};
  const char* refund[] = {"i want a refund", "give me my money back", "refund my order please",
                          "how do i get a refund", "money back for this purchase", "我要退款",
                          "退款什么时候到账", "request a refund"};
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* t : card) d.push_back({t, "card_arrival"});
    for (const char* t : refund) d.push_back({t, "refund"});
  }
  return d;
}

TEST(IntentModel, LearnsSeparableIntentsInBothLanguages) {
  TrainOptions o;
  o.epochs = 30;
  o.min_count = 1;
  auto m = IntentModel::Train(Toy(), o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->Predict("my card has still not arrived").label, "card_arrival");
  EXPECT_EQ(m->Predict("please refund me").label, "refund");
  EXPECT_EQ(m->Predict("卡还没到").label, "card_arrival");
  EXPECT_EQ(m->Predict("退款").label, "refund");
  EXPECT_GT(m->Predict("refund my order").confidence, 0.5f);
  EXPECT_FALSE(m->has_out_of_scope());
}

TEST(IntentModel, SavesAndLoadsTheSameModel) {
  TrainOptions o;
  o.min_count = 1;
  auto m = IntentModel::Train(Toy(), o);
  ASSERT_TRUE(m.ok());
  const auto path = std::filesystem::temp_directory_path() / ("hushdesk-intent-" + std::to_string(::getpid()));
  ASSERT_TRUE(m->Save(path.string()).ok());
  auto loaded = IntentModel::Load(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  for (const char* t : {"where is my card", "refund please", "退款", "something else entirely"}) {
    EXPECT_EQ(loaded->Predict(t).label, m->Predict(t).label) << t;
    EXPECT_FLOAT_EQ(loaded->Predict(t).confidence, m->Predict(t).confidence) << t;
  }
  // A truncated or foreign file is refused, not read.
  std::filesystem::resize_file(path, 40);
  EXPECT_FALSE(IntentModel::Load(path.string()).ok());
  std::filesystem::remove(path);
  EXPECT_FALSE(IntentModel::Load(path.string()).ok());
}

TEST(IntentModel, OutOfScopeExamplesTrainARejection) {
  auto d = Toy();
  const char* oos[] = {"what is the weather tomorrow", "tell me a joke", "who won the football game",
                       "play some music", "how tall is mount everest", "今天天气怎么样", "讲个笑话",
                       "book a table for two"};
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* t : oos) d.push_back({t, std::string(kOutOfScope)});
  }
  TrainOptions o;
  o.min_count = 1;
  o.epochs = 30;
  auto m = IntentModel::Train(d, o);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->has_out_of_scope());
  EXPECT_EQ(m->Predict("tell me a joke please").label, kOutOfScope);
  EXPECT_EQ(m->Predict("where is my card").label, "card_arrival");
}

TEST(IntentModel, RefusesUnusableData) {
  EXPECT_FALSE(IntentModel::Train({}, {}).ok());
  EXPECT_FALSE(IntentModel::Train({{"a", "x"}, {"b", "x"}}, {}).ok());  // one label
  TrainOptions bad;
  bad.dim = 0;
  EXPECT_FALSE(IntentModel::Train(Toy(), bad).ok());
}

}  // namespace
}  // namespace hushdesk::nlu
