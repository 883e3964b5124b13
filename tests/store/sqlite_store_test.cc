#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

namespace hushdesk::store {
namespace {

using common::StatusOr;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("hushdesk-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    store_.reset();
    auto s = SqliteStore::Open(dir_ / "test.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  Conversation NewConversation(const std::string& id, std::int64_t tenant) {
    Conversation c;
    c.id = id;
    c.tenant_id = tenant;
    c.channel = "web";
    c.customer_token_hash = "hash-" + id;
    c.created_ms = c.updated_ms = 1000;
    Customer cu;
    cu.tenant_id = tenant;
    cu.wrapped_key = {1, 2, 3};
    auto r = store_->CreateConversation(c, cu);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }
  StatusOr<Message> Append(const std::string& conv, const std::string& text,
                           std::vector<VaultEntry> entries = {}) {
    std::promise<common::StatusOr<Message>> p;
    Message m;
    m.conversation_id = conv;
    m.sender = "customer";
    m.text = text;
    m.created_ms = 2000;
    store_->AppendMessage(m, std::move(entries), [&p](common::StatusOr<Message> r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigratesToTheCurrentVersionAndReopens) {
  Reopen();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "test.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(s, 0), SqliteStore::SchemaVersion());
  sqlite3_finalize(s);
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerVersion) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "test.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = SqliteStore::Open(dir_ / "test.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, TenantsAndUsersAreUnique) {
  Tenant t;
  t.name = "acme";
  t.wrapped_key = {9};
  auto created = store_->CreateTenant(t);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(store_->CreateTenant(t).status().code(), common::StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->FindTenant("acme")->id, created->id);
  EXPECT_EQ(store_->FindTenant("nope").status().code(), common::StatusCode::kNotFound);

  User u;
  u.tenant_id = created->id;
  u.username = "alice";
  u.role = "agent";
  u.password_hash = "h";
  ASSERT_TRUE(store_->CreateUser(u).ok());
  EXPECT_EQ(store_->CreateUser(u).status().code(), common::StatusCode::kAlreadyExists);
  EXPECT_EQ(*store_->CountUsers(), 1);
  EXPECT_EQ(store_->FindUser("alice")->role, "agent");
}

TEST_F(SqliteStoreTest, MessagesAndVaultEntriesAreWrittenTogether) {
  Tenant t;
  t.name = "acme";
  t.wrapped_key = {9};
  const auto tenant = *store_->CreateTenant(t);
  NewConversation("c1", tenant.id);
  auto m = Append("c1", "hello ⟦PHONE_NUMBER:01020304⟧", {{"c1", "⟦PHONE_NUMBER:01020304⟧", {7, 7}}});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_GT(m->id, 0);
  EXPECT_EQ(store_->GetVaultEntry("c1", "⟦PHONE_NUMBER:01020304⟧")->sealed, (Blob{7, 7}));
  EXPECT_EQ(store_->GetConversation("c1")->message_count, 1);
  // A message for an unknown conversation fails and leaves no vault entry behind.
  auto bad = Append("nope", "x", {{"nope", "⟦EMAIL_ADDRESS:01020304⟧", {1}}});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(store_->GetVaultEntry("nope", "⟦EMAIL_ADDRESS:01020304⟧").status().code(),
            common::StatusCode::kNotFound);
  auto list = store_->ListMessages("c1", 0, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].text, "hello ⟦PHONE_NUMBER:01020304⟧");
}

TEST_F(SqliteStoreTest, ConcurrentWritesAreGroupCommittedAndAllDurable) {
  Tenant t;
  t.name = "acme";
  t.wrapped_key = {9};
  const auto tenant = *store_->CreateTenant(t);
  NewConversation("c1", tenant.id);
  constexpr int kMessages = 2000;
  std::atomic<int> ok{0};
  std::promise<void> all;
  std::atomic<int> pending{kMessages};
  for (int i = 0; i < kMessages; ++i) {
    Message m;
    m.conversation_id = "c1";
    m.sender = "customer";
    m.text = "m" + std::to_string(i);
    store_->AppendMessage(m, {}, [&](common::StatusOr<Message> r) {
      if (r.ok()) ok.fetch_add(1);
      if (pending.fetch_sub(1) == 1) all.set_value();
    });
  }
  all.get_future().get();
  EXPECT_EQ(ok.load(), kMessages);
  const StoreStats stats = store_->Stats();
  EXPECT_GT(stats.max_batch, 1u) << "writes queued together should share a commit";
  EXPECT_LT(stats.commits, static_cast<std::uint64_t>(kMessages));
  Reopen();
  EXPECT_EQ(store_->GetConversation("c1")->message_count, kMessages);
  EXPECT_EQ(store_->ListMessages("c1", 0, 5000)->size(), static_cast<std::size_t>(kMessages));
}

TEST_F(SqliteStoreTest, AssignmentIsExclusive) {
  Tenant t;
  t.name = "acme";
  t.wrapped_key = {9};
  const auto tenant = *store_->CreateTenant(t);
  User u;
  u.tenant_id = tenant.id;
  u.role = "agent";
  u.password_hash = "h";
  u.username = "a";
  const auto a = *store_->CreateUser(u);
  u.username = "b";
  const auto b = *store_->CreateUser(u);
  NewConversation("c1", tenant.id);
  ASSERT_TRUE(store_->AssignConversation("c1", a.id).ok());
  ASSERT_TRUE(store_->AssignConversation("c1", a.id).ok());
  EXPECT_EQ(store_->AssignConversation("c1", b.id).status().code(),
            common::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(store_->SetConversationStatus("c1", "closed").ok());
  EXPECT_EQ(store_->AssignConversation("c1", a.id).status().code(),
            common::StatusCode::kFailedPrecondition);

  ConversationFilter f;
  f.tenant_id = tenant.id;
  f.status = "open";
  EXPECT_TRUE(store_->ListConversations(f)->empty());
}

TEST_F(SqliteStoreTest, TheAuditTableIsAppendOnly) {
  AuditRecord r;
  r.seq = 1;
  r.actor = "system";
  r.action = "x";
  r.object = "y";
  r.prev_hash = Blob(32, 0);
  r.hash = Blob(32, 1);
  ASSERT_TRUE(store_->AppendAudit(r).ok());
  EXPECT_EQ(store_->AppendAudit(r).code(), common::StatusCode::kFailedPrecondition);
  r.seq = 5;
  EXPECT_EQ(store_->AppendAudit(r).code(), common::StatusCode::kFailedPrecondition);
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "test.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor='x'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

}  // namespace
}  // namespace hushdesk::store
