// The API contract of issue "hushdesk serve", exercised over real HTTP against a real server.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "audit/audit_log.h"
#include "server/test_server.h"

namespace hushdesk {
namespace {

namespace json = boost::json;
using test::HttpResult;
using test::TestServer;

std::string Str(const json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

struct Customer {
  std::string id;
  std::string token;
};

Customer Open(TestServer& s) {
  auto r = s.Post("/api/v1/conversations", json::object{{"channel", "web"}});
  EXPECT_EQ(r.status, 201) << r.body;
  return {Str(r.json(), "id"), Str(r.json(), "customer_token")};
}

// Synthetic values only.
constexpr const char* kPhone = "13912345678";
constexpr const char* kEmail = "li.lei.test@163.com";

class ServerTest : public ::testing::Test {
 protected:
  TestServer server;
};

TEST_F(ServerTest, CustomerMessageIsStoredDeIdentifiedAndAcknowledged) {
  Customer c = Open(server);
  auto r = server.Post("/api/v1/conversations/" + c.id + "/messages",
                       json::object{{"text", std::string("手机 ") + kPhone + "，邮箱 " + kEmail}},
                       c.token);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string stored = Str(r.json(), "text");
  EXPECT_EQ(stored.find(kPhone), std::string::npos);
  EXPECT_EQ(stored.find(kEmail), std::string::npos);
  EXPECT_NE(stored.find("⟦PHONE_NUMBER:"), std::string::npos);
  EXPECT_NE(stored.find("⟦EMAIL_ADDRESS:"), std::string::npos);
  EXPECT_GT(r.json().at("id").as_int64(), 0);

  // The customer reads their own conversation with the originals.
  auto mine = server.Get("/api/v1/conversations/" + c.id + "/messages", c.token);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find(kPhone), std::string::npos);
}

TEST_F(ServerTest, SameValueGetsSameTokenWithinAConversationOnly) {
  Customer a = Open(server);
  Customer b = Open(server);
  const json::object msg{{"text", std::string("call ") + kPhone}};
  auto a1 = Str(server.Post("/api/v1/conversations/" + a.id + "/messages", msg, a.token).json(), "text");
  auto a2 = Str(server.Post("/api/v1/conversations/" + a.id + "/messages", msg, a.token).json(), "text");
  auto b1 = Str(server.Post("/api/v1/conversations/" + b.id + "/messages", msg, b.token).json(), "text");
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, b1);
}

TEST_F(ServerTest, AgentSeesMaskedValuesOnlyAfterTakingTheConversation) {
  Customer c = Open(server);
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", std::string("my phone is ") + kPhone}}, c.token)
                .status,
            201);
  const std::string agent = server.Staff("alice", "agent");
  const std::string other = server.Staff("bob", "agent");

  // In the queue: listed, but its messages are not readable before taking it.
  auto list = server.Get("/api/v1/conversations", agent);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(c.id), std::string::npos);
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", agent).status, 403);

  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, agent).status, 200);
  EXPECT_EQ(server.Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, other).status, 409);
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", other).status, 403);

  auto r = server.Get("/api/v1/conversations/" + c.id + "/messages", agent);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = r.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const std::string text = Str(items[0], "text");
  EXPECT_EQ(text, "my phone is 139****5678");
  // The parts carry the token so the desk can offer to reveal it.
  const auto& parts = items[0].at("parts").as_array();
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(Str(parts[1], "type"), "PHONE_NUMBER");
  EXPECT_TRUE(Str(parts[1], "token").starts_with("⟦PHONE_NUMBER:"));
}

