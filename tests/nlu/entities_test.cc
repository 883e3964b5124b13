#include "nlu/entities.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hushdesk::nlu {
namespace {

// Sunday 22 November 2026.
constexpr CivilDate kToday{2026, 11, 22};

struct Row {
  std::string text;
  std::vector<std::pair<std::string, std::string>> want;  // type, value in order
};

std::vector<std::pair<std::string, std::string>> Found(const EntityExtractor& x, const std::string& text,
                                                       CivilDate today = kToday) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Entity& e : x.Extract(text, today)) out.emplace_back(e.type, e.value);
  return out;
}

TEST(EntitiesTest, OrderAndTrackingNumbers) {
  const EntityExtractor x;
  const std::vector<Row> rows = {
      {"我的订单号是 SO20261122001，还没发货", {{"ORDER_NUMBER", "SO20261122001"}}},
      {"订单号：887766554433", {{"ORDER_NUMBER", "887766554433"}}},
      {"快递单号YT1234567890123查不到", {{"TRACKING_NUMBER", "YT1234567890123"}}},
      {"My order number is A-20488 and it is late", {{"ORDER_NUMBER", "A-20488"}}},
      {"Where is order #556677?", {{"ORDER_NUMBER", "556677"}}},
      {"tracking no. 1Z999AA10123456784", {{"TRACKING_NUMBER", "1Z999AA10123456784"}}},
      {"my order is late", {}},
      {"订单还没到", {}},
  };
  for (const Row& r : rows) EXPECT_EQ(Found(x, r.text), r.want) << r.text;
}

TEST(EntitiesTest, AmountsWithCurrency) {
  const EntityExtractor x;
  const std::vector<Row> rows = {
      {"退款199元什么时候到", {{"AMOUNT", "199.00 CNY"}}},
      {"扣了我¥1,299.50", {{"AMOUNT", "1299.50 CNY"}}},
      {"两千五百块钱", {{"AMOUNT", "2500.00 CNY"}}},
      {"转账1.5万元", {{"AMOUNT", "15000.00 CNY"}}},
      {"三百元", {{"AMOUNT", "300.00 CNY"}}},
      {"I was charged $25.99 twice", {{"AMOUNT", "25.99 USD"}}},
      {"a refund of 40 euros", {{"AMOUNT", "40.00 EUR"}}},
      {"付了100美元", {{"AMOUNT", "100.00 USD"}}},
      {"RMB 300 please", {{"AMOUNT", "300.00 CNY"}}},
      {"我们一块去", {}},    // "together", not money
      {"买了两块蛋糕", {}},  // pieces
      {"I have 3 items", {}},
  };
  for (const Row& r : rows) EXPECT_EQ(Found(x, r.text), r.want) << r.text;
}

