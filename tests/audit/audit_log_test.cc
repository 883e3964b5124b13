#include "audit/audit_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite_store.h"

namespace hushdesk::audit {
namespace {

std::unique_ptr<store::SqliteStore> OpenStore(const std::filesystem::path& path) {
  auto s = store::SqliteStore::Open(path);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : nullptr;
}

class FixedClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'000));
  }
  std::chrono::steady_clock::time_point Monotonic() const override { return {}; }
};

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("hushdesk-audit-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    store_ = OpenStore(path_);
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  void WriteRecords(int n) {
    auto log = AuditLog::Open(*store_, clock_);
    ASSERT_TRUE(log.ok());
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE((*log)->Append("user:" + std::to_string(i), "pii.reveal", "conversation:c1", "reason").ok());
    }
  }
  // Bypasses the append-only triggers, as an attacker with file access could.
  void Tamper(const char* sql) {
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;", nullptr, nullptr, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    store_ = OpenStore(path_);
  }

  std::filesystem::path path_;
  FixedClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(AuditLogTest, AnIntactChainVerifies) {
  WriteRecords(10);
  auto r = Verify(*store_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->intact());
  EXPECT_EQ(r->records, 10);
}

TEST_F(AuditLogTest, TheChainContinuesAcrossReopening) {
  WriteRecords(3);
  WriteRecords(3);
  auto r = Verify(*store_);
  EXPECT_TRUE(r->intact()) << r->problem;
  EXPECT_EQ(r->records, 6);
}

TEST_F(AuditLogTest, AnEmptyLogIsIntact) {
  auto r = Verify(*store_);
  EXPECT_TRUE(r->intact());
  EXPECT_EQ(r->records, 0);
}

TEST_F(AuditLogTest, AModifiedRecordIsNamed) {
  WriteRecords(10);
  Tamper("UPDATE audit SET reason='nothing to see' WHERE seq=4");
  auto r = Verify(*store_);
  EXPECT_FALSE(r->intact());
  EXPECT_EQ(r->first_bad, 4);
}

TEST_F(AuditLogTest, ARemovedRecordIsNamed) {
  WriteRecords(10);
  Tamper("DELETE FROM audit WHERE seq=6");
  auto r = Verify(*store_);
  EXPECT_FALSE(r->intact());
  EXPECT_EQ(r->first_bad, 6);
}

TEST_F(AuditLogTest, ARecomputedHashStillBreaksTheLinkToTheNext) {
  WriteRecords(5);
  // Changing a record and its own hash is not enough: record 3 points at the old hash.
  Tamper("UPDATE audit SET actor='user:999', hash=zeroblob(32) WHERE seq=2");
  auto r = Verify(*store_);
  EXPECT_FALSE(r->intact());
  EXPECT_EQ(r->first_bad, 2);
}

TEST(ChainHash, EveryFieldCounts) {
  store::AuditRecord a;
  a.seq = 1;
  a.actor = "ab";
  a.action = "c";
  a.prev_hash = store::Blob(32, 0);
  store::AuditRecord b = a;
  b.actor = "a";
  b.action = "bc";  // same concatenation, different fields
  EXPECT_NE(ChainHash(a), ChainHash(b));
  b = a;
  b.at_ms = 1;
  EXPECT_NE(ChainHash(a), ChainHash(b));
}

}  // namespace
}  // namespace hushdesk::audit
