#include "server/http_server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json.hpp>

#include <deque>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "server/assets.h"

namespace hushdesk::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using common::Status;
using common::StatusCode;
using common::StatusOr;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr auto kReadTimeout = std::chrono::seconds(60);
constexpr std::size_t kMaxQueuedEvents = 4096;

// ---------------------------------------------------------------------------------------------
// Encoding

http::status HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return http::status::ok;
    case StatusCode::kInvalidArgument:
      return http::status::bad_request;
    case StatusCode::kNotFound:
      return http::status::not_found;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return http::status::conflict;
    case StatusCode::kPermissionDenied:
      return http::status::forbidden;
    case StatusCode::kUnauthenticated:
      return http::status::unauthorized;
    case StatusCode::kResourceExhausted:
      return http::status::payload_too_large;
    case StatusCode::kUnavailable:
      return http::status::service_unavailable;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal:
      return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

json::object ConversationJson(const store::Conversation& c) {
  json::object o;
  o["id"] = c.id;
  o["channel"] = c.channel;
  o["status"] = c.status;
  if (c.assignee_id) {
    o["assignee_id"] = *c.assignee_id;
  } else {
    o["assignee_id"] = nullptr;
  }
  o["created_ms"] = c.created_ms;
  o["updated_ms"] = c.updated_ms;
  o["message_count"] = c.message_count;
  o["mode"] = c.mode;
  o["consent"] = c.consent;
  o["tier"] = c.tier;
  return o;
}

// Adds the stored meta (JSON) of a message to its JSON, when the view shows it.
void AddMeta(json::object& o, std::string_view meta) {
  if (meta.empty()) return;
  json::error_code ec;
  json::value v = json::parse(meta, ec);
  if (!ec) o["meta"] = std::move(v);
}

json::object ArticleJson(const kb::Article& a) {
  json::object o;
  o["id"] = a.id;
  o["lang"] = a.lang;
  o["title"] = a.title;
  json::array q;
  for (const auto& x : a.questions) q.emplace_back(x);
  o["questions"] = std::move(q);
  o["answer"] = a.answer;
  o["intent"] = a.intent;
  json::array p;
  for (const auto& x : a.products) p.emplace_back(x);
  o["products"] = std::move(p);
  o["updated_ms"] = a.updated_ms;
  return o;
}

json::object MessageJson(std::int64_t id, std::string_view conversation_id, std::string_view sender,
                         std::string_view text, std::int64_t created_ms) {
  json::object o;
  o["id"] = id;
  o["conversation_id"] = conversation_id;
  o["sender"] = sender;
  o["text"] = text;
  o["created_ms"] = created_ms;
  return o;
}

json::array PartsJson(const std::vector<privacy::TextPart>& parts) {
  json::array a;
  for (const auto& p : parts) {
    json::object o;
    o["text"] = p.text;
    if (!p.token.empty()) {
      o["token"] = p.token;
      o["type"] = privacy::EntityTypeName(p.type);
    }
    a.push_back(std::move(o));
  }
  return a;
}

std::shared_ptr<const std::string> Event(json::object o) {
  return std::make_shared<const std::string>(json::serialize(o));
}

// ---------------------------------------------------------------------------------------------
// Live events

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void Send(std::shared_ptr<const std::string> event) = 0;
  virtual void Close() = 0;
};

class Hub final : public EventSink {
 public:
  Hub() = default;

  void Subscribe(const std::string& conversation_id, const std::shared_ptr<Subscriber>& s,
                 auth::TextView view) {
    std::lock_guard lock(mu_);
    by_conversation_[conversation_id].push_back({s, view});
  }
  void WatchQueue(std::int64_t tenant_id, const std::shared_ptr<Subscriber>& s) {
    std::lock_guard lock(mu_);
    watchers_[tenant_id].push_back({s, auth::TextView::kNone});
  }
  void Unsubscribe(const std::vector<std::string>& conversations, std::int64_t tenant_id,
                   const Subscriber* s) {
    std::lock_guard lock(mu_);
    auto drop = [s](std::vector<Sub>& v) {
      std::erase_if(v, [s](const Sub& x) {
        auto p = x.sub.lock();
        return !p || p.get() == s;
      });
    };
    for (const std::string& id : conversations) {
      auto it = by_conversation_.find(id);
      if (it == by_conversation_.end()) continue;
      drop(it->second);
      if (it->second.empty()) by_conversation_.erase(it);
    }
    if (auto it = watchers_.find(tenant_id); it != watchers_.end()) drop(it->second);
  }
  void Register(const std::shared_ptr<Subscriber>& s) {
    std::lock_guard lock(mu_);
    std::erase_if(all_, [](const std::weak_ptr<Subscriber>& w) { return w.expired(); });
    all_.push_back(s);
  }
  void CloseAll() {
    std::vector<std::shared_ptr<Subscriber>> live;
    {
      std::lock_guard lock(mu_);
      for (auto& w : all_) {
        if (auto p = w.lock()) live.push_back(std::move(p));
      }
    }
    for (auto& p : live) p->Close();
  }

