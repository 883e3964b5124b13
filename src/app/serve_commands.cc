// `hushdesk serve`, `hushdesk user add` and `hushdesk audit verify`.
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/runtime.h"
#include "auth/identity.h"
#include "audit/audit_log.h"
#include "kb/kb.h"
#include "server/http_server.h"

namespace hushdesk::app {
namespace {

struct ServerFlags {
  std::string config_file;
  std::string data_dir;
  std::string listen;
};

void AddServerFlags(CLI::App* cmd, ServerFlags& f, bool with_listen) {
  cmd->add_option("--config", f.config_file, "TOML configuration file (see docs/configuration.md)");
  cmd->add_option("--data-dir", f.data_dir, "Data directory (default ./var)");
  if (with_listen) cmd->add_option("--listen", f.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
}

common::StatusOr<server::Config> ResolveConfig(const ServerFlags& f) {
  auto config = server::LoadConfig(f.config_file);
  if (!config.ok()) return config.status();
  if (!f.data_dir.empty()) config->data_dir = f.data_dir;
  if (!f.listen.empty()) {
    config->listen = f.listen;
    std::string host;
    unsigned short port = 0;
    HD_RETURN_IF_ERROR(config->SplitListen(host, port));
  }
  return config;
}

int Fail(const char* cmd, const common::Status& st) {
  std::fprintf(stderr, "hushdesk %s: %s\n", cmd, st.message().c_str());
  switch (st.code()) {
    case common::StatusCode::kInvalidArgument:
    case common::StatusCode::kAlreadyExists:
      return kExitBadInput;
    default:
      return kExitFailure;
  }
}

int RunServe(const ServerFlags& flags) {
  auto config = ResolveConfig(flags);
  if (!config.ok()) {
    std::fprintf(stderr, "hushdesk serve: %s\n", config.status().message().c_str());
    return kExitUsage;
  }
  // Signals go to one waiting thread, not to whichever thread happens to run.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto rt = OpenRuntime(*config, /*create_key=*/true, /*log_to_file=*/true, std::cerr);
  if (!rt.ok()) return Fail("serve", rt.status());
  Runtime& r = **rt;
  if (config->demo) {
    if (auto st = SeedDemo(r, std::cout); !st.ok()) return Fail("serve", st);
  }
  server::HttpOptions http;
  {
    common::Status st = config->SplitListen(http.host, http.port);
    if (!st.ok()) return Fail("serve", st);
  }
  http.threads = config->threads > 0 ? config->threads
                                     : std::max(1u, std::thread::hardware_concurrency());
  http.max_body_bytes = config->max_body_bytes;
  http.tls_cert = config->tls_cert;
  http.tls_key = config->tls_key;
  server::HttpServer server(http, *r.service, *r.store, r.metrics, *r.logger);
  if (auto st = server.Start(); !st.ok()) return Fail("serve", st);

  const std::string scheme = config->tls_cert.empty() ? "http" : "https";
  const std::string host = http.host == "0.0.0.0" ? "127.0.0.1" : http.host;
  const std::string base = scheme + "://" + host + ":" + std::to_string(server.port());
  std::cout << "hushdesk is serving on " << base << "/\n"
            << "  chat widget demo:  " << base << "/demo\n"
            << "  agent desk:        " << base << "/desk\n"
            << "  data directory:    " << config->data_dir << "\n"
            << "Stop with Ctrl-C." << std::endl;
  r.logger->Log(server::LogLevel::kInfo, "server.start",
                {{"listen", base}, {"threads", http.threads}, {"data_dir", config->data_dir}});
  (void)r.audit->Append("system", "server.start", "server");

  std::thread waiter([&server, signals]() mutable {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  server.Run();
  // Run returned: either a signal arrived or Stop came from elsewhere; wake the waiter.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  r.logger->Log(server::LogLevel::kInfo, "server.stop");
  (void)r.audit->Append("system", "server.stop", "server");
  return kExitOk;
}

std::string ReadPassword() {
  const bool tty = ::isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::fprintf(stderr, "Password: ");
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  }
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

}  // namespace

void RegisterServe(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "Run the server: API, WebSocket, web UI");
  auto flags = std::make_shared<ServerFlags>();
  AddServerFlags(cmd, *flags, true);
  cmd->callback([flags, &exit_code] { exit_code = RunServe(*flags); });
}

void RegisterUser(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user", "Manage staff users");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add a user; the password is read from stdin");
  auto flags = std::make_shared<ServerFlags>();
  AddServerFlags(add, *flags, false);
  auto username = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto tenant = std::make_shared<std::string>();
  add->add_option("--username", *username, "Login name")->required();
  add->add_option("--role", *role, "One of " + auth::StaffRoleList())->required();
  add->add_option("--tenant", *tenant, "Tenant (default: the configured default tenant)");
  add->callback([=, &exit_code] {
    auto config = ResolveConfig(*flags);
    if (!config.ok()) {
      exit_code = Fail("user add", config.status());
      return;
    }
    const std::string password = ReadPassword();
    auto rt = OpenRuntime(*config, /*create_key=*/true, /*log_to_file=*/false, std::cerr);
    if (!rt.ok()) {
      exit_code = Fail("user add", rt.status());
      return;
    }
    auto u = (*rt)->service->AddUser(*tenant, *username, password, *role, "cli");
    if (!u.ok()) {
      exit_code = Fail("user add", u.status());
      return;
    }
    std::printf("added user %s (id %lld, role %s)\n", u->username.c_str(),
                static_cast<long long>(u->id), u->role.c_str());
    exit_code = kExitOk;
  });
}

void RegisterKbImport(CLI::App& app, int& exit_code) {
  auto* kb_cmd = app.add_subcommand("kb", "The knowledge base the bot answers from");
  kb_cmd->require_subcommand(1);
  auto* import = kb_cmd->add_subcommand(
      "import", "Add or replace articles from .csv (id,question,answer[,lang,title,intent,products]) or .md files");
  auto flags = std::make_shared<ServerFlags>();
  AddServerFlags(import, *flags, false);
  auto files = std::make_shared<std::vector<std::string>>();
  auto lang = std::make_shared<std::string>("en");
  import->add_option("files", *files, "Knowledge-base files")->required();
  import->add_option("--lang", *lang, "Language of articles that do not name one (zh|en)")->capture_default_str();
  import->callback([=, &exit_code] {
    auto config = ResolveConfig(*flags);
    if (!config.ok()) {
      exit_code = Fail("kb import", config.status());
      return;
    }
    // Every file is read and checked before anything is stored.
    std::vector<kb::Article> all;
    for (const std::string& file : *files) {
      auto articles = kb::ReadFile(file, *lang);
      if (!articles.ok()) {
        exit_code = Fail("kb import", articles.status());
        return;
      }
      std::fprintf(stderr, "%s: %zu articles\n", file.c_str(), articles->size());
      for (auto& a : *articles) all.push_back(std::move(a));
    }
    auto rt = OpenRuntime(*config, /*create_key=*/true, /*log_to_file=*/false, std::cerr);
    if (!rt.ok()) {
      exit_code = Fail("kb import", rt.status());
      return;
    }
    auto tenant = (*rt)->store->FindTenant(config->default_tenant);
    if (!tenant.ok()) {
      exit_code = Fail("kb import", tenant.status());
      return;
    }
    server::Principal cli;
    cli.role = auth::Role::kAdmin;
    cli.tenant_id = tenant->id;
    const std::size_t n = all.size();
    if (auto st = (*rt)->service->PutArticles(cli, std::move(all)); !st.ok()) {
      exit_code = Fail("kb import", st);
      return;
    }
    std::printf("imported %zu articles into %s\n", n, config->data_dir.c_str());
    exit_code = kExitOk;
  });
}

// `hushdesk identity sign`: a token as the company's backend would make it (for trying the
// widget's data-identity and for tests; production backends sign with their own HMAC code).
void RegisterIdentity(CLI::App& app, int& exit_code) {
  auto* id_cmd = app.add_subcommand("identity", "Verified customer attributes (identity tokens)");
  id_cmd->require_subcommand(1);
  auto* sign = id_cmd->add_subcommand("sign", "Print a signed identity token (secret: identity_secret in the config "
                                              "or HUSHDESK_IDENTITY_SECRET)");
  auto flags = std::make_shared<ServerFlags>();
  AddServerFlags(sign, *flags, false);
  auto tier = std::make_shared<std::string>("vip");
  auto ttl = std::make_shared<std::int64_t>(3600);
  sign->add_option("--tier", *tier, "vip | standard")->capture_default_str()->check(CLI::IsMember({"vip", "standard"}));
  sign->add_option("--ttl", *ttl, "Seconds until it expires")->capture_default_str()->check(CLI::Range(1, 30 * 24 * 3600));
  sign->callback([=, &exit_code] {
    auto config = ResolveConfig(*flags);
    if (!config.ok()) {
      exit_code = Fail("identity sign", config.status());
      return;
    }
    if (config->identity_secret.size() < auth::kMinIdentitySecret) {
      std::fprintf(stderr, "hushdesk identity sign: set identity_secret (at least %zu characters) in the config "
                           "or HUSHDESK_IDENTITY_SECRET\n", auth::kMinIdentitySecret);
      exit_code = kExitUsage;
      return;
    }
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch()).count();
    std::printf("%s\n", auth::SignIdentity({*tier, now + *ttl}, config->identity_secret).c_str());
    exit_code = kExitOk;
  });
}

void RegisterAudit(CLI::App& app, int& exit_code) {
  auto* audit_cmd = app.add_subcommand("audit", "The tamper-evident audit log");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand(
      "verify", "Check the hash chain; exit 0 when intact, 1 naming the first broken record");
  auto flags = std::make_shared<ServerFlags>();
  AddServerFlags(verify, *flags, false);
  verify->callback([flags, &exit_code] {
    auto config = ResolveConfig(*flags);
    if (!config.ok()) {
      exit_code = Fail("audit verify", config.status());
      return;
    }
    const auto db = std::filesystem::path(config->data_dir) / "hushdesk.db";
    if (!std::filesystem::exists(db)) {
      exit_code = Fail("audit verify", common::NotFoundError("no database at " + db.string()));
      return;
    }
    auto store = store::SqliteStore::Open(db);
    if (!store.ok()) {
      exit_code = Fail("audit verify", store.status());
      return;
    }
    auto result = audit::Verify(**store);
    if (!result.ok()) {
      exit_code = Fail("audit verify", result.status());
      return;
    }
    if (result->intact()) {
      auto last = (*store)->LastAudit();
      std::string head = "none";
      if (last.ok() && last->has_value()) {
        static const char* hex = "0123456789abcdef";
        head.clear();
        for (const auto b : (*last)->hash) {
          head.push_back(hex[b >> 4]);
          head.push_back(hex[b & 15]);
        }
      }
      std::printf("audit log intact: %lld records, head %s\n",
                  static_cast<long long>(result->records), head.c_str());
      exit_code = kExitOk;
    } else {
      std::printf("audit log BROKEN at record %lld: %s\n",
                  static_cast<long long>(result->first_bad), result->problem.c_str());
      exit_code = kExitBadInput;
    }
  });
}

}  // namespace hushdesk::app
