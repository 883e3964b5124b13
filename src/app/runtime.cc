#include "app/runtime.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <ostream>
#include <sstream>

#include "auth/auth.h"
#include "auth/identity.h"
#include "kb/kb.h"
#include "nlu/sentiment.h"
#include "server/assets.h"

namespace hushdesk::app {
namespace {

common::StatusOr<privacy::SecretKey> MasterKey(const server::Config& config, common::Random& random,
                                               bool create, std::ostream& notice) {
  if (auto env = server::GetEnv("HUSHDESK_MASTER_KEY"); env && !env->empty()) {
    auto key = privacy::SecretKey::FromHex(*env);
    if (!key.ok()) return common::InvalidArgumentError("HUSHDESK_MASTER_KEY: " + key.status().message());
    return key;
  }
  const std::string file = config.MasterKeyFile();
  std::ifstream in(file);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    auto key = privacy::SecretKey::FromHex(ss.str());
    if (!key.ok()) return common::InvalidArgumentError(file + ": " + key.status().message());
    return key;
  }
  if (!create) {
    return common::FailedPreconditionError(
        "no master key: " + file + " does not exist and HUSHDESK_MASTER_KEY is not set "
        "(`hushdesk serve` creates one on first start)");
  }
  privacy::SecretKey key = privacy::NewKey(random);
  std::FILE* f = std::fopen(file.c_str(), "wx");
  if (f == nullptr) return common::UnavailableError("cannot create the master key file " + file);
  ::chmod(file.c_str(), 0600);
  const std::string hex = key.ToHex() + "\n";
  const bool ok = std::fwrite(hex.data(), 1, hex.size(), f) == hex.size();
  if (std::fclose(f) != 0 || !ok) return common::UnavailableError("cannot write " + file);
  notice << "WARNING: created a new master key in " << file
         << ".\n  Every tenant and customer key is wrapped under it: back it up and keep it apart "
            "from the data\n  (or set HUSHDESK_MASTER_KEY). Without it nothing in the vault can "
            "be read.\n";
  return key;
}

}  // namespace

common::StatusOr<std::unique_ptr<Runtime>> OpenRuntime(const server::Config& config,
                                                       bool create_key, bool log_to_file,
                                                       std::ostream& notice) {
  auto rt = std::make_unique<Runtime>();
  rt->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return common::UnavailableError("cannot create the data directory " + config.data_dir + ": " +
                                    ec.message());
  }
  ::chmod(config.data_dir.c_str(), 0700);
  std::string log_file;
  if (log_to_file) {
    std::filesystem::create_directories(config.data_dir + "/logs", ec);
    log_file = config.data_dir + "/logs/hushdesk.log";
  }
  rt->logger = std::make_unique<server::Logger>(log_file, config.log_level);
  auto key = MasterKey(config, rt->random, create_key, notice);
  if (!key.ok()) return key.status();
  auto store = store::SqliteStore::Open(std::filesystem::path(config.data_dir) / "hushdesk.db");
  if (!store.ok()) return store.status();
  rt->store = std::move(*store);
  auto audit = audit::AuditLog::Open(*rt->store, rt->clock);
  if (!audit.ok()) return audit.status();
  rt->audit = std::move(*audit);
  auto detector = privacy::Detector::Create();
  if (!detector.ok()) return detector.status();
  rt->detector = std::move(*detector);
  rt->gate = std::make_unique<privacy::Gate>(*rt->detector, rt->random);
  rt->keys = std::make_unique<server::KeyRing>(*key, *rt->store, rt->random);
  server::ServiceOptions options;
  options.max_message_bytes = config.max_message_bytes;
  options.session_ttl = std::chrono::hours(config.session_ttl_hours);
  options.default_tenant = config.default_tenant;
  if (!config.identity_secret.empty() && config.identity_secret.size() < auth::kMinIdentitySecret) {
    return common::InvalidArgumentError("identity_secret: at least " + std::to_string(auth::kMinIdentitySecret) +
                                        " characters");
  }
  options.identity_secret = config.identity_secret;
  options.vip_to_human = config.vip_to_human;
  options.password_cost = config.password_cost == "minimal" ? auth::PasswordCost::Minimal()
                                                            : auth::PasswordCost::Interactive();
  rt->service = std::make_unique<server::Service>(options, *rt->store, *rt->audit, *rt->keys,
                                                  *rt->gate, rt->clock, rt->random, rt->metrics);
  auto tenant = rt->service->EnsureTenant(config.default_tenant);
  if (!tenant.ok()) return tenant.status();
  if (config.bot) {
    nlu::SentimentModel sentiment;
    if (!config.sentiment_model.empty()) {
      auto m = nlu::SentimentModel::Load(config.sentiment_model);
      if (!m.ok()) return common::InvalidArgumentError("sentiment_model: " + m.status().message());
      sentiment = std::move(*m);
    }
    std::shared_ptr<const nlu::IntentModel> intent;
    if (!config.intent_model.empty()) {
      auto m = nlu::IntentModel::Load(config.intent_model);
      if (!m.ok()) return common::InvalidArgumentError("intent_model: " + m.status().message());
      intent = std::make_shared<const nlu::IntentModel>(std::move(*m));
    }
    dialog::Options bot_options;
    auto zone = nlu::TimeZone::Load(config.time_zone);
    if (!zone.ok()) return common::InvalidArgumentError("time_zone: " + zone.status().message());
    bot_options.time_zone = std::move(*zone);
    rt->bot = std::make_unique<dialog::Bot>(std::move(bot_options), std::move(sentiment), std::move(intent));
    rt->service->SetBot(rt->bot.get());
    HD_RETURN_IF_ERROR(rt->service->ReloadKnowledgeBase());
  }
  return rt;
}

