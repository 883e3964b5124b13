#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <future>
#include <unordered_map>

namespace hushdesk::store {
namespace {

using common::Status;
using common::StatusOr;

// Forward-only migrations; entry i takes the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE tenants(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  wrapped_key BLOB NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  username TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE api_keys(
  key_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE customers(
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  wrapped_key BLOB,
  created_ms INTEGER NOT NULL);
CREATE TABLE conversations(
  id TEXT PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  customer_token_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  message_count INTEGER NOT NULL DEFAULT 0);
CREATE INDEX conversations_by_tenant ON conversations(tenant_id, updated_ms);
CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  sender TEXT NOT NULL,
  author_id INTEGER,
  text TEXT NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE TABLE vault(
  conversation_id TEXT NOT NULL,
  token TEXT NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY(conversation_id, token)) WITHOUT ROWID;
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  reason TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 2: the bot (conversation mode and misses, message analysis), consent receipts, the
    // knowledge base. Conversations from before the bot stay with humans.
    R"sql(
ALTER TABLE conversations ADD COLUMN mode TEXT NOT NULL DEFAULT 'human';
ALTER TABLE conversations ADD COLUMN bot_misses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN consent TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE messages ADD COLUMN meta TEXT NOT NULL DEFAULT '';
CREATE TABLE consent_receipts(
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  purpose TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  decision TEXT NOT NULL,
  channel TEXT NOT NULL,
  at_ms INTEGER NOT NULL);
CREATE TABLE kb_articles(
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  id TEXT NOT NULL,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  questions TEXT NOT NULL,
  answer TEXT NOT NULL,
  intent TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY(tenant_id, id)) WITHOUT ROWID;
)sql",
    // 3: product names of KB articles (for entity extraction); the customer's verified tier.
    R"sql(
ALTER TABLE kb_articles ADD COLUMN products TEXT NOT NULL DEFAULT '[]';
ALTER TABLE conversations ADD COLUMN tier TEXT NOT NULL DEFAULT 'standard';
)sql",
};

constexpr std::size_t kMaxBatch = 4096;

}  // namespace

// A prepared statement borrowed from a Db's cache; reset when it goes out of scope.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const Blob& v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const std::optional<std::int64_t>& v) {
    if (v) {
      sqlite3_bind_int64(s_, i, *v);
    } else {
      sqlite3_bind_null(s_, i);
    }
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }

  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int Step() { return sqlite3_step(s_); }
  // Runs to completion; maps constraint violations to AlreadyExists/FailedPrecondition.
  Status Run() {
    const int rc = Step();
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
    return Error(rc);
  }
  Status Error(int rc) const {
    const std::string msg = sqlite3_errmsg(db_);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status(common::StatusCode::kAlreadyExists, "already exists");
      }
      return common::FailedPreconditionError("constraint failed: " + msg);
    }
    return common::UnavailableError("database: " + msg);
  }

  std::int64_t Int(int c) const { return sqlite3_column_int64(s_, c); }
  bool IsNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  std::string Text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string();
  }
  Blob Bytes(int c) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s_, c));
    return p ? Blob(p, p + sqlite3_column_bytes(s_, c)) : Blob();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

class SqliteStore::Db {
 public:
  static StatusOr<std::unique_ptr<Db>> Open(const std::filesystem::path& path, bool writer) {
    sqlite3* h = nullptr;
    const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                      SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &h, flags, nullptr) != SQLITE_OK) {
      std::string msg = h ? sqlite3_errmsg(h) : "out of memory";
      sqlite3_close(h);
      return common::UnavailableError("cannot open database " + path.string() + ": " + msg);
    }
    auto db = std::unique_ptr<Db>(new Db(h));
    sqlite3_busy_timeout(h, 5000);
    sqlite3_extended_result_codes(h, 1);
    HD_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys=ON"));
    // Reads through the page cache without a system call per page.
    HD_RETURN_IF_ERROR(db->Exec("PRAGMA mmap_size=268435456"));
    HD_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size=-32768"));
    if (writer) {
      HD_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL"));
      HD_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=FULL"));
    }
    return db;
  }
  ~Db() {
    for (auto& [sql, s] : cache_) sqlite3_finalize(s);
    sqlite3_close(h_);
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(h_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return common::UnavailableError("database: " + msg);
    }
    return Status::Ok();
  }

  // The cached statement for `sql` (a string literal: cached by address).
  Stmt Prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      sqlite3_stmt* s = nullptr;
      if (sqlite3_prepare_v3(h_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
        // Only our own fixed SQL reaches here; a failure is a programming error.
        std::fprintf(stderr, "hushdesk: bad SQL (%s): %s\n", sqlite3_errmsg(h_), sql);
        std::abort();
      }
      it = cache_.emplace(sql, s).first;
    }
    return Stmt(h_, it->second);
  }

  // Conversation activity gathered during a batch and written once per conversation at its end
  // (one index update per conversation instead of one per message).
  struct Activity {
    std::int64_t messages = 0;
    std::int64_t updated_ms = 0;
  };
  std::unordered_map<std::string, Activity>& activity() { return activity_; }

  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(h_); }
  int Changes() const { return sqlite3_changes(h_); }
  sqlite3* handle() { return h_; }

 private:
  explicit Db(sqlite3* h) : h_(h) {}
  sqlite3* h_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
  std::unordered_map<std::string, Activity> activity_;
};

