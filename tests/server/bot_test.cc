// The bot in the message path, consent and privacy mode, and the knowledge-base API, over real
// HTTP against a real server with the bot on.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auth/identity.h"
#include "server/test_server.h"

namespace hushdesk {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;
using test::TestServer;

std::string Str(const json::value& v, const char* key) { return std::string(v.at(key).as_string()); }

struct Customer {
  std::string id;
  std::string token;
};

class BotTest : public ::testing::Test {
 protected:
  BotTest() : server({}, /*bot=*/true) {}

  void SetUp() override {
    admin = server.Staff("root", "admin");
    const json::object body{
        {"articles",
         json::array{
             json::object{{"id", "returns"}, {"lang", "en"}, {"title", "Returns"}, {"intent", "return_item"},
                          {"questions", json::array{"How do I return an item?", "can I send back what I bought"}},
                          {"answer", "Open your order and choose Return."},
                          {"products", json::array{"Lumen Buds"}}},
             json::object{{"id", "th"}, {"lang", "zh"}, {"title", "退货"}, {"intent", "return_item"},
                          {"questions", json::array{"怎么退货", "买的东西可以退吗"}},
                          {"answer", "在订单详情页点击申请退货即可。"}}}}};
    auto r = server.Post("/api/v1/kb/articles", body, admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }

  Customer Open(const char* lang = "en") {
    auto r = server.Post("/api/v1/conversations", json::object{{"channel", "web"}, {"lang", lang}});
    EXPECT_EQ(r.status, 201) << r.body;
    const json::value v = r.json();
    EXPECT_FALSE(Str(v.at("privacy_notice"), "text").empty());
    EXPECT_EQ(Str(v, "mode"), "bot");
    EXPECT_EQ(Str(v, "consent"), "pending");
    return {Str(v, "id"), Str(v, "customer_token")};
  }

  // The conversation's messages as `bearer` sees them, once there are at least `n`.
  json::array WaitForMessages(const Customer& c, std::size_t n, const std::string& bearer) {
    json::array items;
    for (int i = 0; i < 200; ++i) {
      auto r = server.Get("/api/v1/conversations/" + c.id + "/messages", bearer);
      if (r.status == 200) items = r.json().at("items").as_array();
      if (items.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return items;
  }

  TestServer server;
  std::string admin;
};

TEST_F(BotTest, AnswersFromTheKnowledgeBase) {
  Customer c = Open();
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", "How can I return an item?"}}, c.token).status, 201);
  const json::array items = WaitForMessages(c, 2, c.token);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[1], "sender"), "bot");
  EXPECT_EQ(Str(items[1], "text"), "Open your order and choose Return.");
  EXPECT_EQ(Str(items[1].at("meta"), "action"), "answer");
  EXPECT_EQ(Str(items[1].at("meta"), "article"), "returns");
  // The customer does not see the analysis of their own message.
  EXPECT_EQ(items[0].as_object().if_contains("meta"), nullptr);
}

TEST_F(BotTest, ExtractsEntitiesIntoTheAnalysis) {
  Customer c = Open();
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", "Return my lumen buds from order #556677? I paid $25.50 on Monday."}},
                        c.token).status, 201);
  const json::array items = WaitForMessages(c, 2, admin);
  ASSERT_GE(items.size(), 1u);
  const json::array& entities = items[0].at("meta").at("entities").as_array();
  std::vector<std::string> got;
  for (const auto& e : entities) got.push_back(Str(e, "type") + "=" + Str(e, "value"));
  ASSERT_EQ(got.size(), 4u) << json::serialize(entities);
  EXPECT_EQ(got[0], "PRODUCT=Lumen Buds");
  EXPECT_EQ(got[1], "ORDER_NUMBER=556677");
  EXPECT_EQ(got[2], "AMOUNT=25.50 USD");
  EXPECT_EQ(got[3].substr(0, 5), "DATE=");
  // The product list comes back with the article.
  auto article = server.Get("/api/v1/kb/articles/returns", admin);
  ASSERT_EQ(article.status, 200);
  EXPECT_EQ(article.json().at("products").as_array().size(), 1u);
  // Still with the bot: not in the agents' queue of handed-off conversations.
  const std::string agent = server.Staff("alice", "agent");
  auto q = server.Get("/api/v1/conversations?mode=human", agent);
  ASSERT_EQ(q.status, 200);
  EXPECT_EQ(q.body.find(c.id), std::string::npos);
}

