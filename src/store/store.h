// Store: the one way hushdesk reaches durable state. Everything in it is already
// de-identified: message text holds tokens, originals are sealed vault entries, keys are
// wrapped, passwords and session tokens are stored as hashes.
//
// Writes are durable when they return (or, for AppendMessage, when `done` runs): the SQLite
// implementation batches concurrent writes into one transaction (group commit) and fsyncs
// once per batch.
//
// Thread-safety: implementations are safe to call from any thread. `done` callbacks run on the
// store's writer thread and must not block; post the work elsewhere.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace hushdesk::store {

using Blob = std::vector<std::uint8_t>;

struct Tenant {
  std::int64_t id = 0;
  std::string name;
  Blob wrapped_key;  // the tenant key, wrapped under the master key
  std::int64_t created_ms = 0;
};

struct User {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::string username;
  std::string role;           // auth::RoleName
  std::string password_hash;  // argon2id, libsodium's encoded form
  bool disabled = false;
  std::int64_t created_ms = 0;
};

struct Session {
  std::string token_hash;  // hex BLAKE2b of the bearer token; the token itself is never stored
  std::int64_t user_id = 0;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};

struct ApiKey {
  std::string key_hash;  // hex BLAKE2b of the key
  std::int64_t user_id = 0;  // the integration user whose role the key carries
  std::string name;
  std::int64_t created_ms = 0;
};

struct Customer {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  Blob wrapped_key;  // the customer's data key, wrapped under the tenant key
  std::int64_t created_ms = 0;
};

struct Conversation {
  std::string id;
  std::int64_t tenant_id = 0;
  std::int64_t customer_id = 0;
  std::string channel;
  std::string status = "open";  // open | closed
  std::optional<std::int64_t> assignee_id;
  std::string customer_token_hash;  // hex BLAKE2b of the customer's bearer token
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t message_count = 0;
  std::string mode = "bot";       // bot (the bot answers) | human (handed off to agents)
  int bot_misses = 0;             // the bot's consecutive low-confidence turns
  std::string consent = "pending";  // pending | given | declined (privacy mode)
  std::string tier = "standard";    // standard | vip (only from a verified identity token)
};

struct Message {
  std::int64_t id = 0;
  std::string conversation_id;
  std::string sender;  // customer | agent | bot | system
  std::optional<std::int64_t> author_id;
  std::string text;  // de-identified: personal data replaced by vault tokens
  std::int64_t created_ms = 0;
  // JSON: the bot's analysis of a customer message (intent, sentiment, suggestions) or what a
  // bot message did; computed from the de-identified text only. Empty when none.
  std::string meta;
};

// A customer's answer to the privacy notice.
struct ConsentReceipt {
  std::string conversation_id;
  std::string purpose;
  std::string policy_version;
  std::string decision;  // given | declined
  std::string channel;
  std::int64_t at_ms = 0;
};

// A knowledge-base article as stored (kb::Article with questions as a JSON array).
struct KbArticleRow {
  std::int64_t tenant_id = 0;
  std::string id;
  std::string lang;
  std::string title;
  std::string questions_json;
  std::string answer;
  std::string intent;
  std::int64_t updated_ms = 0;
  std::string products_json = "[]";
};

struct VaultEntry {
  std::string conversation_id;
  std::string token;
  Blob sealed;
};

struct AuditRecord {
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::string actor;   // "user:7", "customer:c_…", "system"
  std::string action;  // "auth.login", "pii.reveal", …
  std::string object;  // "conversation:c_…/token:⟦…⟧"
  std::string reason;  // as stated, passed through the gate (no personal data)
  Blob prev_hash;
  Blob hash;
};

struct ConversationFilter {
  std::int64_t tenant_id = 0;
  std::optional<std::string> status;
  // Only conversations assigned to this user (and, with include_unassigned, those with none).
  std::optional<std::int64_t> assignee_id;
  bool include_unassigned = false;
  std::size_t limit = 50;
  // Cursor: only conversations updated before this (exclusive), newest first.
  std::optional<std::int64_t> updated_before_ms;
  std::optional<std::string> mode;  // bot | human
};

struct StoreStats {
  std::uint64_t commits = 0;       // transactions committed by the writer
  std::uint64_t writes = 0;        // write operations in them
  std::uint64_t max_batch = 0;     // largest batch so far
};