namespace {

StatusOr<std::int64_t> UserVersion(SqliteStore::Db& db) {
  Stmt s = db.Prepare("PRAGMA user_version");
  if (s.Step() != SQLITE_ROW) return common::UnavailableError("cannot read the schema version");
  return s.Int(0);
}

Conversation ReadConversation(const Stmt& s) {
  Conversation c;
  c.id = s.Text(0);
  c.tenant_id = s.Int(1);
  c.customer_id = s.Int(2);
  c.channel = s.Text(3);
  c.status = s.Text(4);
  if (!s.IsNull(5)) c.assignee_id = s.Int(5);
  c.customer_token_hash = s.Text(6);
  c.created_ms = s.Int(7);
  c.updated_ms = s.Int(8);
  c.message_count = s.Int(9);
  c.mode = s.Text(10);
  c.bot_misses = static_cast<int>(s.Int(11));
  c.consent = s.Text(12);
  c.tier = s.Text(13);
  return c;
}

User ReadUser(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.tenant_id = s.Int(1);
  u.username = s.Text(2);
  u.role = s.Text(3);
  u.password_hash = s.Text(4);
  u.disabled = s.Int(5) != 0;
  u.created_ms = s.Int(6);
  return u;
}

AuditRecord ReadAuditRow(const Stmt& s) {
  AuditRecord r;
  r.seq = s.Int(0);
  r.at_ms = s.Int(1);
  r.actor = s.Text(2);
  r.action = s.Text(3);
  r.object = s.Text(4);
  r.reason = s.Text(5);
  r.prev_hash = s.Bytes(6);
  r.hash = s.Bytes(7);
  return r;
}

Status NotFound(std::string_view what) { return common::NotFoundError(std::string(what) + " not found"); }

#define TENANT_SELECT "SELECT id, name, wrapped_key, created_ms FROM tenants "
#define USER_SELECT \
  "SELECT id, tenant_id, username, role, password_hash, disabled, created_ms FROM users "
#define AUDIT_SELECT \
  "SELECT seq, at_ms, actor, action, object, reason, prev_hash, hash FROM audit "

#define CONVERSATION_SELECT                                                                     \
  "SELECT id, tenant_id, customer_id, channel, status, assignee_id, customer_token_hash, "     \
  "created_ms, updated_ms, message_count, mode, bot_misses, consent, tier FROM conversations "

}  // namespace

// Borrows a read connection for one call.
class SqliteStore::ReadLease {
 public:
  explicit ReadLease(SqliteStore& store) : store_(store), db_(store.AcquireReader()) {}
  ~ReadLease() {
    if (db_) store_.ReleaseReader(std::move(db_));
  }
  bool ok() const { return db_ != nullptr; }
  Db& operator*() { return *db_; }
  Db* operator->() { return db_.get(); }

 private:
  SqliteStore& store_;
  std::unique_ptr<Db> db_;
};

SqliteStore::SqliteStore(std::filesystem::path path) : path_(std::move(path)) {}

int SqliteStore::SchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::filesystem::path& path) {
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(path));
  HD_RETURN_IF_ERROR(store->Init());
  return store;
}