namespace {

// Synthetic demo conversations: every name, number and address here is made up.
const char* const kDemoConversations[][3] = {
    {"你好，我叫王小明，手机13912345678，订单号 20261120883 还没发货，能帮我查一下吗？",
     "收货地址是上海市浦东新区世纪大道100号8楼801室。", nullptr},
    {"Hi, this is Emma Clarke. My card 4111 1111 1111 1111 was charged twice for order #88231.",
     "You can reach me at emma.clarke@example.com or +44 20 7946 0958.", nullptr},
};

common::Status PostSync(server::Service& svc, const server::Principal& who, const std::string& id,
                        const std::string& text) {
  std::promise<common::Status> done;
  auto f = done.get_future();
  svc.PostMessage(who, id, text, [&done](common::StatusOr<server::Service::Posted> r) {
    done.set_value(r.ok() ? common::Status::Ok() : r.status());
  });
  return f.get();
}

}  // namespace

common::Status SeedDemo(Runtime& rt, std::ostream& out) {
  auto users = rt.store->CountUsers();
  if (!users.ok()) return users.status();
  if (*users > 0) return common::Status::Ok();
  struct Seed {
    const char* name;
    const char* role;
    std::string password;
  };
  std::vector<Seed> seeds = {{"admin", "admin", auth::NewSecret(rt.random, "").substr(0, 16)},
                             {"agent", "agent", auth::NewSecret(rt.random, "").substr(0, 16)}};
  for (const Seed& s : seeds) {
    auto u = rt.service->AddUser(rt.config.default_tenant, s.name, s.password, s.role, "system");
    if (!u.ok()) return u.status();
  }
  {
    const server::Asset* kb_file = server::FindAsset("/static/demo-kb.md");
    if (kb_file == nullptr) return common::InternalError("the demo knowledge base is not embedded");
    std::istringstream in{std::string(kb_file->body)};
    auto articles = kb::ParseMarkdown(in, "en");
    if (!articles.ok()) return common::InternalError("demo knowledge base: " + articles.status().message());
    auto admin = rt.store->FindUser("admin");
    if (!admin.ok()) return admin.status();
    server::Principal who;
    who.role = auth::Role::kAdmin;
    who.tenant_id = admin->tenant_id;
    who.user_id = admin->id;
    who.username = admin->username;
    HD_RETURN_IF_ERROR(rt.service->PutArticles(who, std::move(*articles)));
  }
  for (const auto& conv : kDemoConversations) {
    auto c = rt.service->CreateConversation("web", "");
    if (!c.ok()) return c.status();
    // The demo customers have consented and asked for a person, so the desk has work.
    auto who = rt.service->Authenticate(c->customer_token);
    if (!who.ok()) return who.status();
    HD_RETURN_IF_ERROR(rt.service->Consent(*who, c->conversation.id, true).status());
    HD_RETURN_IF_ERROR(rt.service->Handoff(*who, c->conversation.id).status());
    for (const char* const* text = conv; *text != nullptr; ++text) {
      HD_RETURN_IF_ERROR(PostSync(*rt.service, *who, c->conversation.id, *text));
    }
  }
  out << "First start: seeded a demo tenant with two conversations and these users\n"
         "(passwords are shown this once and stored only as argon2id hashes):\n";
  for (const Seed& s : seeds) {
    out << "  " << s.role << ":  username " << s.name << "  password " << s.password << "\n";
  }
  return common::Status::Ok();
}

}  // namespace hushdesk::app
