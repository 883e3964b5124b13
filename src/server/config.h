// Server configuration: defaults that need no file, one optional TOML file, then environment
// variables (HUSHDESK_<KEY> in upper case, e.g. HUSHDESK_LISTEN), then command-line flags.
// docs/configuration.md lists every key.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "common/status.h"

namespace hushdesk::server {

struct Config {
  std::string data_dir = "./var";
  std::string listen = "127.0.0.1:8080";
  int threads = 0;                     // 0: one per core
  std::string tls_cert;                // PEM files; TLS is on when both are set
  std::string tls_key;
  std::string master_key_file;         // default: <data_dir>/master.key
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_message_bytes = 16 * 1024;
  int session_ttl_hours = 12;
  bool demo = true;                    // seed a demo tenant and users into an empty database
  std::string log_level = "info";      // debug, info, warn, error
  std::string default_tenant = "default";
  std::string password_cost = "interactive";  // interactive | minimal (tests only)
  bool bot = true;                     // the bot answers customers first (dialog/)
  std::string sentiment_model;         // from `hushdesk train sentiment`; empty: built-in lexicon
  std::string intent_model;            // from `hushdesk train intent`; empty: the KB article's intent
  std::string identity_secret;         // shared with the company's backend to sign identity tokens (≥ 32 chars)
  bool vip_to_human = true;            // verified VIP customers go straight to agents
  std::string time_zone;               // IANA name for "today" in 明天 / "next Monday"; empty: the host's

  // host and port of `listen`. InvalidArgument for a malformed value.
  common::Status SplitListen(std::string& host, unsigned short& port) const;
  std::string MasterKeyFile() const;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The real environment.
std::optional<std::string> GetEnv(const std::string& name);

// Defaults, then `file` (when not empty; a missing file or unknown key is an error naming it),
// then the environment.
common::StatusOr<Config> LoadConfig(const std::string& file, const EnvLookup& env = GetEnv);

}  // namespace hushdesk::server
