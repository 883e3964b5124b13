#include "server/service.h"

#include <sodium.h>

#include <boost/json.hpp>
#include <map>

#include "auth/identity.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace hushdesk::server {
namespace {

// The bot's analysis of a customer message, as stored with it (no personal data: it is
// computed from the de-identified text, and suggestions are knowledge-base titles).
std::string AnalysisJson(const dialog::Understanding& u) {
  boost::json::object o;
  o["lang"] = u.lang;
  o["intent"] = u.intent;
  o["intent_confidence"] = std::round(u.intent_confidence * 100) / 100;
  o["sentiment"] = nlu::PolarityName(u.sentiment.polarity);
  o["negative"] = std::round(u.sentiment.negative * 100) / 100;
  o["anger"] = std::round(u.sentiment.anger * 100) / 100;
  o["angry"] = u.sentiment.angry;
  o["wants_human"] = u.wants_human;
  boost::json::array ents;
  for (const auto& e : u.entities) {
    ents.push_back(boost::json::object{{"type", e.type}, {"text", e.text}, {"value", e.value}});
  }
  o["entities"] = std::move(ents);
  boost::json::array sug;
  for (const auto& x : u.suggestions) {
    boost::json::object so;
    so["article"] = x.article_id;
    so["title"] = x.title;
    so["confidence"] = std::round(x.confidence * 100) / 100;
    sug.push_back(std::move(so));
  }
  o["suggestions"] = std::move(sug);
  return boost::json::serialize(o);
}

using auth::Permission;
using auth::Role;
using common::Status;
using common::StatusOr;

bool ValidUsername(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

bool ValidChannel(std::string_view channel) {
  return channel == "web" || channel == "email" || channel == "voice" || channel == "webhook" ||
         channel == "api";
}

bool IsBlank(std::string_view s) {
  for (const char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

bool SameSecretHash(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view SenderFor(Role role) { return role == Role::kCustomer ? "customer" : "agent"; }

}  // namespace

bool ShowsMeta(auth::TextView view, std::string_view sender) {
  return sender == "bot" || view == auth::TextView::kMasked || view == auth::TextView::kTagged;
}

std::string Principal::Actor() const {
  if (role == Role::kCustomer) return "customer:" + conversation_id;
  if (user_id == 0) return "cli";  // the command line acting on the data directory
  return "user:" + std::to_string(user_id);
}

std::vector<privacy::TextPart> MessageEvent::Parts(auth::TextView view) const {
  if (view == auth::TextView::kTagged) {
    return privacy::RenderParts(stored.text, privacy::View::kTagged, nullptr);
  }
  auto from_memory = [this](std::string_view token) -> StatusOr<std::string> {
    for (const auto& [t, v] : values) {
      if (t == token) return v;
    }
    return common::NotFoundError("token");
  };
  return privacy::RenderParts(stored.text,
                              view == auth::TextView::kOriginal ? privacy::View::kOriginal
                                                                : privacy::View::kMasked,
                              from_memory);
}

Service::Service(ServiceOptions options, store::Store& store, audit::AuditLog& audit,
                 KeyRing& keys, const privacy::Gate& gate, const common::Clock& clock,
                 common::Random& random, Metrics& metrics)
    : options_(std::move(options)),
      store_(store),
      audit_(audit),
      keys_(keys),
      gate_(gate),
      clock_(clock),
      random_(random),
      metrics_(metrics) {
  auto dummy = auth::HashPassword("hushdesk dummy password", options_.password_cost);
  if (dummy.ok()) dummy_hash_ = *dummy;
  audit_thread_ = std::thread([this] { AuditWorker(); });
}

std::int64_t Service::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_.Now().time_since_epoch())
      .count();
}

std::string Service::NewId(std::string_view prefix, std::size_t bytes) {
  std::vector<std::uint8_t> raw(bytes);
  random_.Fill(raw);
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return std::string(prefix) + hex;
}

Service::~Service() {
  {
    std::lock_guard lock(audit_mu_);
    audit_stop_ = true;
  }
  audit_cv_.notify_one();
  if (audit_thread_.joinable()) audit_thread_.join();
}

void Service::AuditLater(std::string actor, std::string action, std::string object, std::string reason) {
  {
    std::lock_guard lock(audit_mu_);
    audit_queue_.push_back({std::move(actor), std::move(action), std::move(object), std::move(reason)});
  }
  audit_cv_.notify_one();
}

void Service::AuditWorker() {
  std::unique_lock lock(audit_mu_);
  for (;;) {
    audit_cv_.wait(lock, [this] { return audit_stop_ || !audit_queue_.empty(); });
    if (audit_queue_.empty()) return;  // stopping, and everything queued is written
    PendingAudit a = std::move(audit_queue_.front());
    audit_queue_.pop_front();
    lock.unlock();
    Audit(a.actor, a.action, a.object, a.reason);
    lock.lock();
  }
}

void Service::Audit(std::string_view actor, std::string_view action, std::string_view object,
                    std::string_view reason) {
  // An audit failure on a read-only action must not go unnoticed, but it must not turn a
  // successful write into an error either: callers that need fail-closed use audit_ directly.
  (void)audit_.Append(actor, action, object, reason);
}

StatusOr<store::Tenant> Service::EnsureTenant(std::string_view name) {
  auto found = store_.FindTenant(name);
  if (found.ok() || found.status().code() != common::StatusCode::kNotFound) return found;
  store::Tenant t;
  t.name = std::string(name);
  t.wrapped_key = keys_.NewTenantKey(name);
  t.created_ms = NowMs();
  auto created = store_.CreateTenant(std::move(t));
  if (created.status().code() == common::StatusCode::kAlreadyExists) return store_.FindTenant(name);
  if (created.ok()) Audit("system", "tenant.create", "tenant:" + std::to_string(created->id));
  return created;
}

StatusOr<store::User> Service::AddUser(std::string_view tenant, std::string_view username,
                                       std::string_view password, std::string_view role,
                                       std::string_view actor) {
  const auto r = auth::ParseRole(role);
  if (!r || *r == Role::kCustomer) {
    return common::InvalidArgumentError("unknown role \"" + std::string(role) +
                                        "\"; choose one of " + auth::StaffRoleList());
  }
  if (!ValidUsername(username)) {
    return common::InvalidArgumentError(
        "a username has 1 to 64 characters: letters, digits, '.', '_', '-', '@'");
  }
  HD_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password));
  auto t = EnsureTenant(tenant.empty() ? options_.default_tenant : tenant);
  if (!t.ok()) return t.status();
  auto hash = auth::HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  store::User u;
  u.tenant_id = t->id;
  u.username = std::string(username);
  u.role = std::string(auth::RoleName(*r));
  u.password_hash = *hash;
  u.created_ms = NowMs();
  auto created = store_.CreateUser(std::move(u));
  if (created.ok()) {
    Audit(actor, "user.add", "user:" + std::to_string(created->id), "role " + created->role);
  }
  return created;
}