TEST_F(ServerTest, RevealNeedsAssignmentAndAReasonAndIsAudited) {
  Customer c = Open(server);
  auto posted = server.Post("/api/v1/conversations/" + c.id + "/messages",
                            json::object{{"text", std::string("phone ") + kPhone}}, c.token);
  const std::string stored = Str(posted.json(), "text");
  const std::string token = stored.substr(stored.find("⟦"));
  const std::string agent = server.Staff("alice", "agent");
  const std::string path = "/api/v1/conversations/" + c.id + "/reveal";

  EXPECT_EQ(server.Post(path, json::object{{"token", token}, {"reason", "verify caller"}}, agent).status, 403);
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, agent).status, 200);
  EXPECT_EQ(server.Post(path, json::object{{"token", token}}, agent).status, 400);
  EXPECT_EQ(server.Post(path, json::object{{"token", token}, {"reason", " "}}, agent).status, 400);
  EXPECT_EQ(server.Post(path, json::object{{"token", "⟦PHONE_NUMBER:00000000⟧"}, {"reason", "verify caller"}}, agent).status, 404);

  // A reason that itself holds personal data is recorded de-identified.
  auto r = server.Post(path, json::object{{"token", token}, {"reason", std::string("caller gave ") + kEmail}}, agent);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Str(r.json(), "value"), kPhone);

  auto records = server.rt().store->ReadAudit(0, 1000);
  ASSERT_TRUE(records.ok());
  const store::AuditRecord* reveal = nullptr;
  int denied = 0;
  for (const auto& rec : *records) {
    if (rec.action == "pii.reveal") reveal = &rec;
    if (rec.action == "pii.reveal.denied") ++denied;
  }
  ASSERT_NE(reveal, nullptr);
  EXPECT_EQ(reveal->object, "conversation:" + c.id + "/token:" + token);
  EXPECT_EQ(reveal->reason, "caller gave <EMAIL_ADDRESS>");
  EXPECT_EQ(denied, 1);
  auto verified = audit::Verify(*server.rt().store);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact()) << verified->problem;
}

TEST_F(ServerTest, RolesSeeWhatThePermissionMatrixAllows) {
  Customer c = Open(server);
  Customer other = Open(server);
  server.Post("/api/v1/conversations/" + c.id + "/messages",
              json::object{{"text", std::string("mail ") + kEmail}}, c.token);
  const std::string qa = server.Staff("quinn", "qa");
  const std::string analyst = server.Staff("ann", "analyst");
  const std::string admin = server.Staff("root", "admin");

  auto tagged = server.Get("/api/v1/conversations/" + c.id + "/messages", qa);
  ASSERT_EQ(tagged.status, 200);
  EXPECT_EQ(Str(tagged.json().at("items").as_array()[0], "text"), "mail <EMAIL_ADDRESS>");
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", analyst).status, 403);
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", admin).status, 200);
  // A customer token opens its own conversation only.
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", other.token).status, 403);
  EXPECT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages",
                        json::object{{"text", "hi"}}, other.token).status, 403);
  // Only admins add users.
  EXPECT_EQ(server.Post("/api/v1/users", json::object{{"username", "x"}, {"password", "long enough pw"}, {"role", "agent"}}, qa).status, 403);
  EXPECT_EQ(server.Post("/api/v1/users", json::object{{"username", "x"}, {"password", "long enough pw"}, {"role", "agent"}}, admin).status, 201);
  EXPECT_EQ(server.Post("/api/v1/users", json::object{{"username", "x"}, {"password", "long enough pw"}, {"role", "agent"}}, admin).status, 409);
  EXPECT_EQ(server.Post("/api/v1/users", json::object{{"username", "y"}, {"password", "long enough pw"}, {"role", "wizard"}}, admin).status, 400);
  // API keys carry the role of their user.
  auto key = server.Post("/api/v1/api-keys", json::object{{"username", "quinn"}, {"name", "qa export"}}, admin);
  ASSERT_EQ(key.status, 201) << key.body;
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", Str(key.json(), "key")).status, 200);
  EXPECT_EQ(server.Get("/api/v1/audit", analyst).status, 403);
  EXPECT_EQ(server.Get("/api/v1/audit", admin).status, 200);
}