  void OnMessage(std::shared_ptr<const MessageEvent> e) override {
    std::vector<Sub> subs;
    std::vector<Sub> watchers;
    {
      std::lock_guard lock(mu_);
      if (auto it = by_conversation_.find(e->stored.conversation_id); it != by_conversation_.end()) {
        subs = it->second;
      }
      if (auto it = watchers_.find(e->tenant_id); it != watchers_.end()) watchers = it->second;
    }
    std::shared_ptr<const std::string> rendered[4];
    for (const Sub& s : subs) {
      auto p = s.sub.lock();
      if (!p || p.get() == e->origin) continue;
      auto& r = rendered[static_cast<int>(s.view)];
      if (!r) {
        json::object o;
        o["type"] = "message";
        std::string text;
        json::object m;
        if (s.view == auth::TextView::kOriginal) {
          m = MessageJson(e->stored.id, e->stored.conversation_id, e->stored.sender, e->original,
                          e->stored.created_ms);
        } else {
          const std::vector<privacy::TextPart> parts = e->Parts(s.view);
          for (const auto& part : parts) text += part.text;
          m = MessageJson(e->stored.id, e->stored.conversation_id, e->stored.sender, text,
                          e->stored.created_ms);
          m["parts"] = PartsJson(parts);
        }
        if (ShowsMeta(s.view, e->stored.sender)) AddMeta(m, e->stored.meta);
        o["message"] = std::move(m);
        r = Event(std::move(o));
      }
      p->Send(r);
    }
    if (!watchers.empty()) {
      json::object o;
      o["type"] = "activity";
      o["conversation_id"] = e->stored.conversation_id;
      o["message_id"] = e->stored.id;
      o["sender"] = e->stored.sender;
      o["updated_ms"] = e->stored.created_ms;
      auto ev = Event(std::move(o));
      for (const Sub& s : watchers) {
        if (auto p = s.sub.lock()) p->Send(ev);
      }
    }
  }

  void OnConversation(const store::Conversation& c) override {
    std::vector<Sub> targets;
    {
      std::lock_guard lock(mu_);
      if (auto it = watchers_.find(c.tenant_id); it != watchers_.end()) targets = it->second;
      if (auto it = by_conversation_.find(c.id); it != by_conversation_.end()) {
        targets.insert(targets.end(), it->second.begin(), it->second.end());
      }
    }
    if (targets.empty()) return;
    json::object o;
    o["type"] = "conversation";
    o["conversation"] = ConversationJson(c);
    auto ev = Event(std::move(o));
    for (const Sub& s : targets) {
      if (auto p = s.sub.lock()) p->Send(ev);
    }
  }

 private:
  struct Sub {
    std::weak_ptr<Subscriber> sub;
    auth::TextView view;
  };
  std::mutex mu_;
  std::unordered_map<std::string, std::vector<Sub>> by_conversation_;
  std::unordered_map<std::int64_t, std::vector<Sub>> watchers_;
  std::vector<std::weak_ptr<Subscriber>> all_;
};

// ---------------------------------------------------------------------------------------------
// Request helpers

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct Target {
  std::string path;
  std::vector<std::string> segments;
  std::unordered_map<std::string, std::string> query;
};

Target ParseTarget(std::string_view target) {
  Target t;
  const std::size_t q = target.find('?');
  t.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      const std::size_t amp = rest.find('&');
      const std::string_view pair = rest.substr(0, amp);
      const std::size_t eq = pair.find('=');
      t.query[PercentDecode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
  }
  std::string_view p = t.path;
  while (!p.empty()) {
    if (p.front() == '/') {
      p.remove_prefix(1);
      continue;
    }
    const std::size_t slash = p.find('/');
    t.segments.push_back(PercentDecode(p.substr(0, slash)));
    if (slash == std::string_view::npos) break;
    p.remove_prefix(slash);
  }
  return t;
}

std::string_view Bearer(const Request& req) {
  const auto it = req.find(http::field::authorization);
  if (it == req.end()) return {};
  std::string_view v(it->value().data(), it->value().size());
  if (v.size() > 7 && (v.starts_with("Bearer ") || v.starts_with("bearer "))) return v.substr(7);
  return {};
}

// The body as a JSON object, or a 400 problem.
StatusOr<json::object> JsonBody(const Request& req) {
  if (req.body().empty()) return common::InvalidArgumentError("the request needs a JSON body");
  json::error_code ec;
  json::value v = json::parse(req.body(), ec);
  if (ec) return common::InvalidArgumentError("the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return common::InvalidArgumentError("the body must be a JSON object");
  return std::move(v.as_object());
}

StatusOr<std::string> StringField(const json::object& o, std::string_view name, bool required = true) {
  const json::value* v = o.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (!required) return std::string();
    return common::InvalidArgumentError("\"" + std::string(name) + "\" is required");
  }
  if (!v->is_string()) {
    return common::InvalidArgumentError("\"" + std::string(name) + "\" must be a string");
  }
  return std::string(v->as_string());
}

std::optional<std::int64_t> IntParam(const Target& t, const std::string& name) {
  auto it = t.query.find(name);
  if (it == t.query.end() || it->second.empty()) return std::nullopt;
  char* end = nullptr;
  const long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (*end != '\0' || v < 0) return std::nullopt;
  return v;
}

// ---------------------------------------------------------------------------------------------

struct Shared {
  HttpOptions options;
  Service& service;
  store::Store& store;
  Metrics& metrics;
  Logger& logger;
  Hub hub;
  asio::thread_pool blocking{2};  // password hashing and other slow work, off the I/O threads
  std::atomic<bool> stopping{false};

  Shared(HttpOptions o, Service& s, store::Store& st, Metrics& m, Logger& l)
      : options(std::move(o)), service(s), store(st), metrics(m), logger(l) {}
};