StatusOr<store::Conversation> Service::Lookup(std::string_view conversation_id) {
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(std::string(conversation_id));
    if (it != cache_.end()) return it->second;
  }
  auto c = store_.GetConversation(conversation_id);
  if (c.ok()) Remember(*c);
  return c;
}

void Service::Remember(const store::Conversation& c) {
  constexpr std::size_t kMaxCached = 200000;
  std::lock_guard lock(cache_mu_);
  if (cache_.size() >= kMaxCached && cache_.count(c.id) == 0) cache_.clear();  // rare; refills
  cache_[c.id] = c;
}

StatusOr<Principal> Service::Authenticate(std::string_view bearer) {
  const Status bad = common::UnauthenticatedError("the credentials are not valid");
  if (bearer.size() > 512) return bad;
  if (bearer.starts_with("hdc_")) {
    const std::size_t dot = bearer.find('.');
    if (dot == std::string_view::npos) return bad;
    auto c = Lookup(bearer.substr(4, dot - 4));
    if (!c.ok()) return bad;
    if (!SameSecretHash(auth::SecretHash(bearer), c->customer_token_hash)) return bad;
    Principal p;
    p.role = Role::kCustomer;
    p.tenant_id = c->tenant_id;
    p.conversation_id = c->id;
    return p;
  }
  std::int64_t user_id = 0;
  if (bearer.starts_with("hds_")) {
    auto s = store_.FindSession(auth::SecretHash(bearer));
    if (!s.ok()) return bad;
    if (s->expires_ms <= NowMs()) return common::UnauthenticatedError("the session has expired");
    user_id = s->user_id;
  } else if (bearer.starts_with("hdk_")) {
    auto k = store_.FindApiKey(auth::SecretHash(bearer));
    if (!k.ok()) return bad;
    user_id = k->user_id;
  } else {
    return bad;
  }
  auto u = store_.GetUser(user_id);
  if (!u.ok() || u->disabled) return bad;
  const auto role = auth::ParseRole(u->role);
  if (!role) return bad;
  Principal p;
  p.role = *role;
  p.tenant_id = u->tenant_id;
  p.user_id = u->id;
  p.username = u->username;
  return p;
}

