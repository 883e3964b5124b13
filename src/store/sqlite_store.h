// SqliteStore: the embedded default Store, one SQLite database file in WAL mode.
//
// One writer thread owns the write connection. Writes queue up while a transaction commits and
// then go together into the next one (group commit), each inside its own savepoint so one
// failing write does not undo its neighbours. synchronous=FULL: a write is on disk when its
// caller hears back. Reads use a small pool of read connections and never wait for the writer.
// The schema is versioned (PRAGMA user_version) and migrated forward on open.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "store/store.h"

struct sqlite3;

namespace hushdesk::store {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database at `path` and migrates it to the current schema.
  static common::StatusOr<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path);
  ~SqliteStore() override;

  // The schema version this build migrates to.
  static int SchemaVersion();

  common::StatusOr<Tenant> CreateTenant(Tenant tenant) override;
  common::StatusOr<Tenant> GetTenant(std::int64_t id) override;
  common::StatusOr<Tenant> FindTenant(std::string_view name) override;
  common::StatusOr<User> CreateUser(User user) override;
  common::StatusOr<User> GetUser(std::int64_t id) override;
  common::StatusOr<User> FindUser(std::string_view username) override;
  common::StatusOr<std::int64_t> CountUsers() override;
  common::Status CreateSession(const Session& session) override;
  common::StatusOr<Session> FindSession(std::string_view token_hash) override;
  common::Status DeleteSession(std::string_view token_hash) override;
  common::Status CreateApiKey(const ApiKey& key) override;
  common::StatusOr<ApiKey> FindApiKey(std::string_view key_hash) override;
  common::StatusOr<Customer> GetCustomer(std::int64_t id) override;
  common::StatusOr<Conversation> CreateConversation(Conversation conversation,
                                                    Customer customer) override;
  common::StatusOr<Conversation> GetConversation(std::string_view id) override;
  common::StatusOr<std::vector<Conversation>> ListConversations(
      const ConversationFilter& filter) override;
  common::StatusOr<Conversation> AssignConversation(std::string_view id,
                                                    std::int64_t user_id) override;
  common::StatusOr<Conversation> SetConversationStatus(std::string_view id,
                                                       std::string_view status) override;
  void AppendMessage(Message message, std::vector<VaultEntry> entries,
                     MessageDone done) override;
  common::StatusOr<std::vector<Message>> ListMessages(std::string_view conversation_id,
                                                      std::int64_t after_id,
                                                      std::size_t limit) override;
  void AppendBotTurn(std::string conversation_id, std::optional<Message> reply, std::string mode,
                     int misses, MessageDone done) override;
  common::StatusOr<Conversation> SetConversationBot(std::string_view id, std::string_view mode,
                                                    int misses) override;
  common::Status RecordConsent(const ConsentReceipt& receipt) override;
  common::StatusOr<std::vector<ConsentReceipt>> ListConsents(std::string_view conversation_id) override;
  common::StatusOr<std::int64_t> PurgeConversationContent(std::string_view id) override;
  common::StatusOr<std::vector<KbArticleRow>> ListArticles(std::int64_t tenant_id) override;
  common::Status PutArticles(const std::vector<KbArticleRow>& rows) override;
  common::Status DeleteArticle(std::int64_t tenant_id, std::string_view id) override;
  common::StatusOr<VaultEntry> GetVaultEntry(std::string_view conversation_id,
                                             std::string_view token) override;
  common::Status AppendAudit(const AuditRecord& record) override;
  common::StatusOr<std::optional<AuditRecord>> LastAudit() override;
  common::StatusOr<std::vector<AuditRecord>> ReadAudit(std::int64_t after_seq,
                                                       std::size_t limit) override;
  StoreStats Stats() const override;

  class Db;  // a connection with its prepared statements (sqlite_store.cc)

 private:
  struct WriteOp {
    std::function<common::Status(Db&)> apply;
    std::function<void(const common::Status&)> done;
  };
  class ReadLease;

  explicit SqliteStore(std::filesystem::path path);
  common::Status Init();
  void WriterLoop();
  // One transaction over `batch`; `isolate` puts each write in its own savepoint. Returns the
  // transaction's status; `results` gets each write's.
  common::Status RunBatch(Db& db, std::vector<WriteOp>& batch, std::vector<common::Status>& results,
                          bool isolate);
  // Queues `apply` for the next group commit; `done` runs after the commit.
  void Submit(std::function<common::Status(Db&)> apply,
              std::function<void(const common::Status&)> done);
  // Queues `apply` and waits for its commit.
  common::Status Write(std::function<common::Status(Db&)> apply);
  std::unique_ptr<Db> AcquireReader();
  void ReleaseReader(std::unique_ptr<Db> db);

  const std::filesystem::path path_;
  std::unique_ptr<Db> writer_db_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<WriteOp> queue_;
  bool stopping_ = false;
  bool writer_idle_ = false;  // the writer waits on queue_cv_ (guarded by queue_mu_)
  std::thread writer_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Db>> readers_;

  mutable std::mutex stats_mu_;
  StoreStats stats_;
};

}  // namespace hushdesk::store