TEST(EntitiesTest, DatesResolveAgainstToday) {
  const EntityExtractor x;
  // Today is Sunday 2026-11-22; this week runs Monday 16 to Sunday 22.
  const std::vector<Row> rows = {
      {"明天能到吗", {{"DATE", "2026-11-23"}}},
      {"今天下单，后天发货", {{"DATE", "2026-11-22"}, {"DATE", "2026-11-24"}}},
      {"下周一再联系", {{"DATE", "2026-11-23"}}},
      {"下星期五", {{"DATE", "2026-11-27"}}},
      {"上周三买的", {{"DATE", "2026-11-11"}}},
      {"本周五", {{"DATE", "2026-11-20"}}},
      {"周三可以吗", {{"DATE", "2026-11-25"}}},
      {"3天后", {{"DATE", "2026-11-25"}}},
      {"12月1日之前", {{"DATE", "2026-12-01"}}},
      {"2026年12月31号", {{"DATE", "2026-12-31"}}},
      {"十二月五号", {{"DATE", "2026-12-05"}}},
      {"can you deliver next Monday?", {{"DATE", "2026-11-23"}}},
      {"on Friday", {{"DATE", "2026-11-27"}}},
      {"tomorrow morning", {{"DATE", "2026-11-23"}}},
      {"by November 30th", {{"DATE", "2026-11-30"}}},
      {"Dec 3, 2026", {{"DATE", "2026-12-03"}}},
      {"the 5th of December", {{"DATE", "2026-12-05"}}},
      {"ordered on 2026-11-02", {{"DATE", "2026-11-02"}}},
      {"in 10 days", {{"DATE", "2026-12-02"}}},
      {"2月30日", {}},  // no such day
      {"一周一次", {{"DATE", "2026-11-23"}}},  // a known false reading, kept visible here
  };
  for (const Row& r : rows) EXPECT_EQ(Found(x, r.text), r.want) << r.text;
  // On a Wednesday a bare weekday looks forward, and "this Monday" stays in this week.
  EXPECT_EQ(Found(x, "周一", {2026, 11, 25}), (std::vector<std::pair<std::string, std::string>>{{"DATE", "2026-11-30"}}));
  EXPECT_EQ(Found(x, "this Monday", {2026, 11, 25}),
            (std::vector<std::pair<std::string, std::string>>{{"DATE", "2026-11-23"}}));
  // Across a year end.
  EXPECT_EQ(Found(x, "明天", {2026, 12, 31}), (std::vector<std::pair<std::string, std::string>>{{"DATE", "2027-01-01"}}));
}

TEST(EntitiesTest, TimesOfDay) {
  const EntityExtractor x;
  const std::vector<Row> rows = {
      {"下午3点半给我回电话", {{"TIME", "15:30"}}},
      {"上午十点", {{"TIME", "10:00"}}},
      {"晚上8点", {{"TIME", "20:00"}}},
      {"中午12点", {{"TIME", "12:00"}}},
      {"9点15分", {{"TIME", "09:15"}}},
      {"call me at 3pm", {{"TIME", "15:00"}}},
      {"at 10:45 am", {{"TIME", "10:45"}}},
      {"at 12am", {{"TIME", "00:00"}}},
      {"opens at 18:30", {{"TIME", "18:30"}}},
      {"快一点", {}},     // "a bit faster"
      {"有点慢", {}},
      {"score 3:2", {}},
  };
  for (const Row& r : rows) EXPECT_EQ(Found(x, r.text), r.want) << r.text;
}

TEST(EntitiesTest, ProductsFromTheKnowledgeBase) {
  const EntityExtractor x({"Platinum Card", "信用卡", "白金信用卡", "AirPods"});
  EXPECT_EQ(x.product_count(), 4u);
  EXPECT_EQ(Found(x, "我想办白金信用卡"), (std::vector<std::pair<std::string, std::string>>{{"PRODUCT", "白金信用卡"}}));
  EXPECT_EQ(Found(x, "is the platinum card free?"),
            (std::vector<std::pair<std::string, std::string>>{{"PRODUCT", "Platinum Card"}}));
  EXPECT_EQ(Found(x, "airpodsx"), (std::vector<std::pair<std::string, std::string>>{}));  // whole words only
}

TEST(EntitiesTest, NeverLooksInsidePrivacyTokens) {
  const EntityExtractor x;
  // The token's id is hex and could read as an order number or a time.
  EXPECT_TRUE(x.Extract("订单号⟦BANK_CARD:3f9a0c1e⟧", kToday).empty());
  EXPECT_TRUE(x.Extract("⟦PHONE_NUMBER:12345678⟧ 3pm", kToday).size() == 1);
  const auto e = x.Extract("退款 ¥88 到 ⟦BANK_CARD:3f9a0c1e⟧，明天", kToday);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].text, "¥88");
  EXPECT_EQ(e[1].text, "明天");
  // Byte offsets into the text.
  const std::string s = "退款 ¥88";
  const auto one = x.Extract(s, kToday);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(s.substr(one[0].start, one[0].end - one[0].start), "¥88");
}

}  // namespace
}  // namespace hushdesk::nlu