Status SqliteStore::Init() {
  auto db = Db::Open(path_, /*writer=*/true);
  if (!db.ok()) return db.status();
  writer_db_ = std::move(*db);
  auto version = UserVersion(*writer_db_);
  if (!version.ok()) return version.status();
  if (*version > SchemaVersion()) {
    return common::FailedPreconditionError(
        "the database schema (version " + std::to_string(*version) +
        ") is newer than this build understands (" + std::to_string(SchemaVersion()) +
        "); upgrade hushdesk");
  }
  for (auto v = *version; v < SchemaVersion(); ++v) {
    HD_RETURN_IF_ERROR(writer_db_->Exec("BEGIN IMMEDIATE"));
    Status st = writer_db_->Exec(kMigrations[v]);
    if (st.ok()) {
      const std::string bump = "PRAGMA user_version=" + std::to_string(v + 1);
      st = writer_db_->Exec(bump.c_str());
    }
    if (!st.ok()) {
      (void)writer_db_->Exec("ROLLBACK");
      return common::UnavailableError("migrating the schema to version " + std::to_string(v + 1) +
                                      " failed: " + st.message());
    }
    HD_RETURN_IF_ERROR(writer_db_->Exec("COMMIT"));
  }
  writer_ = std::thread([this] { WriterLoop(); });
  return Status::Ok();
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  readers_.clear();
  writer_db_.reset();
}

void SqliteStore::WriterLoop() {
  std::vector<WriteOp> batch;
  std::vector<Status> results;
  while (true) {
    {
      std::unique_lock lock(queue_mu_);
      writer_idle_ = true;
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      writer_idle_ = false;
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Db& db = *writer_db_;
    // Fast path: the whole batch in one transaction without savepoints. If any write fails,
    // roll back and run the batch again with a savepoint around each write, so one bad write
    // does not undo its neighbours. Writes only set their outputs, so running again is safe.
    Status commit = RunBatch(db, batch, results, /*isolate=*/false);
    if (!commit.ok()) commit = RunBatch(db, batch, results, /*isolate=*/true);
    {
      std::lock_guard lock(stats_mu_);
      ++stats_.commits;
      stats_.writes += batch.size();
      stats_.max_batch = std::max<std::uint64_t>(stats_.max_batch, batch.size());
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].done) batch[i].done(commit.ok() ? results[i] : commit);
    }
    batch.clear();
  }
}

Status SqliteStore::RunBatch(Db& db, std::vector<WriteOp>& batch, std::vector<Status>& results,
                             bool isolate) {
  results.assign(batch.size(), Status::Ok());
  db.activity().clear();
  Status st = db.Prepare("BEGIN IMMEDIATE").Run();
  if (!st.ok()) return st;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (isolate && !(results[i] = db.Prepare("SAVEPOINT op").Run()).ok()) continue;
    results[i] = batch[i].apply(db);
    if (isolate) {
      if (!results[i].ok()) (void)db.Prepare("ROLLBACK TO op").Run();
      (void)db.Prepare("RELEASE op").Run();
    } else if (!results[i].ok()) {
      (void)db.Exec("ROLLBACK");
      return results[i];
    }
  }
  for (const auto& [id, a] : db.activity()) {
    st = db.Prepare("UPDATE conversations SET updated_ms=max(updated_ms, ?), "
                    "message_count=message_count+? WHERE id=?")
             .Bind(1, a.updated_ms)
             .Bind(2, a.messages)
             .Bind(3, id)
             .Run();
    if (!st.ok()) break;
  }
  db.activity().clear();
  if (st.ok()) st = db.Prepare("COMMIT").Run();
  if (!st.ok()) (void)db.Exec("ROLLBACK");
  return st;
}

void SqliteStore::Submit(std::function<Status(Db&)> apply,
                         std::function<void(const Status&)> done) {
  {
    std::lock_guard lock(queue_mu_);
    if (!stopping_) {
      queue_.push_back({std::move(apply), std::move(done)});
      // Wake the writer only when it sleeps; while it commits, writes pile up for the next
      // batch without a system call each.
      if (writer_idle_) queue_cv_.notify_one();
      return;
    }
  }
  if (done) done(common::UnavailableError("the store is shutting down"));
}

Status SqliteStore::Write(std::function<Status(Db&)> apply) {
  std::promise<Status> promise;
  auto result = promise.get_future();
  Submit(std::move(apply), [&promise](const Status& st) { promise.set_value(st); });
  return result.get();
}