StatusOr<std::string> Service::Login(std::string_view username, std::string_view password) {
  const Status bad = common::UnauthenticatedError("wrong username or password");
  auto u = store_.FindUser(username);
  if (!u.ok() && u.status().code() != common::StatusCode::kNotFound) return u.status();
  const bool known = u.ok() && !u->disabled;
  if (!known) (void)auth::VerifyPassword(dummy_hash_, password);
  if (!known || !auth::VerifyPassword(u->password_hash, password)) {
    metrics_.logins_failed.fetch_add(1, std::memory_order_relaxed);
    if (known) Audit("user:" + std::to_string(u->id), "auth.login.failed", "session");
    return bad;
  }
  const std::string token = auth::NewSecret(random_, "hds_");
  store::Session s;
  s.token_hash = auth::SecretHash(token);
  s.user_id = u->id;
  s.created_ms = NowMs();
  s.expires_ms = s.created_ms + std::chrono::milliseconds(options_.session_ttl).count();
  HD_RETURN_IF_ERROR(store_.CreateSession(s));
  Audit("user:" + std::to_string(u->id), "auth.login", "session");
  return token;
}

Status Service::Logout(std::string_view bearer) {
  if (!bearer.starts_with("hds_")) return common::InvalidArgumentError("not a session token");
  return store_.DeleteSession(auth::SecretHash(bearer));
}

StatusOr<std::string> Service::CreateApiKey(const Principal& who, std::string_view username,
                                            std::string_view name) {
  if (!auth::Allows(who.role, Permission::kUserManage)) {
    return common::PermissionDeniedError("creating API keys needs the admin role");
  }
  auto u = store_.FindUser(username);
  if (!u.ok() || u->tenant_id != who.tenant_id) return common::NotFoundError("no such user");
  if (name.empty() || name.size() > 100) {
    return common::InvalidArgumentError("an API key needs a name of 1 to 100 bytes");
  }
  const std::string key = auth::NewSecret(random_, "hdk_");
  store::ApiKey k;
  k.key_hash = auth::SecretHash(key);
  k.user_id = u->id;
  k.name = std::string(name);
  k.created_ms = NowMs();
  HD_RETURN_IF_ERROR(store_.CreateApiKey(k));
  Audit(who.Actor(), "apikey.create", "user:" + std::to_string(u->id));
  return key;
}

StatusOr<Service::NewConversation> Service::CreateConversation(std::string_view channel,
                                                               std::string_view tenant,
                                                               std::string_view identity) {
  if (!ValidChannel(channel)) {
    return common::InvalidArgumentError(
        "unknown channel; use one of web, email, voice, webhook, api");
  }
  auth::IdentityClaims claims;
  if (!identity.empty()) {
    auto verified = auth::VerifyIdentity(identity, options_.identity_secret, NowMs() / 1000);
    if (!verified.ok()) {
      // Not configured is the server's state, not the caller's mistake, but the caller must
      // still hear why its token was not taken.
      return common::InvalidArgumentError(verified.status().message());
    }
    claims = std::move(*verified);
  }
  auto t = store_.FindTenant(tenant.empty() ? options_.default_tenant : tenant);
  if (!t.ok()) {
    if (t.status().code() == common::StatusCode::kNotFound) {
      return common::NotFoundError("no such tenant");
    }
    return t.status();
  }
  auto wrapped = keys_.NewCustomerKey(t->id);
  if (!wrapped.ok()) return wrapped.status();
  store::Customer customer;
  customer.tenant_id = t->id;
  customer.wrapped_key = std::move(*wrapped);
  customer.created_ms = NowMs();
  store::Conversation c;
  c.id = NewId("c", 12);
  c.tenant_id = t->id;
  c.channel = std::string(channel);
  c.status = "open";
  c.tier = claims.tier;
  c.mode = bot_ && !(c.tier == "vip" && options_.vip_to_human) ? "bot" : "human";
  c.created_ms = c.updated_ms = customer.created_ms;
  NewConversation out;
  out.customer_token = auth::NewSecret(random_, "hdc_" + c.id + ".");
  c.customer_token_hash = auth::SecretHash(out.customer_token);
  auto created = store_.CreateConversation(std::move(c), std::move(customer));
  if (!created.ok()) return created.status();
  out.conversation = std::move(*created);
  Remember(out.conversation);
  metrics_.conversations_created.fetch_add(1, std::memory_order_relaxed);
  if (sink_) sink_->OnConversation(out.conversation);
  return out;
}