TEST_F(ServerTest, BadInputGetsProblemJsonNeverA500) {
  Customer c = Open(server);
  const std::string msgs = "/api/v1/conversations/" + c.id + "/messages";
  auto expect = [&](const HttpResult& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_FALSE(Str(r.json(), "detail").empty());
  };
  using boost::beast::http::verb;
  expect(server.Post(msgs, json::object{{"text", "hi"}}), 401);
  expect(server.Post(msgs, json::object{{"text", "hi"}}, "hdc_nonsense"), 401);
  expect(server.Post(msgs, json::object{{"text", "hi"}}, "hds_forged"), 401);
  expect(server.Call(verb::post, msgs, "{not json", c.token), 400);
  expect(server.Call(verb::post, msgs, "[1,2]", c.token), 400);
  expect(server.Post(msgs, json::object{{"text", 42}}, c.token), 400);
  expect(server.Post(msgs, json::object{{"text", "   "}}, c.token), 400);
  expect(server.Call(verb::post, msgs, "{\"text\":\"\xff\xfe\"}", c.token), 400);
  expect(server.Post(msgs, json::object{{"text", std::string(5000, 'a')}}, c.token), 413);
  expect(server.Call(verb::post, msgs, "{\"text\":\"" + std::string(20000, 'a') + "\"}", c.token), 413);
  expect(server.Post("/api/v1/conversations/cdoesnotexist/messages", json::object{{"text", "hi"}}, c.token), 404);
  const std::string agent = server.Staff("alice", "agent");
  expect(server.Get("/api/v1/conversations/cdoesnotexist/messages", agent), 404);
  expect(server.Post("/api/v1/conversations", json::object{{"channel", "pigeon"}}), 400);
  expect(server.Post("/api/v1/auth/login", json::object{{"username", "alice"}, {"password", "wrong one"}}), 401);
  expect(server.Post("/api/v1/auth/login", json::object{{"username", "nobody"}, {"password", "wrong one"}}), 401);
  expect(server.Get("/api/v1/nothing-here", agent), 404);
  expect(server.Call(verb::delete_, msgs, "", c.token), 405);
  // Still serving.
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

TEST_F(ServerTest, ClosedConversationsRefuseMessagesAndLeaveTheAgentsView) {
  Customer c = Open(server);
  const std::string agent = server.Staff("alice", "agent");
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, agent).status, 200);
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "Hello, how can I help?"}}, agent).status, 201);
  // With consent the record is kept after closing (without it, see PrivacyMode below).
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/consent", json::object{{"accepted", true}}, c.token).status, 200);
  ASSERT_EQ(server.Post("/api/v1/conversations/" + c.id + "/close", json::object{}, agent).status, 200);
  EXPECT_EQ(server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "one more"}}, c.token).status, 409);
  EXPECT_EQ(server.Get("/api/v1/conversations/" + c.id + "/messages", agent).status, 403);
  auto mine = server.Get("/api/v1/conversations/" + c.id + "/messages", c.token);
  ASSERT_EQ(mine.status, 200);
  const json::value body = mine.json();
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(Str(body.at("items").as_array()[0], "sender"), "agent");
}

TEST_F(ServerTest, HealthMetricsAndPagesAreServed) {
  EXPECT_EQ(server.Get("/healthz").body, "{\"status\":\"ok\"}");
  Customer c = Open(server);
  server.Post("/api/v1/conversations/" + c.id + "/messages", json::object{{"text", "hello"}}, c.token);
  auto m = server.Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("hushdesk_messages_total 1\n"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("hushdesk_message_ack_seconds_count 1\n"), std::string::npos);
  for (const char* page : {"/", "/demo", "/desk", "/static/widget.js", "/static/desk.js", "/static/style.css"}) {
    EXPECT_EQ(server.Get(page).status, 200) << page;
  }
}