std::unique_ptr<SqliteStore::Db> SqliteStore::AcquireReader() {
  {
    std::lock_guard lock(readers_mu_);
    if (!readers_.empty()) {
      auto db = std::move(readers_.back());
      readers_.pop_back();
      return db;
    }
  }
  auto db = Db::Open(path_, /*writer=*/false);
  return db.ok() ? std::move(*db) : nullptr;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Db> db) {
  std::lock_guard lock(readers_mu_);
  if (readers_.size() < 16) readers_.push_back(std::move(db));
}

#define HD_READER(name)   \
  ReadLease name(*this); \
  if (!name.ok()) return common::UnavailableError("cannot open a read connection")

StatusOr<Tenant> SqliteStore::CreateTenant(Tenant tenant) {
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(db.Prepare("INSERT INTO tenants(name, wrapped_key, created_ms) VALUES(?,?,?)")
                           .Bind(1, tenant.name)
                           .Bind(2, tenant.wrapped_key)
                           .Bind(3, tenant.created_ms)
                           .Run());
    tenant.id = db.LastInsertId();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return tenant;
}

namespace {
Tenant ReadTenant(const Stmt& s) {
  Tenant t;
  t.id = s.Int(0);
  t.name = s.Text(1);
  t.wrapped_key = s.Bytes(2);
  t.created_ms = s.Int(3);
  return t;
}
}  // namespace

StatusOr<Tenant> SqliteStore::GetTenant(std::int64_t id) {
  HD_READER(db);
  Stmt s = db->Prepare(TENANT_SELECT "WHERE id=?");
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return NotFound("tenant");
  return ReadTenant(s);
}

StatusOr<Tenant> SqliteStore::FindTenant(std::string_view name) {
  HD_READER(db);
  Stmt s = db->Prepare(TENANT_SELECT "WHERE name=?");
  s.Bind(1, name);
  if (s.Step() != SQLITE_ROW) return NotFound("tenant");
  return ReadTenant(s);
}

StatusOr<User> SqliteStore::CreateUser(User user) {
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(
        db.Prepare("INSERT INTO users(tenant_id, username, role, password_hash, disabled, "
                   "created_ms) VALUES(?,?,?,?,?,?)")
            .Bind(1, user.tenant_id)
            .Bind(2, user.username)
            .Bind(3, user.role)
            .Bind(4, user.password_hash)
            .Bind(5, std::int64_t{user.disabled ? 1 : 0})
            .Bind(6, user.created_ms)
            .Run());
    user.id = db.LastInsertId();
    return Status::Ok();
  });
  if (st.code() == common::StatusCode::kAlreadyExists) {
    return Status(common::StatusCode::kAlreadyExists, "a user with this username already exists");
  }
  if (!st.ok()) return st;
  return user;
}

StatusOr<User> SqliteStore::GetUser(std::int64_t id) {
  HD_READER(db);
  Stmt s = db->Prepare(USER_SELECT "WHERE id=?");
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return NotFound("user");
  return ReadUser(s);
}

StatusOr<User> SqliteStore::FindUser(std::string_view username) {
  HD_READER(db);
  Stmt s = db->Prepare(USER_SELECT "WHERE username=?");
  s.Bind(1, username);
  if (s.Step() != SQLITE_ROW) return NotFound("user");
  return ReadUser(s);
}

StatusOr<std::int64_t> SqliteStore::CountUsers() {
  HD_READER(db);
  Stmt s = db->Prepare("SELECT count(*) FROM users");
  if (s.Step() != SQLITE_ROW) return common::UnavailableError("cannot count users");
  return s.Int(0);
}

Status SqliteStore::CreateSession(const Session& session) {
  return Write([&](Db& db) {
    return db.Prepare("INSERT INTO sessions(token_hash, user_id, created_ms, expires_ms) "
                      "VALUES(?,?,?,?)")
        .Bind(1, session.token_hash)
        .Bind(2, session.user_id)
        .Bind(3, session.created_ms)
        .Bind(4, session.expires_ms)
        .Run();
  });
}