StatusOr<store::Conversation> Service::Readable(const Principal& who,
                                                std::string_view conversation_id,
                                                Permission permission) {
  auto c = Lookup(conversation_id);
  if (!c.ok()) return c.status();
  if (c->tenant_id != who.tenant_id) return common::NotFoundError("conversation not found");
  if (!auth::Allows(who.role, permission)) {
    return common::PermissionDeniedError("the " + std::string(auth::RoleName(who.role)) +
                                         " role may not do this");
  }
  switch (who.role) {
    case Role::kCustomer:
      if (who.conversation_id != c->id) {
        return common::PermissionDeniedError("this customer token is for another conversation");
      }
      break;
    case Role::kAgent:
      if (!c->assignee_id || *c->assignee_id != who.user_id) {
        return common::PermissionDeniedError("the conversation is not assigned to you");
      }
      if (c->status != "open") {
        return common::PermissionDeniedError("agents see a conversation only while it is open");
      }
      break;
    default:
      if (!auth::Allows(who.role, Permission::kConversationReadAny)) {
        return common::PermissionDeniedError("the " + std::string(auth::RoleName(who.role)) +
                                             " role may not read conversations");
      }
  }
  return c;
}

void Service::PostMessage(const Principal& who, std::string_view conversation_id,
                          std::string_view text, PostDone done, const void* origin) {
  auto reject = [&](Status st) {
    metrics_.messages_rejected.fetch_add(1, std::memory_order_relaxed);
    done(std::move(st));
  };
  if (text.size() > options_.max_message_bytes) {
    return reject(common::ResourceExhaustedError(
        "the message has " + std::to_string(text.size()) + " bytes; the limit is " +
        std::to_string(options_.max_message_bytes)));
  }
  if (Status st = text::ValidateUtf8(text); !st.ok()) {
    return reject(common::InvalidArgumentError("\"text\": " + st.message()));
  }
  if (IsBlank(text)) return reject(common::InvalidArgumentError("\"text\" is empty"));
  auto c = Readable(who, conversation_id, Permission::kConversationPost);
  if (!c.ok()) return reject(c.status());
  if (c->status != "open") {
    return reject(common::FailedPreconditionError("the conversation is closed"));
  }
  auto key = keys_.ConversationKey(*c);
  if (!key.ok()) return reject(key.status());

  const auto started = clock_.Monotonic();
  auto event = std::make_shared<MessageEvent>();
  event->original = text::ToNfc(text);
  event->tenant_id = c->tenant_id;
  event->origin = origin;
  thread_local privacy::GateScratch scratch;
  thread_local privacy::GateResult result;
  gate_.Process(event->original, *key, c->id, scratch, result);
  event->values.reserve(result.entries.size());
  for (const privacy::SealedEntry& e : result.entries) event->values.emplace_back(e.token, e.value);
  const int items = result.items;

  store::Message m;
  m.conversation_id = c->id;
  m.sender = std::string(SenderFor(who.role));
  if (who.role != Role::kCustomer) m.author_id = who.user_id;
  m.text = std::move(result.stored);  // the scratch result is cleared on its next use
  m.created_ms = NowMs();

  // Understand: the bot sees the de-identified text only. Its decision and the conversation's
  // new state are settled now, under the cache lock, so two quick messages do not both count
  // as the first miss; they are written after the message is durable.
  std::optional<std::pair<dialog::Decision, dialog::State>> turn;
  if (bot_ && who.role == Role::kCustomer) {
    const dialog::Understanding u = bot_->Understand(m.text, m.created_ms);
    m.meta = AnalysisJson(u);
    std::lock_guard lock(cache_mu_);
    store::Conversation& cached = cache_[c->id];
    if (cached.id.empty()) cached = *c;
    dialog::State state{cached.mode, cached.bot_misses};
    dialog::Decision d = bot_->Decide(u, state);
    if (d.action != dialog::Action::kNone || state.mode != cached.mode || state.misses != cached.bot_misses) {
      cached.mode = state.mode;
      cached.bot_misses = state.misses;
      turn.emplace(std::move(d), std::move(state));
    }
  }

  std::vector<store::VaultEntry> entries;
  entries.reserve(result.entries.size());
  for (privacy::SealedEntry& e : result.entries) {
    entries.push_back({c->id, std::move(e.token), std::move(e.sealed)});
  }
  store_.AppendMessage(
      std::move(m), std::move(entries),
      [this, event, items, started, conversation = *c, turn = std::move(turn),
       done = std::move(done)](StatusOr<store::Message> r) mutable {
        if (!r.ok()) {
          metrics_.messages_rejected.fetch_add(1, std::memory_order_relaxed);
          done(r.status());
          return;
        }
        metrics_.messages_received.fetch_add(1, std::memory_order_relaxed);
        metrics_.pii_items.fetch_add(static_cast<std::uint64_t>(items), std::memory_order_relaxed);
        metrics_.message_ack_seconds.Observe(
            std::chrono::duration<double>(clock_.Monotonic() - started).count());
        event->stored = *r;
        Posted posted{std::move(*r)};
        if (sink_) sink_->OnMessage(event);
        done(std::move(posted));
        if (turn) BotTurn(conversation, std::move(turn->first), std::move(turn->second));
      });
}