// Completes when the Service's callback fires, back on the caller's executor. The handler is
// invoked as an rvalue: that hands the coroutine back to Asio (invoking an lvalue would leave
// the handler owning the frame and destroy it twice).
asio::awaitable<StatusOr<Service::Posted>> PostAsync(Service& service, const Principal& who,
                                                     std::string id, std::string text) {
  auto ex = co_await asio::this_coro::executor;
  // Named, not a temporary: GCC 12 may destroy temporaries inside a co_await expression twice,
  // and this one holds a copy of the strand.
  auto initiation = [&service, &who, &id, &text, ex](auto handler) {
    auto h = std::make_shared<decltype(handler)>(std::move(handler));
    service.PostMessage(who, id, text, [h, ex](StatusOr<Service::Posted> r) {
      asio::post(ex, [h, r = std::move(r)]() mutable { std::move(*h)(std::move(r)); });
    });
  };
  auto result = co_await asio::async_initiate<const asio::use_awaitable_t<>,
                                              void(StatusOr<Service::Posted>)>(initiation,
                                                                               asio::use_awaitable);
  co_return result;
}

// Runs `fn` on the blocking pool and resumes on the caller's executor (see PostAsync on why
// nothing here is a temporary inside co_await).
template <typename R>
asio::awaitable<R> OffThread(Shared& s, std::function<R()>& fn) {
  auto ex = co_await asio::this_coro::executor;
  auto initiation = [&s, &fn, ex](auto handler) {
    auto h = std::make_shared<decltype(handler)>(std::move(handler));
    asio::post(s.blocking, [h, &fn, ex]() {
      R r = fn();
      asio::post(ex, [h, r = std::move(r)]() mutable { std::move(*h)(std::move(r)); });
    });
  };
  auto result =
      co_await asio::async_initiate<const asio::use_awaitable_t<>, void(R)>(initiation, asio::use_awaitable);
  co_return result;
}

class Api {
 public:
  explicit Api(Shared& s) : s_(s) {}

  asio::awaitable<Response> Handle(const Request& req) {
    const Target t = ParseTarget(req.target());
    Response res = co_await Route(req, t);
    res.version(req.version());
    res.keep_alive(req.keep_alive() && !s_.stopping.load());
    res.set(http::field::server, "hushdesk");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.prepare_payload();
    co_return res;
  }