StatusOr<Session> SqliteStore::FindSession(std::string_view token_hash) {
  HD_READER(db);
  Stmt s = db->Prepare(
      "SELECT token_hash, user_id, created_ms, expires_ms FROM sessions WHERE token_hash=?");
  s.Bind(1, token_hash);
  if (s.Step() != SQLITE_ROW) return NotFound("session");
  Session out;
  out.token_hash = s.Text(0);
  out.user_id = s.Int(1);
  out.created_ms = s.Int(2);
  out.expires_ms = s.Int(3);
  return out;
}

Status SqliteStore::DeleteSession(std::string_view token_hash) {
  const std::string hash(token_hash);
  return Write([hash](Db& db) {
    return db.Prepare("DELETE FROM sessions WHERE token_hash=?").Bind(1, hash).Run();
  });
}

Status SqliteStore::CreateApiKey(const ApiKey& key) {
  return Write([&](Db& db) {
    return db.Prepare("INSERT INTO api_keys(key_hash, user_id, name, created_ms) VALUES(?,?,?,?)")
        .Bind(1, key.key_hash)
        .Bind(2, key.user_id)
        .Bind(3, key.name)
        .Bind(4, key.created_ms)
        .Run();
  });
}

StatusOr<ApiKey> SqliteStore::FindApiKey(std::string_view key_hash) {
  HD_READER(db);
  Stmt s = db->Prepare("SELECT key_hash, user_id, name, created_ms FROM api_keys WHERE key_hash=?");
  s.Bind(1, key_hash);
  if (s.Step() != SQLITE_ROW) return NotFound("API key");
  ApiKey k;
  k.key_hash = s.Text(0);
  k.user_id = s.Int(1);
  k.name = s.Text(2);
  k.created_ms = s.Int(3);
  return k;
}

StatusOr<Customer> SqliteStore::GetCustomer(std::int64_t id) {
  HD_READER(db);
  Stmt s = db->Prepare("SELECT id, tenant_id, wrapped_key, created_ms FROM customers WHERE id=?");
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return NotFound("customer");
  Customer c;
  c.id = s.Int(0);
  c.tenant_id = s.Int(1);
  c.wrapped_key = s.Bytes(2);
  c.created_ms = s.Int(3);
  return c;
}

StatusOr<Conversation> SqliteStore::CreateConversation(Conversation c, Customer customer) {
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(
        db.Prepare("INSERT INTO customers(tenant_id, wrapped_key, created_ms) VALUES(?,?,?)")
            .Bind(1, customer.tenant_id)
            .Bind(2, customer.wrapped_key)
            .Bind(3, customer.created_ms)
            .Run());
    c.customer_id = db.LastInsertId();
    return db
        .Prepare("INSERT INTO conversations(id, tenant_id, customer_id, channel, status, "
                 "assignee_id, customer_token_hash, created_ms, updated_ms, message_count, mode, "
                 "bot_misses, consent, tier) VALUES(?,?,?,?,?,?,?,?,?,0,?,0,?,?)")
        .Bind(1, c.id)
        .Bind(2, c.tenant_id)
        .Bind(3, c.customer_id)
        .Bind(4, c.channel)
        .Bind(5, c.status)
        .Bind(6, c.assignee_id)
        .Bind(7, c.customer_token_hash)
        .Bind(8, c.created_ms)
        .Bind(9, c.updated_ms)
        .Bind(10, c.mode)
        .Bind(11, c.consent)
        .Bind(12, c.tier)
        .Run();
  });
  if (!st.ok()) return st;
  return c;
}

StatusOr<Conversation> SqliteStore::GetConversation(std::string_view id) {
  HD_READER(db);
  Stmt s = db->Prepare(CONVERSATION_SELECT "WHERE id=?");
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return NotFound("conversation");
  return ReadConversation(s);
}

StatusOr<std::vector<Conversation>> SqliteStore::ListConversations(const ConversationFilter& f) {
  HD_READER(db);
  // One statement; unused filters are neutralised with NULL checks so it stays cacheable.
  Stmt s = db->Prepare(CONVERSATION_SELECT
                       "WHERE tenant_id=?1 AND (?2 IS NULL OR status=?2) "
                       "AND (?3 IS NULL OR assignee_id=?3 OR (?4 AND assignee_id IS NULL)) "
                       "AND (?5 IS NULL OR updated_ms<?5) AND (?7 IS NULL OR mode=?7) "
                       "ORDER BY updated_ms DESC, id LIMIT ?6");
  s.Bind(1, f.tenant_id);
  if (f.status) s.Bind(2, *f.status);
  s.Bind(3, f.assignee_id);
  s.Bind(4, std::int64_t{f.include_unassigned ? 1 : 0});
  s.Bind(5, f.updated_before_ms);
  s.Bind(6, static_cast<std::int64_t>(f.limit));
  if (f.mode) s.Bind(7, *f.mode);
  std::vector<Conversation> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadConversation(s));
  if (rc != SQLITE_DONE) return s.Error(rc);
  return out;
}