void Service::BotTurn(const store::Conversation& before, dialog::Decision decision, dialog::State state) {
  std::optional<store::Message> reply;
  if (!decision.reply.empty()) {
    store::Message m;
    m.conversation_id = before.id;
    m.sender = "bot";
    m.text = decision.reply;  // knowledge-base text and fixed phrases: no personal data
    m.created_ms = NowMs();
    boost::json::object meta;
    meta["action"] = dialog::ActionName(decision.action);
    if (!decision.article_id.empty()) meta["article"] = decision.article_id;
    if (!decision.reason.empty()) meta["reason"] = decision.reason;
    m.meta = boost::json::serialize(meta);
    reply = std::move(m);
  }
  const bool handoff = decision.action == dialog::Action::kHandoff;
  store_.AppendBotTurn(
      before.id, std::move(reply), state.mode, state.misses,
      [this, before, handoff, reason = decision.reason](StatusOr<store::Message> r) {
        if (!r.ok()) {
          metrics_.messages_rejected.fetch_add(1, std::memory_order_relaxed);
          return;
        }
        if (r->id != 0 && sink_) {
          auto event = std::make_shared<MessageEvent>();
          event->original = r->text;
          event->tenant_id = before.tenant_id;
          event->stored = std::move(*r);
          sink_->OnMessage(event);
        }
        if (handoff) {
          AuditLater("system", "bot.handoff", "conversation:" + before.id, reason);
          store::Conversation c = before;
          {
            std::lock_guard lock(cache_mu_);
            if (auto it = cache_.find(c.id); it != cache_.end()) c = it->second;
          }
          c.mode = "human";
          if (sink_) sink_->OnConversation(c);
        }
      });
}

