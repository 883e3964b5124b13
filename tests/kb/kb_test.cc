#include "kb/kb.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hushdesk::kb {
namespace {

std::vector<Article> Shop() {
  std::istringstream csv(
      "id,lang,title,question,answer,intent\n"
      "returns,en,Returns,How do I return an item?,\"Open your order, choose Return, and print the label.\",return_item\n"
      "returns,,,can I send back what I bought,,\n"
      "track,en,Track an order,Where is my parcel?,Your tracking link is in the shipping e-mail.,track_order\n"
      "track,,,when will my order arrive,,\n"
      "th,zh,退货,怎么退货？,在订单详情页点击“申请退货”，打印退货单即可。,return_item\n"
      "th,,,买的东西可以退吗,,\n"
      "wl,zh,查物流,我的快递到哪了,物流信息在订单详情页可以查看。,track_order\n"
      "wl,,,包裹什么时候到,,\n"
      "fp,zh,开发票,可以开发票吗,下单后在订单详情页申请电子发票。,invoice\n");
  auto a = ParseCsv(csv, "en");
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? *a : std::vector<Article>{};
}

TEST(KbTerms, LatinStemsHanUnigramsAndBigramsAndTokens) {
  const auto t = Terms("Returning my ORDERS 退货 ⟦PHONE_NUMBER:3f9a⟧");
  const std::vector<std::string> want = {"return", "order", "退", "货", "退货", "<phone_number>"};
  EXPECT_EQ(t, want);
}

TEST(KbCsv, RowsWithOneIdBecomeOneArticleWithVariants) {
  const auto a = Shop();
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].id, "returns");
  EXPECT_EQ(a[0].questions.size(), 2u);
  EXPECT_EQ(a[0].answer, "Open your order, choose Return, and print the label.");
  EXPECT_EQ(a[2].lang, "zh");
  EXPECT_EQ(a[2].intent, "return_item");
}

TEST(KbCsv, ErrorsNameTheProblem) {
  std::istringstream no_answer("id,question\nx,hello\n");
  auto r = ParseCsv(no_answer, "en");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("question and answer"), std::string::npos);
  std::istringstream empty_answer("id,question,answer\nx,hello,\n");
  r = ParseCsv(empty_answer, "en");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("answer is empty"), std::string::npos);
  std::istringstream bad_lang("id,lang,question,answer\nx,fr,hello,hi\n");
  r = ParseCsv(bad_lang, "en");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("zh or en"), std::string::npos);
  std::istringstream unclosed("id,question,answer\nx,\"hello,hi\n");
  r = ParseCsv(unclosed, "en");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos);
}

TEST(KbMarkdown, HeadingsQuestionsAndAnswer) {
  std::istringstream md(
      "# Shop FAQ\n\nintro text is ignored\n\n"
      "## How do I return an item?\nid: returns\nQ: can I send it back\n"
      "Open your order and choose Return.\n\nRefunds take 3–5 days.\n"
      "## 怎么开发票\nid: fp\nlang: zh\nproducts: 流明手机X2；流明耳机; \n问：能开票吗\n下单后申请电子发票。\n");
  auto a = ParseMarkdown(md, "en");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].id, "returns");
  EXPECT_EQ((*a)[0].title, "How do I return an item?");
  EXPECT_EQ((*a)[0].questions, std::vector<std::string>{"can I send it back"});
  EXPECT_EQ((*a)[0].answer, "Open your order and choose Return.\n\nRefunds take 3–5 days.");
  EXPECT_EQ((*a)[1].lang, "zh");
  EXPECT_EQ((*a)[1].questions, std::vector<std::string>{"能开票吗"});
  EXPECT_EQ((*a)[1].products, (std::vector<std::string>{"流明手机X2", "流明耳机"}));
  EXPECT_TRUE((*a)[0].products.empty());
}

TEST(KbCsv, ProductsColumnSplitsOnSemicolonsAndMergesVariants) {
  std::istringstream csv(
      "id,question,answer,products\n"
      "w,is it under warranty,Two years.,Lumen Buds; Lumen Watch\n"
      "w,my watch broke,,Lumen Watch;Lumen Phone X2\n");
  auto a = ParseCsv(csv, "en");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), 1u);
  EXPECT_EQ((*a)[0].products, (std::vector<std::string>{"Lumen Buds", "Lumen Watch", "Lumen Phone X2"}));
  Article long_name = (*a)[0];
  long_name.products.push_back(std::string(201, 'x'));
  EXPECT_FALSE(Validate(long_name).ok());
}

TEST(KbIndex, FindsTheRightAnswerInBothLanguages) {
  const auto index = Index::Build(Shop());
  auto best = [&](std::string_view q) {
    const auto m = index->Search(q, 3);
    return m.empty() ? std::string("-") : index->articles()[m[0].article].id;
  };
  EXPECT_EQ(best("how can I return this item"), "returns");
  EXPECT_EQ(best("where is my parcel now?"), "track");
  EXPECT_EQ(best("returned items"), "returns");
  EXPECT_EQ(best("我想退货"), "th");
  EXPECT_EQ(best("快递到哪里了"), "wl");
  EXPECT_EQ(best("能开发票吗"), "fp");
  EXPECT_TRUE(index->Search("xyzzy plugh", 3).empty());
}

TEST(KbIndex, ConfidenceSeparatesExactFromVagueQueries) {
  const auto index = Index::Build(Shop());
  const auto exact = index->Search("How do I return an item?", 1);
  ASSERT_FALSE(exact.empty());
  EXPECT_GT(exact[0].confidence, 0.8f);
  const auto vague = index->Search("my order", 1);
  ASSERT_FALSE(vague.empty());
  EXPECT_LT(vague[0].confidence, 0.5f);
  // A long query about something else that shares one word is not confident.
  const auto off = index->Search("what is the weather like in the city where my parcel is", 1);
  ASSERT_FALSE(off.empty());
  EXPECT_LT(off[0].confidence, exact[0].confidence);
  EXPECT_LT(off[0].confidence, 0.6f);
}

TEST(KbIndex, PrefersTheQueryLanguage) {
  const auto index = Index::Build(Shop());
  const auto m = index->Search("order", 5, "zh");
  // Nothing in Chinese matches "order", so English articles are offered.
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(index->articles()[m[0].article].lang, "en");
  for (const auto& x : index->Search("退货 return", 5, "zh")) EXPECT_EQ(index->articles()[x.article].lang, "zh");
}

}  // namespace
}  // namespace hushdesk::kb