// The privacy invariant, checked on the files themselves: after a corpus with personal data has
// gone through the API, no original value appears in the database, its WAL or the logs.
TEST(ServerPrivacy, NoOriginalValueReachesTheDatabaseWalOrLogs) {
  // Synthetic values of every kind the gate handles, each with the context a customer gives.
  const std::vector<std::pair<std::string, std::string>> corpus = {
      {"我的手机是", "13987654321"},
      {"座机 ", "010-62345678"},
      {"call me on ", "+44 20 7946 0321"},
      {"email: ", "wang.fang.demo@qq.com"},
      {"邮箱 ", "zhangsan_1988@163.com"},
      {"身份证号 ", "11010519491231002X"},
      {"卡号 ", "6222 0212 3456 7890 128"},
      {"card ", "4539 1488 0343 6467"},
      {"统一社会信用代码 ", "91350100M000100Y43"},
      {"护照号 ", "E12345678"},
      {"车牌 ", "京A12345"},
      {"SSN ", "536-22-1234"},
      {"IBAN ", "DE89 3704 0044 0532 0130 00"},
      {"from IP ", "203.0.113.77"},
      {"see ", "https://private.example.org/u/8812"},
      {"我叫", "欧阳娜娜"},
      {"联系人：", "王建国"},
      {"my name is ", "Margaret Thornbury"},
      {"收货地址：", "浙江省杭州市西湖区文三路398号5幢1201室"},
  };
  auto server = std::make_unique<TestServer>();
  const auto dir = server->dir();
  server->keep_dir();
  Customer c = Open(*server);
  for (const auto& [cue, value] : corpus) {
    auto r = server->Post("/api/v1/conversations/" + c.id + "/messages",
                          json::object{{"text", cue + value + "，谢谢 thanks"}}, c.token);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.body.find(value), std::string::npos) << "not de-identified: type of cue " << cue;
  }
  // Reveal once so that path's audit record is on disk too.
  const std::string agent = server->Staff("alice", "agent");
  ASSERT_EQ(server->Post("/api/v1/conversations/" + c.id + "/claim", json::object{}, agent).status, 200);
  auto msgs = server->Get("/api/v1/conversations/" + c.id + "/messages", agent);
  ASSERT_EQ(msgs.status, 200);
  const json::value body = msgs.json();
  std::string token;
  for (const auto& part : body.at("items").as_array()[0].at("parts").as_array()) {
    if (part.as_object().contains("token")) token = Str(part, "token");
  }
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(server->Post("/api/v1/conversations/" + c.id + "/reveal",
                         json::object{{"token", token}, {"reason", "customer asked for a call back"}}, agent)
                .status,
            200);

  // Scan with the server still up (WAL not yet checkpointed), then again after shutdown.
  auto scan = [&](const char* when) {
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      ++files;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (const auto& [cue, value] : corpus) {
        EXPECT_EQ(bytes.find(value), std::string::npos)
            << when << ": an original value (after cue \"" << cue << "\") is in " << entry.path().filename();
      }
    }
    EXPECT_GE(files, 3u) << "expected the database, its WAL and the log";
  };
  scan("while running");
  server.reset();
  scan("after shutdown");
  std::filesystem::remove_all(dir);
}

TEST(ServerRestart, AcknowledgedMessagesSurviveARestartAndStayReadable) {
  auto server = std::make_unique<TestServer>();
  const auto dir = server->dir();
  server->keep_dir();
  Customer c = Open(*server);
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(server->Post("/api/v1/conversations/" + c.id + "/messages",
                           json::object{{"text", "message " + std::to_string(i) + " phone " + kPhone}},
                           c.token).status, 201);
  }
  server.reset();
  TestServer again(dir);
  auto r = again.Get("/api/v1/conversations/" + c.id + "/messages", c.token);
  ASSERT_EQ(r.status, 200);
  const json::value body = r.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 20u);
  EXPECT_EQ(Str(items[19], "text"), std::string("message 19 phone ") + kPhone);
}

}  // namespace
}  // namespace hushdesk