  static Response Problem(http::status st, std::string_view detail) {
    Response res{st, 11};
    res.set(http::field::content_type, "application/problem+json");
    res.set(http::field::cache_control, "no-store");
    json::object o;
    o["type"] = "about:blank";
    o["title"] = std::string(http::obsolete_reason(st));
    o["status"] = static_cast<int>(st);
    o["detail"] = detail;
    res.body() = json::serialize(o);
    if (st == http::status::unauthorized) res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  static Response Problem(const Status& st) { return Problem(HttpStatusFor(st.code()), st.message()); }

 private:
  static Response Json(http::status st, const json::value& v) {
    Response res{st, 11};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = json::serialize(v);
    return res;
  }

  StatusOr<Principal> Auth(const Request& req) {
    const std::string_view bearer = Bearer(req);
    if (bearer.empty()) {
      return common::UnauthenticatedError("this needs an Authorization: Bearer header");
    }
    return s_.service.Authenticate(bearer);
  }

  asio::awaitable<Response> Route(const Request& req, const Target& t) {
    const auto& seg = t.segments;
    const http::verb m = req.method();
    if (seg.empty() || seg[0] != "api") co_return Static(req, t);
    if (seg.size() < 2 || seg[1] != "v1") co_return Problem(http::status::not_found, "unknown API version; use /api/v1");

    // Unauthenticated endpoints.
    if (seg.size() == 3 && seg[2] == "conversations" && m == http::verb::post) {
      co_return CreateConversation(req);
    }
    if (seg.size() == 4 && seg[2] == "auth" && seg[3] == "login") {
      if (m != http::verb::post) co_return MethodNotAllowed("POST");
      co_return co_await Login(req);
    }

    auto who = Auth(req);
    if (!who.ok()) co_return Problem(who.status());

    if (seg.size() == 4 && seg[2] == "auth" && seg[3] == "logout" && m == http::verb::post) {
      Status st = s_.service.Logout(Bearer(req));
      if (!st.ok()) co_return Problem(st);
      co_return Json(http::status::ok, json::object{{"status", "logged out"}});
    }
    if (seg.size() == 3 && seg[2] == "me" && m == http::verb::get) {
      json::object o;
      o["role"] = auth::RoleName(who->role);
      o["username"] = who->username;
      if (who->user_id) o["user_id"] = who->user_id;
      if (!who->conversation_id.empty()) o["conversation_id"] = who->conversation_id;
      co_return Json(http::status::ok, o);
    }
    if (seg.size() == 3 && seg[2] == "conversations") {
      if (m != http::verb::get) co_return MethodNotAllowed("GET, POST");
      co_return ListConversations(*who, t);
    }
    if (seg.size() >= 4 && seg[2] == "conversations") {
      const std::string& id = seg[3];
      if (seg.size() == 4) {
        if (m != http::verb::get) co_return MethodNotAllowed("GET");
        auto c = s_.service.GetConversation(*who, id);
        if (!c.ok()) co_return Problem(c.status());
        co_return Json(http::status::ok, ConversationJson(*c));
      }
      if (seg.size() == 5 && seg[4] == "messages") {
        if (m == http::verb::get) co_return ListMessages(*who, id, t);
        if (m == http::verb::post) co_return co_await PostMessage(req, *who, id);
        co_return MethodNotAllowed("GET, POST");
      }
      if (seg.size() == 5 && (seg[4] == "claim" || seg[4] == "close")) {
        if (m != http::verb::post) co_return MethodNotAllowed("POST");
        auto c = seg[4] == "claim" ? s_.service.Claim(*who, id) : s_.service.Close(*who, id);
        if (!c.ok()) co_return Problem(c.status());
        co_return Json(http::status::ok, ConversationJson(*c));
      }
      if (seg.size() == 5 && seg[4] == "reveal") {
        if (m != http::verb::post) co_return MethodNotAllowed("POST");
        co_return Reveal(req, *who, id);
      }
      if (seg.size() == 5 && seg[4] == "handoff") {
        if (m != http::verb::post) co_return MethodNotAllowed("POST");
        auto c = s_.service.Handoff(*who, id);
        if (!c.ok()) co_return Problem(c.status());
        co_return Json(http::status::ok, ConversationJson(*c));
      }
      if (seg.size() == 5 && seg[4] == "consent") {
        if (m != http::verb::post) co_return MethodNotAllowed("POST");
        co_return Consent(req, *who, id);
      }
    }
    if (seg.size() >= 4 && seg[2] == "kb" && seg[3] == "articles") {
      if (seg.size() == 4) {
        if (m == http::verb::get) co_return ListArticles(*who);
        if (m == http::verb::post) co_return PutArticles(req, *who, "");
        co_return MethodNotAllowed("GET, POST");
      }
      if (seg.size() == 5) {
        if (m == http::verb::get) {
          auto a = s_.service.GetArticle(*who, seg[4]);
          if (!a.ok()) co_return Problem(a.status());
          co_return Json(http::status::ok, ArticleJson(*a));
        }
        if (m == http::verb::put) co_return PutArticles(req, *who, seg[4]);
        if (m == http::verb::delete_) {
          Status st = s_.service.DeleteArticle(*who, seg[4]);
          if (!st.ok()) co_return Problem(st);
          co_return Json(http::status::ok, json::object{{"deleted", seg[4]}});
        }
        co_return MethodNotAllowed("GET, PUT, DELETE");
      }
    }
    if (seg.size() == 3 && seg[2] == "users") {
      if (m != http::verb::post) co_return MethodNotAllowed("POST");
      co_return co_await AddUser(req, *who);
    }
    if (seg.size() == 3 && seg[2] == "api-keys") {
      if (m != http::verb::post) co_return MethodNotAllowed("POST");
      co_return CreateApiKey(req, *who);
    }
    if (seg.size() == 3 && seg[2] == "audit") {
      if (m != http::verb::get) co_return MethodNotAllowed("GET");
      co_return ReadAudit(*who, t);
    }
    co_return Problem(http::status::not_found, "no such endpoint: " + t.path);
  }

  static Response MethodNotAllowed(const char* allow) {
    Response res = Problem(http::status::method_not_allowed,
                           std::string("this endpoint allows ") + allow);
    res.set(http::field::allow, allow);
    return res;
  }

  Response CreateConversation(const Request& req) {
    std::string channel = "web";
    std::string tenant;
    std::string lang = "en";
    std::string identity;
    if (!req.body().empty()) {
      auto body = JsonBody(req);
      if (!body.ok()) return Problem(body.status());
      auto ch = StringField(*body, "channel", false);
      auto te = StringField(*body, "tenant", false);
      auto la = StringField(*body, "lang", false);
      auto id = StringField(*body, "identity", false);
      if (!ch.ok()) return Problem(ch.status());
      if (!te.ok()) return Problem(te.status());
      if (!la.ok()) return Problem(la.status());
      if (!id.ok()) return Problem(id.status());
      identity = std::move(*id);
      if (!ch->empty()) channel = *ch;
      tenant = *te;
      if (!la->empty()) {
        if (*la != "zh" && *la != "en") return Problem(http::status::bad_request, "lang must be zh or en");
        lang = *la;
      }
    }
    auto created = s_.service.CreateConversation(channel, tenant, identity);
    if (!created.ok()) return Problem(created.status());
    json::object o = ConversationJson(created->conversation);
    o["customer_token"] = created->customer_token;
    // Shown before anything is recorded; answered with POST …/consent.
    json::object notice;
    notice["text"] = dialog::PrivacyNotice(lang);
    notice["policy_version"] = dialog::kPolicyVersion;
    notice["purpose"] = dialog::kConsentPurpose;
    o["privacy_notice"] = std::move(notice);
    o["bot"] = s_.service.has_bot();
    Response res = Json(http::status::created, o);
    res.set(http::field::location, "/api/v1/conversations/" + created->conversation.id);
    return res;
  }

  asio::awaitable<Response> Login(const Request& req) {
    auto body = JsonBody(req);
    if (!body.ok()) co_return Problem(body.status());
    auto user = StringField(*body, "username");
    auto pass = StringField(*body, "password");
    if (!user.ok()) co_return Problem(user.status());
    if (!pass.ok()) co_return Problem(pass.status());
    Service& svc = s_.service;
    std::function<StatusOr<std::string>()> login = [&svc, &user, &pass] {
      return svc.Login(*user, *pass);
    };
    auto token = co_await OffThread(s_, login);
    if (!token.ok()) co_return Problem(token.status());
    auto who = svc.Authenticate(*token);
    json::object o;
    o["token"] = *token;
    if (who.ok()) {
      o["role"] = auth::RoleName(who->role);
      o["user_id"] = who->user_id;
      o["username"] = who->username;
    }
    co_return Json(http::status::ok, o);
  }

  asio::awaitable<Response> AddUser(const Request& req, const Principal& who) {
    if (!auth::Allows(who.role, auth::Permission::kUserManage)) {
      co_return Problem(http::status::forbidden, "adding users needs the admin role");
    }
    auto body = JsonBody(req);
    if (!body.ok()) co_return Problem(body.status());
    auto user = StringField(*body, "username");
    auto pass = StringField(*body, "password");
    auto role = StringField(*body, "role");
    for (auto* f : {&user, &pass, &role}) {
      if (!f->ok()) co_return Problem(f->status());
    }
    Service& svc = s_.service;
    auto tenant = s_.store.GetTenant(who.tenant_id);
    if (!tenant.ok()) co_return Problem(tenant.status());
    const std::string actor = who.Actor();
    std::function<StatusOr<store::User>()> add = [&] {
      return svc.AddUser(tenant->name, *user, *pass, *role, actor);
    };
    auto created = co_await OffThread(s_, add);
    if (!created.ok()) co_return Problem(created.status());
    json::object o;
    o["id"] = created->id;
    o["username"] = created->username;
    o["role"] = created->role;
    co_return Json(http::status::created, o);
  }

  Response CreateApiKey(const Request& req, const Principal& who) {
    auto body = JsonBody(req);
    if (!body.ok()) return Problem(body.status());
    auto user = StringField(*body, "username");
    auto name = StringField(*body, "name");
    if (!user.ok()) return Problem(user.status());
    if (!name.ok()) return Problem(name.status());
    auto key = s_.service.CreateApiKey(who, *user, *name);
    if (!key.ok()) return Problem(key.status());
    return Json(http::status::created, json::object{{"key", *key}, {"name", *name}});
  }

  Response ListConversations(const Principal& who, const Target& t) {
    std::optional<std::string> status;
    if (auto it = t.query.find("status"); it != t.query.end() && !it->second.empty()) {
      if (it->second != "open" && it->second != "closed") {
        return Problem(http::status::bad_request, "status must be open or closed");
      }
      status = it->second;
    }
    std::optional<std::string> mode;
    if (auto it = t.query.find("mode"); it != t.query.end() && !it->second.empty()) mode = it->second;
    const std::size_t limit = static_cast<std::size_t>(IntParam(t, "limit").value_or(50));
    auto list = s_.service.ListConversations(who, status, limit, IntParam(t, "before"), mode);
    if (!list.ok()) return Problem(list.status());
    json::array items;
    for (const auto& c : *list) items.push_back(ConversationJson(c));
    json::object o;
    if (list->size() == std::clamp<std::size_t>(limit, 1, 200) && !list->empty()) {
      o["next_before"] = list->back().updated_ms;
    }
    o["items"] = std::move(items);
    return Json(http::status::ok, o);
  }

  Response ListMessages(const Principal& who, const std::string& id, const Target& t) {
    const std::size_t limit = static_cast<std::size_t>(IntParam(t, "limit").value_or(100));
    auto list = s_.service.ListMessages(who, id, IntParam(t, "after").value_or(0), limit);
    if (!list.ok()) return Problem(list.status());
    json::array items;
    for (const auto& m : *list) {
      json::object o = MessageJson(m.id, m.conversation_id, m.sender, m.text, m.created_ms);
      if (!m.parts.empty()) o["parts"] = PartsJson(m.parts);
      AddMeta(o, m.meta);
      items.push_back(std::move(o));
    }
    json::object o;
    if (!list->empty()) o["next_after"] = list->back().id;
    o["items"] = std::move(items);
    return Json(http::status::ok, o);
  }

  asio::awaitable<Response> PostMessage(const Request& req, const Principal& who,
                                        const std::string& id) {
    auto body = JsonBody(req);
    if (!body.ok()) co_return Problem(body.status());
    auto text = StringField(*body, "text");
    if (!text.ok()) co_return Problem(text.status());
    auto posted = co_await PostAsync(s_.service, who, id, std::move(*text));
    if (!posted.ok()) co_return Problem(posted.status());
    const store::Message& m = posted->stored;
    Response res = Json(http::status::created,
                        MessageJson(m.id, m.conversation_id, m.sender, m.text, m.created_ms));
    co_return res;
  }

  Response Reveal(const Request& req, const Principal& who, const std::string& id) {
    auto body = JsonBody(req);
    if (!body.ok()) return Problem(body.status());
    auto token = StringField(*body, "token");
    auto reason = StringField(*body, "reason");
    if (!token.ok()) return Problem(token.status());
    if (!reason.ok()) return Problem(reason.status());
    auto value = s_.service.Reveal(who, id, *token, *reason);
    if (!value.ok()) return Problem(value.status());
    return Json(http::status::ok, json::object{{"token", *token}, {"value", *value}});
  }

  Response Consent(const Request& req, const Principal& who, const std::string& id) {
    auto body = JsonBody(req);
    if (!body.ok()) return Problem(body.status());
    const json::value* v = body->if_contains("accepted");
    if (v == nullptr || !v->is_bool()) return Problem(http::status::bad_request, "\"accepted\" must be true or false");
    auto c = s_.service.Consent(who, id, v->as_bool());
    if (!c.ok()) return Problem(c.status());
    return Json(http::status::ok, ConversationJson(*c));
  }

  Response ListArticles(const Principal& who) {
    auto list = s_.service.ListArticles(who);
    if (!list.ok()) return Problem(list.status());
    json::array items;
    for (const auto& a : *list) items.push_back(ArticleJson(a));
    return Json(http::status::ok, json::object{{"items", std::move(items)}});
  }

  // POST: one article object or {"articles":[...]}; PUT …/{id}: one article with that id.
  Response PutArticles(const Request& req, const Principal& who, const std::string& id) {
    auto body = JsonBody(req);
    if (!body.ok()) return Problem(body.status());
    std::vector<kb::Article> articles;
    auto parse = [&](const json::object& o) -> Status {
      kb::Article a;
      for (auto [field, out] : {std::pair{"id", &a.id}, {"lang", &a.lang}, {"title", &a.title},
                                {"answer", &a.answer}, {"intent", &a.intent}}) {
        auto f = StringField(o, field, false);
        if (!f.ok()) return f.status();
        *out = std::move(*f);
      }
      for (auto [field, out] : {std::pair{"questions", &a.questions}, {"products", &a.products}}) {
        const json::value* q = o.if_contains(field);
        if (q == nullptr || q->is_null()) continue;
        const std::string error = "\"" + std::string(field) + "\" must be an array of strings";
        if (!q->is_array()) return common::InvalidArgumentError(error);
        for (const auto& x : q->as_array()) {
          if (!x.is_string()) return common::InvalidArgumentError(error);
          out->emplace_back(x.as_string());
        }
      }
      if (!id.empty()) {
        if (!a.id.empty() && a.id != id) return common::InvalidArgumentError("the body's id differs from the URL's");
        a.id = id;
      }
      articles.push_back(std::move(a));
      return Status::Ok();
    };
    if (const json::value* list = body->if_contains("articles"); list != nullptr && id.empty()) {
      if (!list->is_array()) return Problem(http::status::bad_request, "\"articles\" must be an array");
      for (const auto& x : list->as_array()) {
        if (!x.is_object()) return Problem(http::status::bad_request, "each article must be an object");
        if (Status st = parse(x.as_object()); !st.ok()) return Problem(st);
      }
    } else if (Status st = parse(*body); !st.ok()) {
      return Problem(st);
    }
    Status st = s_.service.PutArticles(who, articles);
    if (!st.ok()) return Problem(st);
    json::array ids;
    for (const auto& a : articles) ids.emplace_back(a.id);
    return Json(id.empty() ? http::status::created : http::status::ok, json::object{{"ids", std::move(ids)}});
  }

  Response ReadAudit(const Principal& who, const Target& t) {
    if (!auth::Allows(who.role, auth::Permission::kAuditRead)) {
      return Problem(http::status::forbidden, "reading the audit log needs the dpo or admin role");
    }
    const std::size_t limit =
        std::clamp<std::size_t>(static_cast<std::size_t>(IntParam(t, "limit").value_or(100)), 1, 1000);
    auto records = s_.store.ReadAudit(IntParam(t, "after").value_or(0), limit);
    if (!records.ok()) return Problem(records.status());
    json::array items;
    for (const auto& r : *records) {
      json::object o;
      o["seq"] = r.seq;
      o["at_ms"] = r.at_ms;
      o["actor"] = r.actor;
      o["action"] = r.action;
      o["object"] = r.object;
      o["reason"] = r.reason;
      items.push_back(std::move(o));
    }
    return Json(http::status::ok, json::object{{"items", std::move(items)}});
  }

  Response Static(const Request& req, const Target& t) {
    if (t.path == "/healthz") {
      return Json(http::status::ok, json::object{{"status", "ok"}});
    }
    if (t.path == "/metrics") {
      const store::StoreStats st = s_.store.Stats();
      Response res{http::status::ok, 11};
      res.set(http::field::content_type, "text/plain; version=0.0.4");
      res.body() = s_.metrics.Render(st.commits, st.writes);
      return res;
    }
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      return MethodNotAllowed("GET");
    }
    const Asset* a = FindAsset(t.path);
    if (a == nullptr) return Problem(http::status::not_found, "no such page: " + t.path);
    Response res{http::status::ok, 11};
    res.set(http::field::content_type, a->content_type);
    res.set(http::field::cache_control, "no-cache");
    res.set("Content-Security-Policy",
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
            "style-src 'self'; frame-ancestors 'self'");
    res.body() = std::string(a->body);
    return res;
  }