TEST_F(BotTest, HandsOffOnRequestAndTheAgentSeesIntentAndSentiment) {
  Customer c = Open("zh");
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", "请问怎么退货？我的手机13912345678"}}, c.token).status, 201);
  WaitForMessages(c, 2, c.token);
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "转人工"}}, c.token).status,
            201);
  const json::array mine = WaitForMessages(c, 4, c.token);
  ASSERT_EQ(mine.size(), 4u);
  EXPECT_EQ(Str(mine[3].at("meta"), "action"), "handoff");
  EXPECT_EQ(Str(mine[3].at("meta"), "reason"), "request");

  const std::string agent = server.Staff("alice", "agent");
  json::array queue;
  for (int i = 0; i < 100 && queue.empty(); ++i) {
    queue = server.Get("/api/v1/conversations?mode=human", agent).json().at("items").as_array();
    if (queue.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(Str(queue[0], "id"), c.id);
  EXPECT_EQ(Str(queue[0], "mode"), "human");
  EXPECT_EQ(server.Get("/api/v1/conversations?mode=sideways", agent).status, 400);

  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, agent).status, 200);
  const json::array seen = WaitForMessages(c, 4, agent);
  ASSERT_EQ(seen.size(), 4u);
  // Agent assist: intent, sentiment and suggestions of the customer's message; PII masked.
  const json::value& meta = seen[0].at("meta");
  EXPECT_EQ(Str(meta, "intent"), "return_item");
  EXPECT_EQ(Str(meta, "lang"), "zh");
  EXPECT_FALSE(Str(meta, "sentiment").empty());
  ASSERT_FALSE(meta.at("suggestions").as_array().empty());
  EXPECT_EQ(Str(meta.at("suggestions").as_array()[0], "article"), "th");
  EXPECT_EQ(Str(seen[0], "text").find("13912345678"), std::string::npos);
  EXPECT_TRUE(seen[2].at("meta").at("wants_human").as_bool());
  // After the handoff the bot is silent.
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "怎么退货"}}, c.token).status,
            201);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(WaitForMessages(c, 5, c.token).size(), 5u);
  // The handoff is audited (by the service's audit worker, so shortly after the reply).
  bool audited = false;
  for (int i = 0; i < 200 && !audited; ++i) {
    audited = server.Get("/api/v1/audit", admin).body.find("bot.handoff") != std::string::npos;
    if (!audited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(audited);
}

TEST_F(BotTest, AngerHandsOffAtOnce) {
  Customer c = Open();
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", "This is ridiculous, the worst service ever!!!"}}, c.token).status,
            201);
  const json::array items = WaitForMessages(c, 2, c.token);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[1].at("meta"), "reason"), "anger");
}

TEST_F(BotTest, ConsentIsARecordAndPrivacyModeDeletesOnClose) {
  Customer kept = Open();
  auto r = server.Post("/api/v1/conversations/" + kept.id + "/consent", json::object{{"accepted", true}}, kept.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json(), "consent"), "given");
  EXPECT_EQ(server.Post("/api/v1/conversations/" + kept.id + "/consent", json::object{{"accepted", "yes"}}, kept.token).status,
            400);
  auto receipts = server.runtime().store->ListConsents(kept.id);
  ASSERT_TRUE(receipts.ok());
  ASSERT_EQ(receipts->size(), 1u);
  EXPECT_EQ((*receipts)[0].decision, "given");
  EXPECT_EQ((*receipts)[0].purpose, "customer-service");
  EXPECT_FALSE((*receipts)[0].policy_version.empty());
  EXPECT_EQ((*receipts)[0].channel, "web");
  EXPECT_GT((*receipts)[0].at_ms, 0);

  Customer secret = Open();
  ASSERT_EQ(server.Post("/api/v1/conversations/" + secret.id + "/consent", json::object{{"accepted", false}}, secret.token).status,
            200);
  for (const Customer* c : {&kept, &secret}) {
    ASSERT_EQ(server.Post("/api/v1/conversations/" + c->id + "/messages",
                          json::object{{"text", "my phone is 13912345678, please call"}}, c->token).status, 201);
    WaitForMessages(*c, 2, c->token);
  }
  const std::string agent = server.Staff("alice", "agent");
  for (const Customer* c : {&kept, &secret}) {
    ASSERT_EQ(server.Post("/api/v1/conversations/" + c->id + "/claim", json::object{}, agent).status, 200);
    ASSERT_EQ(server.Post("/api/v1/conversations/" + c->id + "/close", json::object{}, agent).status, 200);
  }
  EXPECT_EQ(WaitForMessages(kept, 2, kept.token).size(), 2u);
  auto gone = server.Get("/api/v1/conversations/" + secret.id + "/messages", secret.token);
  ASSERT_EQ(gone.status, 200);
  EXPECT_TRUE(gone.json().at("items").as_array().empty());
  // The vault entries went with the messages.
  auto listed = server.runtime().store->ListMessages(secret.id, 0, 100);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  auto audit = server.Get("/api/v1/audit", admin);
  EXPECT_NE(audit.body.find("consent.given"), std::string::npos);
  EXPECT_NE(audit.body.find("consent.declined"), std::string::npos);
  EXPECT_NE(audit.body.find("privacy.purge"), std::string::npos);
}