StatusOr<Conversation> SqliteStore::AssignConversation(std::string_view id, std::int64_t user_id) {
  const std::string cid(id);
  Conversation result;
  Status st = Write([&](Db& db) {
    Stmt s = db.Prepare(CONVERSATION_SELECT "WHERE id=?");
    s.Bind(1, cid);
    if (s.Step() != SQLITE_ROW) return NotFound("conversation");
    result = ReadConversation(s);
    if (result.status != "open") {
      return common::FailedPreconditionError("the conversation is closed");
    }
    if (result.assignee_id && *result.assignee_id != user_id) {
      return common::FailedPreconditionError("the conversation is assigned to another agent");
    }
    result.assignee_id = user_id;
    return db.Prepare("UPDATE conversations SET assignee_id=? WHERE id=?")
        .Bind(1, user_id)
        .Bind(2, cid)
        .Run();
  });
  if (!st.ok()) return st;
  return result;
}

namespace {

// After an UPDATE of one conversation: NotFound when it changed nothing, else the row as it
// now is.
Status Reread(SqliteStore::Db& db, const std::string& id, Conversation& out) {
  if (db.Changes() == 0) return NotFound("conversation");
  Stmt s = db.Prepare(CONVERSATION_SELECT "WHERE id=?");
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) return NotFound("conversation");
  out = ReadConversation(s);
  return Status::Ok();
}

}  // namespace

StatusOr<Conversation> SqliteStore::SetConversationStatus(std::string_view id,
                                                          std::string_view status) {
  const std::string cid(id);
  const std::string st_name(status);
  Conversation result;
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(db.Prepare("UPDATE conversations SET status=? WHERE id=?")
                           .Bind(1, st_name)
                           .Bind(2, cid)
                           .Run());
    return Reread(db, cid, result);
  });
  if (!st.ok()) return st;
  return result;
}

namespace {

// Inserts `m` (setting its id) and notes the conversation's activity for the end of the batch.
Status InsertMessage(SqliteStore::Db& db, Message& m) {
  HD_RETURN_IF_ERROR(db.Prepare("INSERT INTO messages(conversation_id, sender, author_id, "
                                "text, created_ms, meta) VALUES(?,?,?,?,?,?)")
                         .Bind(1, m.conversation_id)
                         .Bind(2, m.sender)
                         .Bind(3, m.author_id)
                         .Bind(4, m.text)
                         .Bind(5, m.created_ms)
                         .Bind(6, m.meta)
                         .Run());
  m.id = db.LastInsertId();
  // The foreign key has refused a message for an unknown conversation by now.
  auto& a = db.activity()[m.conversation_id];
  ++a.messages;
  a.updated_ms = std::max(a.updated_ms, m.created_ms);
  return Status::Ok();
}

}  // namespace

void SqliteStore::AppendMessage(Message message, std::vector<VaultEntry> entries,
                                MessageDone done) {
  auto m = std::make_shared<Message>(std::move(message));
  auto apply = [m, entries = std::move(entries)](Db& db) -> Status {
    for (const VaultEntry& e : entries) {
      HD_RETURN_IF_ERROR(
          db.Prepare("INSERT OR IGNORE INTO vault(conversation_id, token, sealed) VALUES(?,?,?)")
              .Bind(1, e.conversation_id)
              .Bind(2, e.token)
              .Bind(3, e.sealed)
              .Run());
    }
    return InsertMessage(db, *m);
  };
  Submit(std::move(apply), [m, done = std::move(done)](const Status& st) {
    if (st.ok()) {
      done(std::move(*m));
    } else {
      done(st);
    }
  });
}