StatusOr<std::vector<store::Conversation>> Service::ListConversations(
    const Principal& who, std::optional<std::string> status, std::size_t limit,
    std::optional<std::int64_t> updated_before_ms, std::optional<std::string> mode) {
  if (mode && *mode != "bot" && *mode != "human") {
    return common::InvalidArgumentError("mode must be bot or human");
  }
  if (!auth::Allows(who.role, Permission::kConversationList)) {
    return common::PermissionDeniedError("the " + std::string(auth::RoleName(who.role)) +
                                         " role may not list conversations");
  }
  store::ConversationFilter f;
  f.tenant_id = who.tenant_id;
  f.status = std::move(status);
  f.limit = std::clamp<std::size_t>(limit, 1, 200);
  f.updated_before_ms = updated_before_ms;
  f.mode = std::move(mode);
  if (who.role == Role::kAgent) {
    // Agents see the queue (unassigned) and their own, and only open ones.
    f.status = "open";
    f.assignee_id = who.user_id;
    f.include_unassigned = true;
  }
  return store_.ListConversations(f);
}

StatusOr<store::Conversation> Service::GetConversation(const Principal& who,
                                                       std::string_view conversation_id) {
  auto c = store_.GetConversation(conversation_id);
  if (!c.ok()) return c.status();
  if (c->tenant_id != who.tenant_id) return common::NotFoundError("conversation not found");
  // An agent may see the metadata of a queued conversation to decide to take it.
  if (who.role == Role::kAgent && !c->assignee_id && c->status == "open") return c;
  return Readable(who, conversation_id, Permission::kConversationRead);
}

privacy::TokenOpener Service::Opener(const store::Conversation& c) {
  auto key = std::make_shared<StatusOr<privacy::SecretKey>>(keys_.ConversationKey(c));
  auto cache = std::make_shared<std::map<std::string, std::string, std::less<>>>();
  const std::string id = c.id;
  return [this, key, cache, id](std::string_view token) -> StatusOr<std::string> {
    if (!key->ok()) return key->status();
    auto it = cache->find(token);
    if (it != cache->end()) return it->second;
    auto entry = store_.GetVaultEntry(id, token);
    if (!entry.ok()) return entry.status();
    auto value = privacy::Open(**key, id, token, entry->sealed);
    if (!value.ok()) return value.status();
    cache->emplace(std::string(token), *value);
    return value;
  };
}

StatusOr<std::vector<MessageView>> Service::ListMessages(const Principal& who,
                                                         std::string_view conversation_id,
                                                         std::int64_t after_id,
                                                         std::size_t limit) {
  auto c = Readable(who, conversation_id, Permission::kConversationRead);
  if (!c.ok()) return c.status();
  const auth::TextView view = auth::ViewFor(who.role);
  if (view == auth::TextView::kNone) {
    return common::PermissionDeniedError("this role may not read message text");
  }
  auto messages = store_.ListMessages(c->id, after_id, std::clamp<std::size_t>(limit, 1, 500));
  if (!messages.ok()) return messages.status();
  const privacy::TokenOpener open = view == auth::TextView::kTagged ? nullptr : Opener(*c);
  const privacy::View render_view = view == auth::TextView::kOriginal ? privacy::View::kOriginal
                                    : view == auth::TextView::kMasked ? privacy::View::kMasked
                                                                      : privacy::View::kTagged;
  std::vector<MessageView> out;
  out.reserve(messages->size());
  for (const store::Message& m : *messages) {
    MessageView v{m.id, m.conversation_id, m.sender, {}, m.created_ms, {}, {}};
    v.parts = privacy::RenderParts(m.text, render_view, open);
    for (const auto& p : v.parts) v.text += p.text;
    if (view == auth::TextView::kOriginal) v.parts.clear();
    if (ShowsMeta(view, m.sender)) v.meta = m.meta;
    out.push_back(std::move(v));
  }
  return out;
}

StatusOr<store::Conversation> Service::Claim(const Principal& who,
                                             std::string_view conversation_id) {
  if (!auth::Allows(who.role, Permission::kConversationClaim)) {
    return common::PermissionDeniedError("only agents take conversations");
  }
  auto c = store_.GetConversation(conversation_id);
  if (!c.ok()) return c.status();
  if (c->tenant_id != who.tenant_id) return common::NotFoundError("conversation not found");
  auto assigned = store_.AssignConversation(conversation_id, who.user_id);
  if (!assigned.ok()) return assigned.status();
  if (assigned->mode != "human") {
    // An agent taking a conversation takes it over from the bot.
    auto human = store_.SetConversationBot(assigned->id, "human", 0);
    if (!human.ok()) return human.status();
    assigned = std::move(human);
  }
  Remember(*assigned);
  if (!c->assignee_id) {
    Audit(who.Actor(), "conversation.claim", "conversation:" + assigned->id);
    if (sink_) sink_->OnConversation(*assigned);
  }
  return assigned;
}

