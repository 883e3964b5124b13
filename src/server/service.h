// Service: what the server does, apart from HTTP. Every request of the API becomes one call
// here with an authenticated Principal; the HTTP and WebSocket layer (http_server.h) only
// decodes, calls and encodes. Tests drive the Service directly as well as over HTTP.
//
// The message path (DESIGN.md): ingest (size limit, UTF-8, NFC) → privacy gate (tokens scoped
// to the conversation, originals sealed under the conversation key) → store (durable, group
// committed) → fan-out to the EventSink → the caller's callback.
//
// Thread-safety: safe from any thread. Callbacks passed to PostMessage run on the store's
// writer thread and must not block.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <thread>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "auth/auth.h"
#include "common/clock.h"
#include "common/random.h"
#include "common/status.h"
#include "dialog/dialog.h"
#include "kb/kb.h"
#include "privacy/gate.h"
#include "server/keyring.h"
#include "server/metrics.h"
#include "store/store.h"

namespace hushdesk::server {

struct Principal {
  auth::Role role = auth::Role::kCustomer;
  std::int64_t tenant_id = 0;
  std::int64_t user_id = 0;           // staff only
  std::string username;               // staff only
  std::string conversation_id;        // customers: the conversation their token opens
  // The audit actor: "user:7" or "customer:c_…".
  std::string Actor() const;
};

// A message as one role sees it.
struct MessageView {
  std::int64_t id = 0;
  std::string conversation_id;
  std::string sender;
  std::string text;
  std::int64_t created_ms = 0;
  // For staff views: the text split into plain runs and rendered tokens (to offer reveal).
  std::vector<privacy::TextPart> parts;
  // The bot's analysis (staff views of customer messages) or a bot message's action (JSON).
  std::string meta;
};

// Whether a role's view of a message includes its meta: staff see the analysis of customer
// messages; everyone sees what a bot message offers (its suggestions).
bool ShowsMeta(auth::TextView view, std::string_view sender);

// A durable message on its way to subscribers. The views other than the customer's are rendered
// only when a subscriber needs them (Parts), from the originals the gate had in hand, so the
// vault is not opened again.
struct MessageEvent {
  store::Message stored;
  std::int64_t tenant_id = 0;
  std::string original;  // customer view (in memory only, never stored or logged)
  // token → original for the tokens of this message (in memory only).
  std::vector<std::pair<std::string, std::string>> values;
  // The live connection the message came from, if any: it gets an acknowledgement carrying the
  // message, so the fan-out skips it.
  const void* origin = nullptr;
  // The text split into parts for a masked or tagged view.
  std::vector<privacy::TextPart> Parts(auth::TextView view) const;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnMessage(std::shared_ptr<const MessageEvent> event) = 0;
  virtual void OnConversation(const store::Conversation& conversation) = 0;
};

struct ServiceOptions {
  std::size_t max_message_bytes = 16 * 1024;
  std::chrono::seconds session_ttl{12 * 3600};
  auth::PasswordCost password_cost = auth::PasswordCost::Interactive();
  std::string default_tenant = "default";
  // Verifies identity tokens (auth/identity.h); empty: tokens are refused.
  std::string identity_secret;
  // Verified VIP customers skip the bot and go straight to the agents' queue.
  bool vip_to_human = true;
};

class Service {
 public:
  // Everything is borrowed and must outlive the service.
  Service(ServiceOptions options, store::Store& store, audit::AuditLog& audit, KeyRing& keys,
          const privacy::Gate& gate, const common::Clock& clock, common::Random& random,
          Metrics& metrics);
  ~Service();

  void SetSink(EventSink* sink) { sink_ = sink; }
  // Turns the bot on (null: off; conversations then go straight to agents). Borrowed.
  void SetBot(dialog::Bot* bot) { bot_ = bot; }
  bool has_bot() const { return bot_ != nullptr; }
  const ServiceOptions& options() const { return options_; }

  // The tenant named `name`, created (with a fresh wrapped key) when missing.
  common::StatusOr<store::Tenant> EnsureTenant(std::string_view name);
  // Adds a staff user. InvalidArgument for a bad role or weak password, AlreadyExists.
  common::StatusOr<store::User> AddUser(std::string_view tenant, std::string_view username,
                                        std::string_view password, std::string_view role,
                                        std::string_view actor);

  // Resolves a bearer secret: a staff session, an API key, or a customer token.
  // Unauthenticated when unknown, expired or malformed.
  common::StatusOr<Principal> Authenticate(std::string_view bearer);
  // A new session token for the user. Unauthenticated for a wrong name or password (the same
  // message for both).
  common::StatusOr<std::string> Login(std::string_view username, std::string_view password);
  common::Status Logout(std::string_view bearer);
  // A new API key carrying the role of user `username` (an integration user).
  common::StatusOr<std::string> CreateApiKey(const Principal& who, std::string_view username,
                                             std::string_view name);

  struct NewConversation {
    store::Conversation conversation;
    std::string customer_token;
  };
  // Opens a conversation for a new anonymous customer of `tenant` (empty: the default).
  // `identity`: an optional signed token from the company's backend (auth/identity.h) whose
  // verified claims (the customer's tier) the conversation takes.
  common::StatusOr<NewConversation> CreateConversation(std::string_view channel,
                                                       std::string_view tenant,
                                                       std::string_view identity = {});