StatusOr<std::vector<Message>> SqliteStore::ListMessages(std::string_view conversation_id,
                                                         std::int64_t after_id,
                                                         std::size_t limit) {
  HD_READER(db);
  Stmt s = db->Prepare(
      "SELECT id, conversation_id, sender, author_id, text, created_ms, meta FROM messages "
      "WHERE conversation_id=? AND id>? ORDER BY id LIMIT ?");
  s.Bind(1, conversation_id).Bind(2, after_id).Bind(3, static_cast<std::int64_t>(limit));
  std::vector<Message> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    Message m;
    m.id = s.Int(0);
    m.conversation_id = s.Text(1);
    m.sender = s.Text(2);
    if (!s.IsNull(3)) m.author_id = s.Int(3);
    m.text = s.Text(4);
    m.created_ms = s.Int(5);
    m.meta = s.Text(6);
    out.push_back(std::move(m));
  }
  if (rc != SQLITE_DONE) return s.Error(rc);
  return out;
}

void SqliteStore::AppendBotTurn(std::string conversation_id, std::optional<Message> reply,
                                std::string mode, int misses, MessageDone done) {
  auto m = std::make_shared<Message>(reply ? std::move(*reply) : Message{});
  const bool has_reply = reply.has_value();
  auto apply = [m, has_reply, cid = std::move(conversation_id), mode = std::move(mode), misses](Db& db) -> Status {
    HD_RETURN_IF_ERROR(db.Prepare("UPDATE conversations SET mode=?, bot_misses=? WHERE id=?")
                           .Bind(1, mode)
                           .Bind(2, std::int64_t{misses})
                           .Bind(3, cid)
                           .Run());
    if (db.Changes() == 0) return NotFound("conversation");
    if (!has_reply) return Status::Ok();
    m->conversation_id = cid;
    return InsertMessage(db, *m);
  };
  Submit(std::move(apply), [m, done = std::move(done)](const Status& st) {
    if (st.ok()) {
      done(std::move(*m));
    } else {
      done(st);
    }
  });
}

StatusOr<Conversation> SqliteStore::SetConversationBot(std::string_view id, std::string_view mode,
                                                       int misses) {
  const std::string cid(id);
  const std::string m(mode);
  Conversation result;
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(db.Prepare("UPDATE conversations SET mode=?, bot_misses=? WHERE id=?")
                           .Bind(1, m)
                           .Bind(2, std::int64_t{misses})
                           .Bind(3, cid)
                           .Run());
    return Reread(db, cid, result);
  });
  if (!st.ok()) return st;
  return result;
}

Status SqliteStore::RecordConsent(const ConsentReceipt& r) {
  return Write([&](Db& db) {
    HD_RETURN_IF_ERROR(db.Prepare("UPDATE conversations SET consent=? WHERE id=?")
                           .Bind(1, r.decision)
                           .Bind(2, r.conversation_id)
                           .Run());
    if (db.Changes() == 0) return NotFound("conversation");
    return db
        .Prepare("INSERT INTO consent_receipts(conversation_id, purpose, policy_version, decision, "
                 "channel, at_ms) VALUES(?,?,?,?,?,?)")
        .Bind(1, r.conversation_id)
        .Bind(2, r.purpose)
        .Bind(3, r.policy_version)
        .Bind(4, r.decision)
        .Bind(5, r.channel)
        .Bind(6, r.at_ms)
        .Run();
  });
}

StatusOr<std::vector<ConsentReceipt>> SqliteStore::ListConsents(std::string_view conversation_id) {
  HD_READER(db);
  Stmt s = db->Prepare(
      "SELECT conversation_id, purpose, policy_version, decision, channel, at_ms FROM consent_receipts "
      "WHERE conversation_id=? ORDER BY id");
  s.Bind(1, conversation_id);
  std::vector<ConsentReceipt> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Int(5)});
  }
  if (rc != SQLITE_DONE) return s.Error(rc);
  return out;
}

StatusOr<std::int64_t> SqliteStore::PurgeConversationContent(std::string_view id) {
  const std::string cid(id);
  std::int64_t removed = 0;
  Status st = Write([&](Db& db) {
    HD_RETURN_IF_ERROR(db.Prepare("DELETE FROM messages WHERE conversation_id=?").Bind(1, cid).Run());
    removed = db.Changes();
    return db.Prepare("DELETE FROM vault WHERE conversation_id=?").Bind(1, cid).Run();
  });
  if (!st.ok()) return st;
  return removed;
}