  Shared& s_;
};

// ---------------------------------------------------------------------------------------------
// WebSocket sessions

template <class Stream>
class WsSession final : public Subscriber, public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(Stream stream, Shared& s, Principal who)
      : ws_(std::move(stream)), s_(s), who_(std::move(who)) {}

  void Send(std::shared_ptr<const std::string> event) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), event] {
      if (self->closed_) return;
      if (self->queue_.size() >= kMaxQueuedEvents) {
        self->s_.metrics.ws_events_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      self->queue_.push_back(event);
      if (!self->writing_) self->WriteNext();
    });
  }

  void Close() override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
      if (self->closed_) return;
      self->closed_ = true;
      self->ws_.async_close(websocket::close_code::going_away, [self](beast::error_code) {});
    });
  }

  asio::awaitable<void> Run(Request req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(s_.options.max_body_bytes);
    beast::error_code ec;
    co_await ws_.async_accept(req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    s_.metrics.ws_connections.fetch_add(1);
    auto self = this->shared_from_this();
    s_.hub.Register(self);
    if (who_.role == auth::Role::kCustomer) {
      Subscribe(who_.conversation_id, nullptr);
    } else if (auth::Allows(who_.role, auth::Permission::kConversationList)) {
      s_.hub.WatchQueue(who_.tenant_id, self);
    }
    beast::flat_buffer buffer;
    while (!closed_) {
      co_await ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      OnClientMessage(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
    }
    closed_ = true;
    s_.hub.Unsubscribe(subscribed_, who_.tenant_id, this);
    s_.metrics.ws_connections.fetch_sub(1);
  }

 private:
  void WriteNext() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      self->queue_.pop_front();
                      if (ec) {
                        self->writing_ = false;
                        self->queue_.clear();
                        return;
                      }
                      self->s_.metrics.ws_events_sent.fetch_add(1, std::memory_order_relaxed);
                      if (self->queue_.empty()) {
                        self->writing_ = false;
                      } else {
                        self->WriteNext();
                      }
                    });
  }

  void Reply(json::object o) { Send(Event(std::move(o))); }

  void Error(const json::value* ref, const Status& st) {
    json::object o;
    o["type"] = "error";
    if (ref) o["ref"] = *ref;
    o["status"] = static_cast<int>(HttpStatusFor(st.code()));
    o["detail"] = st.message();
    Reply(std::move(o));
  }

  void Subscribe(const std::string& conversation_id, const json::value* ref) {
    auto view = s_.service.SubscribeView(who_, conversation_id);
    if (!view.ok()) return Error(ref, view.status());
    if (std::find(subscribed_.begin(), subscribed_.end(), conversation_id) == subscribed_.end()) {
      s_.hub.Subscribe(conversation_id, this->shared_from_this(), *view);
      subscribed_.push_back(conversation_id);
    }
    json::object o;
    o["type"] = "subscribed";
    if (ref) o["ref"] = *ref;
    o["conversation_id"] = conversation_id;
    Reply(std::move(o));
  }

  void OnClientMessage(const std::string& raw) {
    json::error_code jec;
    json::value v = json::parse(raw, jec);
    if (jec || !v.is_object()) {
      return Error(nullptr, common::InvalidArgumentError("each frame must be a JSON object"));
    }
    const json::object& o = v.as_object();
    const json::value* ref = o.if_contains("ref");
    auto type = StringField(o, "type");
    if (!type.ok()) return Error(ref, type.status());
    if (*type == "ping") return Reply(json::object{{"type", "pong"}});
    auto conversation = StringField(o, "conversation_id", false);
    if (!conversation.ok()) return Error(ref, conversation.status());
    std::string id = conversation->empty() ? who_.conversation_id : *conversation;
    if (*type == "subscribe") return Subscribe(id, ref);
    if (*type == "message") {
      auto text = StringField(o, "text");
      if (!text.ok()) return Error(ref, text.status());
      json::value ref_copy = ref ? *ref : json::value(nullptr);
      auto self = this->shared_from_this();
      s_.service.PostMessage(who_, id, *text,
                             [self, ref_copy](StatusOr<Service::Posted> r) {
                               if (!r.ok()) return self->Error(&ref_copy, r.status());
                               const store::Message& m = r->stored;
                               json::object ack;
                               ack["type"] = "ack";
                               ack["ref"] = ref_copy;
                               ack["message"] = MessageJson(m.id, m.conversation_id, m.sender,
                                                            m.text, m.created_ms);
                               self->Reply(std::move(ack));
                             },
                             static_cast<const Subscriber*>(this));
      return;
    }
    Error(ref, common::InvalidArgumentError("unknown frame type; use subscribe, message or ping"));
  }

  websocket::stream<Stream> ws_;
  Shared& s_;
  Principal who_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::vector<std::string> subscribed_;
  bool writing_ = false;
  bool closed_ = false;
};