  struct Posted {
    store::Message stored;  // as stored: tokens in place of personal data
  };
  using PostDone = std::function<void(common::StatusOr<Posted>)>;
  // Ingests, de-identifies and durably stores a message by `who` (the customer, or the agent
  // assigned to the conversation). `done` runs exactly once: with an error right away, or on
  // the store's writer thread once the message is durable.
  void PostMessage(const Principal& who, std::string_view conversation_id, std::string_view text,
                   PostDone done, const void* origin = nullptr);

  // `mode`: only conversations the bot handles ("bot") or that are with humans ("human").
  common::StatusOr<std::vector<store::Conversation>> ListConversations(
      const Principal& who, std::optional<std::string> status, std::size_t limit,
      std::optional<std::int64_t> updated_before_ms, std::optional<std::string> mode = {});
  common::StatusOr<store::Conversation> GetConversation(const Principal& who,
                                                        std::string_view conversation_id);
  common::StatusOr<std::vector<MessageView>> ListMessages(const Principal& who,
                                                          std::string_view conversation_id,
                                                          std::int64_t after_id,
                                                          std::size_t limit);
  common::StatusOr<store::Conversation> Claim(const Principal& who,
                                              std::string_view conversation_id);
  common::StatusOr<store::Conversation> Close(const Principal& who,
                                              std::string_view conversation_id);
  // The original behind one token, for the agent assigned to the conversation, with a reason
  // (at least 4 characters). Writes an audit record either way.
  common::StatusOr<std::string> Reveal(const Principal& who, std::string_view conversation_id,
                                       std::string_view token, std::string_view reason);

  // The customer's answer to the privacy notice, stored as a consent receipt and audited.
  // Without consent (declined, or never answered) the conversation is in privacy mode: its
  // messages and vault entries are deleted when it closes.
  common::StatusOr<store::Conversation> Consent(const Principal& who, std::string_view conversation_id,
                                                bool accepted);

  // Hands a conversation from the bot to the agents' queue (the customer's "talk to a person"
  // button, or staff taking it over). Audited; a conversation already with humans is unchanged.
  common::StatusOr<store::Conversation> Handoff(const Principal& who, std::string_view conversation_id);

  // The knowledge base of the caller's tenant.
  common::StatusOr<std::vector<kb::Article>> ListArticles(const Principal& who);
  common::StatusOr<kb::Article> GetArticle(const Principal& who, std::string_view id);
  // Adds or replaces articles (validated first: nothing is stored when one is bad).
  common::Status PutArticles(const Principal& who, std::vector<kb::Article> articles);
  common::Status DeleteArticle(const Principal& who, std::string_view id);
  // Rebuilds the bot's index from the stored articles of the default tenant.
  common::Status ReloadKnowledgeBase();

  // Whether `who` may receive live events of this conversation, and in which view.
  common::StatusOr<auth::TextView> SubscribeView(const Principal& who,
                                                 std::string_view conversation_id);

  std::int64_t NowMs() const;

 private:
  // The conversation if `who` may read it (404 for unknown, 403 when not theirs).
  common::StatusOr<store::Conversation> Readable(const Principal& who,
                                                 std::string_view conversation_id,
                                                 auth::Permission permission);
  privacy::TokenOpener Opener(const store::Conversation& c);
  // The conversation from a bounded in-process cache, else the store. Only this process
  // changes conversations (claim, close), and it updates the cache when it does, so the fields
  // that decide access (tenant, status, assignee, token hash) are current; counters may lag.
  // A multi-node store will need invalidation through its pub/sub.
  common::StatusOr<store::Conversation> Lookup(std::string_view conversation_id);
  void Remember(const store::Conversation& c);
  std::string NewId(std::string_view prefix, std::size_t bytes);
  void Audit(std::string_view actor, std::string_view action, std::string_view object,
             std::string_view reason = {});
  // Audits from threads that must not wait for the store (the writer thread, the I/O threads on
  // the message path): queued, written in order by a worker thread.
  void AuditLater(std::string actor, std::string action, std::string object, std::string reason);
  void AuditWorker();
  // The bot's turn after a durable customer message (runs on the store's writer thread).
  void BotTurn(const store::Conversation& before, dialog::Decision decision, dialog::State state);
  common::StatusOr<std::vector<kb::Article>> TenantArticles(std::int64_t tenant_id);

  const ServiceOptions options_;
  store::Store& store_;
  audit::AuditLog& audit_;
  KeyRing& keys_;
  const privacy::Gate& gate_;
  const common::Clock& clock_;
  common::Random& random_;
  Metrics& metrics_;
  EventSink* sink_ = nullptr;
  dialog::Bot* bot_ = nullptr;
  std::mutex cache_mu_;
  std::unordered_map<std::string, store::Conversation> cache_;
  struct PendingAudit {
    std::string actor, action, object, reason;
  };
  std::mutex audit_mu_;
  std::condition_variable audit_cv_;
  std::deque<PendingAudit> audit_queue_;
  bool audit_stop_ = false;
  std::thread audit_thread_;  // started last, joined first
  // Verified against when the username is unknown, so a failed login takes as long either way.
  std::string dummy_hash_;
};

}  // namespace hushdesk::server