class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Tenants. AlreadyExists for a duplicate name.
  virtual common::StatusOr<Tenant> CreateTenant(Tenant tenant) = 0;
  virtual common::StatusOr<Tenant> GetTenant(std::int64_t id) = 0;
  virtual common::StatusOr<Tenant> FindTenant(std::string_view name) = 0;

  // Users. AlreadyExists for a duplicate username.
  virtual common::StatusOr<User> CreateUser(User user) = 0;
  virtual common::StatusOr<User> GetUser(std::int64_t id) = 0;
  virtual common::StatusOr<User> FindUser(std::string_view username) = 0;
  virtual common::StatusOr<std::int64_t> CountUsers() = 0;

  virtual common::Status CreateSession(const Session& session) = 0;
  virtual common::StatusOr<Session> FindSession(std::string_view token_hash) = 0;
  virtual common::Status DeleteSession(std::string_view token_hash) = 0;

  virtual common::Status CreateApiKey(const ApiKey& key) = 0;
  virtual common::StatusOr<ApiKey> FindApiKey(std::string_view key_hash) = 0;

  virtual common::StatusOr<Customer> GetCustomer(std::int64_t id) = 0;

  // Creates the customer and the conversation in one transaction; fills in customer ids.
  virtual common::StatusOr<Conversation> CreateConversation(Conversation conversation,
                                                            Customer customer) = 0;
  virtual common::StatusOr<Conversation> GetConversation(std::string_view id) = 0;
  virtual common::StatusOr<std::vector<Conversation>> ListConversations(
      const ConversationFilter& filter) = 0;
  // Assigns an unassigned (or already self-assigned) open conversation to `user_id`.
  // FailedPrecondition when someone else holds it or it is closed.
  virtual common::StatusOr<Conversation> AssignConversation(std::string_view id,
                                                            std::int64_t user_id) = 0;
  virtual common::StatusOr<Conversation> SetConversationStatus(std::string_view id,
                                                               std::string_view status) = 0;

  // Appends a message and its new vault entries (existing tokens are kept) in one durable
  // write; `done` receives the message with its id. Asynchronous so a server thread never
  // waits for the disk.
  using MessageDone = std::function<void(common::StatusOr<Message>)>;
  virtual void AppendMessage(Message message, std::vector<VaultEntry> entries,
                             MessageDone done) = 0;
  // Messages of a conversation with id > after_id, oldest first.
  virtual common::StatusOr<std::vector<Message>> ListMessages(std::string_view conversation_id,
                                                              std::int64_t after_id,
                                                              std::size_t limit) = 0;

  // The bot's turn after a customer message: its reply (when it has one; sender "bot") and
  // its state of the conversation, in one durable write. `done` receives the reply with its id
  // (id 0 when there was none).
  virtual void AppendBotTurn(std::string conversation_id, std::optional<Message> reply,
                             std::string mode, int misses, MessageDone done) = 0;
  // The bot's state of a conversation: who answers (mode) and its consecutive misses.
  virtual common::StatusOr<Conversation> SetConversationBot(std::string_view id,
                                                            std::string_view mode, int misses) = 0;
  // Stores the receipt and sets the conversation's consent to its decision, in one write.
  virtual common::Status RecordConsent(const ConsentReceipt& receipt) = 0;
  virtual common::StatusOr<std::vector<ConsentReceipt>> ListConsents(
      std::string_view conversation_id) = 0;
  // Deletes a conversation's messages and vault entries (privacy mode, on close); the
  // conversation row and the audit trail stay. Returns the number of messages removed.
  virtual common::StatusOr<std::int64_t> PurgeConversationContent(std::string_view id) = 0;

  // Knowledge-base articles of a tenant; Put replaces articles with the same id.
  virtual common::StatusOr<std::vector<KbArticleRow>> ListArticles(std::int64_t tenant_id) = 0;
  virtual common::Status PutArticles(const std::vector<KbArticleRow>& rows) = 0;
  // NotFound when there is no such article.
  virtual common::Status DeleteArticle(std::int64_t tenant_id, std::string_view id) = 0;

  virtual common::StatusOr<VaultEntry> GetVaultEntry(std::string_view conversation_id,
                                                     std::string_view token) = 0;

  // Appends a complete audit record (seq, hashes computed by audit::AuditLog). The store
  // refuses a record whose seq is not the next one (FailedPrecondition), so the chain cannot
  // fork.
  virtual common::Status AppendAudit(const AuditRecord& record) = 0;
  virtual common::StatusOr<std::optional<AuditRecord>> LastAudit() = 0;
  // Records with seq > after_seq, in order.
  virtual common::StatusOr<std::vector<AuditRecord>> ReadAudit(std::int64_t after_seq,
                                                               std::size_t limit) = 0;

  virtual StoreStats Stats() const = 0;
};

}  // namespace hushdesk::store