StatusOr<store::Conversation> Service::Close(const Principal& who,
                                             std::string_view conversation_id) {
  auto c = Readable(who, conversation_id, Permission::kConversationClose);
  if (!c.ok()) return c.status();
  auto closed = store_.SetConversationStatus(c->id, "closed");
  if (!closed.ok()) return closed.status();
  Remember(*closed);
  Audit(who.Actor(), "conversation.close", "conversation:" + closed->id);
  if (closed->consent != "given") {
    // Privacy mode: without consent the content is not kept once the conversation ends.
    auto removed = store_.PurgeConversationContent(closed->id);
    if (!removed.ok()) return removed.status();
    Audit("system", "privacy.purge", "conversation:" + closed->id,
          std::to_string(*removed) + " messages, consent " + closed->consent);
  }
  if (sink_) sink_->OnConversation(*closed);
  return closed;
}

StatusOr<std::string> Service::Reveal(const Principal& who, std::string_view conversation_id,
                                      std::string_view token, std::string_view reason) {
  const std::string object =
      "conversation:" + std::string(conversation_id) + "/token:" +
      (privacy::MatchToken(token) == token.size() ? std::string(token) : std::string("?"));
  auto c = Readable(who, conversation_id, Permission::kPiiReveal);
  if (!c.ok()) {
    if (c.status().code() == common::StatusCode::kPermissionDenied) {
      Audit(who.Actor(), "pii.reveal.denied", object);
    }
    return c.status();
  }
  if (token.empty() || privacy::MatchToken(token) != token.size()) {
    return common::InvalidArgumentError("\"token\" must be one token such as ⟦PHONE_NUMBER:3f9a0c1e⟧");
  }
  if (text::ValidateUtf8(reason).ok() == false || IsBlank(reason) ||
      text::CodePointCount(reason) < 3 || reason.size() > 500) {
    return common::InvalidArgumentError("\"reason\" must say why, in 3 to 500 characters");
  }
  auto entry = store_.GetVaultEntry(c->id, token);
  if (!entry.ok()) {
    if (entry.status().code() == common::StatusCode::kNotFound) {
      return common::NotFoundError("no such token in this conversation");
    }
    return entry.status();
  }
  auto key = keys_.ConversationKey(*c);
  if (!key.ok()) return key.status();
  auto value = privacy::Open(*key, c->id, token, entry->sealed);
  if (!value.ok()) return value.status();
  thread_local privacy::GateScratch scratch;
  // Fail closed: no record, no reveal.
  auto record = audit_.Append(who.Actor(), "pii.reveal", object, gate_.Tag(reason, scratch));
  if (!record.ok()) return record.status();
  return value;
}

StatusOr<auth::TextView> Service::SubscribeView(const Principal& who,
                                                std::string_view conversation_id) {
  auto c = Readable(who, conversation_id, Permission::kConversationRead);
  if (!c.ok()) return c.status();
  const auth::TextView view = auth::ViewFor(who.role);
  if (view == auth::TextView::kNone) {
    return common::PermissionDeniedError("this role may not read message text");
  }
  return view;
}

StatusOr<store::Conversation> Service::Consent(const Principal& who, std::string_view conversation_id,
                                               bool accepted) {
  if (who.role != Role::kCustomer) return common::PermissionDeniedError("only the customer answers the privacy notice");
  auto c = Readable(who, conversation_id, Permission::kConversationPost);
  if (!c.ok()) return c.status();
  store::ConsentReceipt r;
  r.conversation_id = c->id;
  r.purpose = std::string(dialog::kConsentPurpose);
  r.policy_version = std::string(dialog::kPolicyVersion);
  r.decision = accepted ? "given" : "declined";
  r.channel = c->channel;
  r.at_ms = NowMs();
  HD_RETURN_IF_ERROR(store_.RecordConsent(r));
  Audit(who.Actor(), accepted ? "consent.given" : "consent.declined", "conversation:" + c->id,
        "policy " + r.policy_version);
  c->consent = r.decision;
  Remember(*c);
  return c;
}