StatusOr<std::vector<KbArticleRow>> SqliteStore::ListArticles(std::int64_t tenant_id) {
  HD_READER(db);
  Stmt s = db->Prepare(
      "SELECT tenant_id, id, lang, title, questions, answer, intent, updated_ms, products FROM kb_articles "
      "WHERE tenant_id=? ORDER BY id");
  s.Bind(1, tenant_id);
  std::vector<KbArticleRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Int(7), s.Text(8)});
  }
  if (rc != SQLITE_DONE) return s.Error(rc);
  return out;
}

Status SqliteStore::PutArticles(const std::vector<KbArticleRow>& rows) {
  return Write([&](Db& db) {
    for (const KbArticleRow& r : rows) {
      HD_RETURN_IF_ERROR(
          db.Prepare("INSERT OR REPLACE INTO kb_articles(tenant_id, id, lang, title, questions, answer, "
                     "intent, updated_ms, products) VALUES(?,?,?,?,?,?,?,?,?)")
              .Bind(1, r.tenant_id)
              .Bind(2, r.id)
              .Bind(3, r.lang)
              .Bind(4, r.title)
              .Bind(5, r.questions_json)
              .Bind(6, r.answer)
              .Bind(7, r.intent)
              .Bind(8, r.updated_ms)
              .Bind(9, r.products_json)
              .Run());
    }
    return Status::Ok();
  });
}

Status SqliteStore::DeleteArticle(std::int64_t tenant_id, std::string_view id) {
  const std::string aid(id);
  return Write([&](Db& db) {
    HD_RETURN_IF_ERROR(
        db.Prepare("DELETE FROM kb_articles WHERE tenant_id=? AND id=?").Bind(1, tenant_id).Bind(2, aid).Run());
    if (db.Changes() == 0) return NotFound("article");
    return Status::Ok();
  });
}

StatusOr<VaultEntry> SqliteStore::GetVaultEntry(std::string_view conversation_id,
                                                std::string_view token) {
  HD_READER(db);
  Stmt s = db->Prepare("SELECT sealed FROM vault WHERE conversation_id=? AND token=?");
  s.Bind(1, conversation_id).Bind(2, token);
  if (s.Step() != SQLITE_ROW) return NotFound("token");
  VaultEntry e;
  e.conversation_id = std::string(conversation_id);
  e.token = std::string(token);
  e.sealed = s.Bytes(0);
  return e;
}

Status SqliteStore::AppendAudit(const AuditRecord& r) {
  return Write([&](Db& db) -> Status {
    Stmt last = db.Prepare("SELECT coalesce(max(seq), 0) FROM audit");
    if (last.Step() != SQLITE_ROW) return common::UnavailableError("cannot read the audit log");
    if (last.Int(0) + 1 != r.seq) {
      return common::FailedPreconditionError("audit record out of sequence");
    }
    return db
        .Prepare("INSERT INTO audit(seq, at_ms, actor, action, object, reason, prev_hash, hash) "
                 "VALUES(?,?,?,?,?,?,?,?)")
        .Bind(1, r.seq)
        .Bind(2, r.at_ms)
        .Bind(3, r.actor)
        .Bind(4, r.action)
        .Bind(5, r.object)
        .Bind(6, r.reason)
        .Bind(7, r.prev_hash)
        .Bind(8, r.hash)
        .Run();
  });
}

StatusOr<std::optional<AuditRecord>> SqliteStore::LastAudit() {
  HD_READER(db);
  Stmt s = db->Prepare(AUDIT_SELECT "ORDER BY seq DESC LIMIT 1");
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<AuditRecord>();
  if (rc != SQLITE_ROW) return s.Error(rc);
  return std::optional<AuditRecord>(ReadAuditRow(s));
}

StatusOr<std::vector<AuditRecord>> SqliteStore::ReadAudit(std::int64_t after_seq,
                                                          std::size_t limit) {
  HD_READER(db);
  Stmt s = db->Prepare(AUDIT_SELECT "WHERE seq>? ORDER BY seq LIMIT ?");
  s.Bind(1, after_seq).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<AuditRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadAuditRow(s));
  if (rc != SQLITE_DONE) return s.Error(rc);
  return out;
}

StoreStats SqliteStore::Stats() const {
  std::lock_guard lock(stats_mu_);
  return stats_;
}

}  // namespace hushdesk::store