TEST_F(BotTest, KnowledgeBaseApiIsForAdminsAndValidates) {
  const std::string agent = server.Staff("alice", "agent");
  auto list = server.Get("/api/v1/kb/articles", agent);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), 2u);
  const json::object article{{"lang", "en"}, {"title", "Opening hours"}, {"answer", "9 to 5."}};
  EXPECT_EQ(server.Call(verb::put, "/api/v1/kb/articles/hours", json::serialize(article), agent).status, 403);
  auto put = server.Call(verb::put, "/api/v1/kb/articles/hours", json::serialize(article), admin);
  ASSERT_EQ(put.status, 200) << put.body;
  auto got = server.Get("/api/v1/kb/articles/hours", agent);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Str(got.json(), "answer"), "9 to 5.");
  // The bot uses it at once.
  Customer c = Open();
  server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "what are your opening hours"}}, c.token);
  const json::array items = WaitForMessages(c, 2, c.token);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[1], "text"), "9 to 5.");

  const json::object bad{{"lang", "fr"}, {"title", "x"}, {"answer", "y"}};
  auto r = server.Call(verb::put, "/api/v1/kb/articles/x", json::serialize(bad), admin);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("zh or en"), std::string::npos);
  r = server.Call(verb::put, "/api/v1/kb/articles/x", "{\"lang\":\"en\",\"title\":\"x\"}", admin);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("answer is empty"), std::string::npos);
  EXPECT_EQ(server.Call(verb::delete_, "/api/v1/kb/articles/nope", "", admin).status, 404);
  EXPECT_EQ(server.Call(verb::delete_, "/api/v1/kb/articles/hours", "", admin).status, 200);
  EXPECT_EQ(server.Get("/api/v1/kb/articles/hours", agent).status, 404);
}

TEST_F(BotTest, VerifiedVipCustomersGoStraightToAgents) {
  const std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
  const std::string vip = auth::SignIdentity({"vip", now_s + 600}, TestServer::kIdentitySecret);
  auto r = server.Post("/api/v1/conversations", json::object{{"channel", "web"}, {"identity", vip}});
  ASSERT_EQ(r.status, 201) << r.body;
  const Customer c{Str(r.json(), "id"), Str(r.json(), "customer_token")};
  EXPECT_EQ(Str(r.json(), "tier"), "vip");
  EXPECT_EQ(Str(r.json(), "mode"), "human");
  // The bot stays silent, and the conversation is in the agents' queue at once.
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "How can I return an item?"}},
                        c.token).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(WaitForMessages(c, 1, c.token).size(), 1u);
  const std::string agent = server.Staff("vera", "agent");
  const json::array queue = server.Get("/api/v1/conversations?mode=human", agent).json().at("items").as_array();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(Str(queue[0], "tier"), "vip");

  // A standard tier, and an anonymous customer, meet the bot.
  r = server.Post("/api/v1/conversations",
                  json::object{{"identity", auth::SignIdentity({"standard", now_s + 600}, TestServer::kIdentitySecret)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Str(r.json(), "mode"), "bot");
  EXPECT_EQ(Str(r.json(), "tier"), "standard");
  const auto anonymous = server.Post("/api/v1/conversations", json::object{{"channel", "web"}});
  EXPECT_EQ(Str(anonymous.json(), "mode"), "bot");
  EXPECT_EQ(Str(anonymous.json(), "tier"), "standard");

  // A browser cannot make itself a VIP: forged, expired and malformed tokens are refused.
  r = server.Post("/api/v1/conversations", json::object{{"identity", auth::SignIdentity({"vip", now_s + 600}, std::string(40, 'x'))}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("signature"), std::string::npos);
  r = server.Post("/api/v1/conversations",
                  json::object{{"identity", auth::SignIdentity({"vip", now_s - 1}, TestServer::kIdentitySecret)}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("expired"), std::string::npos);
  EXPECT_EQ(server.Post("/api/v1/conversations", json::object{{"identity", 42}}).status, 400);
  // None of the refused attempts opened a conversation.
  EXPECT_EQ(server.Get("/api/v1/conversations", admin).json().at("items").as_array().size(), 3u);
}

}  // namespace
}  // namespace hushdesk