StatusOr<store::Conversation> Service::Handoff(const Principal& who, std::string_view conversation_id) {
  auto c = Readable(who, conversation_id, Permission::kConversationPost);
  if (!c.ok()) return c.status();
  if (c->status != "open") return common::FailedPreconditionError("the conversation is closed");
  if (c->mode == "human") return c;
  auto human = store_.SetConversationBot(c->id, "human", 0);
  if (!human.ok()) return human.status();
  Remember(*human);
  Audit(who.Actor(), "bot.handoff", "conversation:" + human->id, "request");
  if (sink_) sink_->OnConversation(*human);
  return human;
}

namespace {

kb::Article FromRow(const store::KbArticleRow& r) {
  kb::Article a;
  a.id = r.id;
  a.lang = r.lang;
  a.title = r.title;
  a.answer = r.answer;
  a.intent = r.intent;
  a.updated_ms = r.updated_ms;
  auto strings = [](const std::string& json, std::vector<std::string>& out) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(json, ec);
    if (ec || !v.is_array()) return;
    for (const auto& q : v.as_array()) {
      if (q.is_string()) out.emplace_back(q.as_string());
    }
  };
  strings(r.questions_json, a.questions);
  strings(r.products_json, a.products);
  return a;
}

}  // namespace

StatusOr<std::vector<kb::Article>> Service::TenantArticles(std::int64_t tenant_id) {
  auto rows = store_.ListArticles(tenant_id);
  if (!rows.ok()) return rows.status();
  std::vector<kb::Article> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

StatusOr<std::vector<kb::Article>> Service::ListArticles(const Principal& who) {
  if (!auth::Allows(who.role, Permission::kKbRead)) {
    return common::PermissionDeniedError("the " + std::string(auth::RoleName(who.role)) + " role may not read the knowledge base");
  }
  return TenantArticles(who.tenant_id);
}

StatusOr<kb::Article> Service::GetArticle(const Principal& who, std::string_view id) {
  auto all = ListArticles(who);
  if (!all.ok()) return all.status();
  for (auto& a : *all) {
    if (a.id == id) return std::move(a);
  }
  return common::NotFoundError("article not found");
}

Status Service::PutArticles(const Principal& who, std::vector<kb::Article> articles) {
  if (!auth::Allows(who.role, Permission::kKbManage)) {
    return common::PermissionDeniedError("only admins change the knowledge base");
  }
  if (articles.empty()) return common::InvalidArgumentError("no articles given");
  std::vector<store::KbArticleRow> rows;
  const std::int64_t now = NowMs();
  for (const kb::Article& a : articles) {
    HD_RETURN_IF_ERROR(kb::Validate(a));
    boost::json::array q, p;
    for (const auto& x : a.questions) q.emplace_back(x);
    for (const auto& x : a.products) p.emplace_back(x);
    rows.push_back({who.tenant_id, a.id, a.lang, a.title, boost::json::serialize(q), a.answer, a.intent, now,
                    boost::json::serialize(p)});
  }
  HD_RETURN_IF_ERROR(store_.PutArticles(rows));
  Audit(who.Actor(), "kb.put", "kb:" + (rows.size() == 1 ? rows[0].id : std::to_string(rows.size()) + " articles"));
  return ReloadKnowledgeBase();
}

Status Service::DeleteArticle(const Principal& who, std::string_view id) {
  if (!auth::Allows(who.role, Permission::kKbManage)) {
    return common::PermissionDeniedError("only admins change the knowledge base");
  }
  HD_RETURN_IF_ERROR(store_.DeleteArticle(who.tenant_id, id));
  Audit(who.Actor(), "kb.delete", "kb:" + std::string(id));
  return ReloadKnowledgeBase();
}

Status Service::ReloadKnowledgeBase() {
  if (!bot_) return Status::Ok();
  auto t = store_.FindTenant(options_.default_tenant);
  if (!t.ok()) return t.status();
  auto articles = TenantArticles(t->id);
  if (!articles.ok()) return articles.status();
  bot_->SetKnowledgeBase(kb::Index::Build(std::move(*articles)));
  return Status::Ok();
}

}  // namespace hushdesk::server