// ---------------------------------------------------------------------------------------------
// HTTP sessions

template <class Stream>
asio::awaitable<void> WriteAndLog(Stream& stream, Shared& s, Response& res, const Request* req,
                                  std::chrono::steady_clock::time_point started,
                                  beast::error_code& ec) {
  co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
  const int code = static_cast<int>(res.result_int());
  s.metrics.http_requests.fetch_add(1, std::memory_order_relaxed);
  if (code >= 500) s.metrics.http_server_errors.fetch_add(1, std::memory_order_relaxed);
  else if (code >= 400) s.metrics.http_client_errors.fetch_add(1, std::memory_order_relaxed);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  s.metrics.http_seconds.Observe(secs);
  const LogLevel level = code >= 500 ? LogLevel::kError : code >= 400 ? LogLevel::kInfo : LogLevel::kDebug;
  if (s.logger.Enabled(level)) {
    json::object f;
    if (req) {
      f["method"] = std::string(req->method_string());
      const std::string_view target(req->target().data(), req->target().size());
      f["path"] = target.substr(0, target.find('?'));  // never the query: it may hold a token
    }
    f["status"] = code;
    f["ms"] = secs * 1000.0;
    s.logger.Log(level, "http", std::move(f));
  }
}

template <class Stream>
asio::awaitable<void> ServeHttp(Stream stream, Shared& s) {
  s.metrics.http_connections.fetch_add(1);
  struct Gauge {
    Metrics& m;
    ~Gauge() { m.http_connections.fetch_sub(1); }
  } gauge{s.metrics};
  beast::flat_buffer buffer;
  Api api(s);
  beast::error_code ec;
  while (!s.stopping.load()) {
    beast::get_lowest_layer(stream).expires_after(kReadTimeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(s.options.max_body_bytes);
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    const auto started = std::chrono::steady_clock::now();
    if (ec == http::error::end_of_stream || ec == asio::error::eof) break;
    if (ec) {
      std::optional<Response> res;
      if (ec == http::error::body_limit) {
        res = Api::Problem(http::status::payload_too_large,
                           "the request body is larger than " +
                               std::to_string(s.options.max_body_bytes) + " bytes");
      } else if (ec == http::error::header_limit) {
        res = Api::Problem(http::status::request_header_fields_too_large, "the headers are too large");
      } else if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
        res = Api::Problem(http::status::bad_request, "malformed HTTP request: " + ec.message());
      }
      if (res) {
        res->keep_alive(false);
        res->prepare_payload();
        co_await WriteAndLog(stream, s, *res, nullptr, started, ec);
      }
      break;
    }
    Request req = parser.release();
    if (websocket::is_upgrade(req)) {
      const Target t = ParseTarget(req.target());
      if (t.path != "/api/v1/ws") {
        Response res = Api::Problem(http::status::not_found, "WebSocket endpoint is /api/v1/ws");
        res.prepare_payload();
        co_await WriteAndLog(stream, s, res, &req, started, ec);
        break;
      }
      auto token = t.query.find("token");
      auto who = token == t.query.end() ? StatusOr<Principal>(common::UnauthenticatedError(
                                              "the WebSocket needs ?token=<bearer token>"))
                                        : s.service.Authenticate(token->second);
      if (!who.ok()) {
        Response res = Api::Problem(who.status());
        res.keep_alive(false);
        res.prepare_payload();
        co_await WriteAndLog(stream, s, res, &req, started, ec);
        break;
      }
      beast::get_lowest_layer(stream).expires_never();
      auto session = std::make_shared<WsSession<Stream>>(std::move(stream), s, std::move(*who));
      co_await session->Run(std::move(req));
      co_return;
    }
    Response res = co_await api.Handle(req);
    const bool keep = res.keep_alive();
    co_await WriteAndLog(stream, s, res, &req, started, ec);
    if (ec || !keep) break;
  }
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpOptions options, Service& service, store::Store& store, Metrics& metrics, Logger& logger)
      : shared_(std::move(options), service, store, metrics, logger),
        ioc_(std::max(1, shared_.options.threads)),
        acceptor_(ioc_),
        ssl_(asio::ssl::context::tls_server) {}

  Status Start() {
    const bool tls = !shared_.options.tls_cert.empty();
    if (tls) {
      beast::error_code ec;
      ssl_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1);
      ssl_.use_certificate_chain_file(shared_.options.tls_cert, ec);
      if (ec) return common::InvalidArgumentError("cannot load tls_cert " + shared_.options.tls_cert + ": " + ec.message());
      ssl_.use_private_key_file(shared_.options.tls_key, asio::ssl::context::pem, ec);
      if (ec) return common::InvalidArgumentError("cannot load tls_key " + shared_.options.tls_key + ": " + ec.message());
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(shared_.options.host, ec);
    if (ec) return common::InvalidArgumentError("cannot listen on \"" + shared_.options.host + "\": not an IP address");
    const tcp::endpoint ep(address, shared_.options.port);
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return common::UnavailableError("cannot listen on " + shared_.options.host + ":" +
                                      std::to_string(shared_.options.port) + ": " + ec.message());
    }
    shared_.service.SetSink(&shared_.hub);
    asio::co_spawn(ioc_, Accept(tls), asio::detached);
    return Status::Ok();
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void Run() {
    std::vector<std::thread> threads;
    for (int i = 1; i < shared_.options.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    shared_.service.SetSink(nullptr);
    shared_.blocking.join();
  }

  void Stop() {
    if (shared_.stopping.exchange(true)) return;
    asio::post(ioc_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      shared_.hub.CloseAll();
      // Requests in flight finish; idle keep-alive connections are cut after the grace period.
      auto timer = std::make_shared<asio::steady_timer>(ioc_, std::chrono::seconds(5));
      timer->async_wait([this, timer](beast::error_code) { ioc_.stop(); });
      work_done_check();
    });
  }

 private:
  void work_done_check() {
    // When no connection is left the server can stop before the grace period ends.
    auto timer = std::make_shared<asio::steady_timer>(ioc_, std::chrono::milliseconds(50));
    timer->async_wait([this, timer](beast::error_code) {
      if (shared_.metrics.http_connections.load() == 0 && shared_.metrics.ws_connections.load() == 0) {
        ioc_.stop();
      } else {
        work_done_check();
      }
    });
  }

  asio::awaitable<void> Accept(bool tls) {
    while (true) {
      beast::error_code ec;
      auto strand = asio::make_strand(ioc_);  // named: see PostAsync
      tcp::socket socket =
          co_await acceptor_.async_accept(strand, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        continue;  // e.g. too many open files: keep serving the connections we have
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto ex = socket.get_executor();
      if (tls) {
        asio::co_spawn(ex, ServeTls(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(ex, ServePlain(std::move(socket)), asio::detached);
      }
    }
  }

  asio::awaitable<void> ServePlain(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    co_await ServeHttp(std::move(stream), shared_);
  }

  asio::awaitable<void> ServeTls(tcp::socket socket) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), ssl_);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(30));
    beast::error_code ec;
    co_await stream.async_handshake(asio::ssl::stream_base::server,
                                    asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await ServeHttp(std::move(stream), shared_);
  }

  Shared shared_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::ssl::context ssl_;
};

HttpServer::HttpServer(HttpOptions options, Service& service, store::Store& store,
                       Metrics& metrics, Logger& logger)
    : impl_(std::make_unique<Impl>(std::move(options), service, store, metrics, logger)) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Start() { return impl_->Start(); }
unsigned short HttpServer::port() const { return impl_->port(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace hushdesk::server
