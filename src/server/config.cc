#include "server/config.h"

#include <cstdlib>
#include <toml++/toml.h>

namespace hushdesk::server {
namespace {

using common::Status;

// One settable key: how to read it from TOML and from an environment string.
struct Key {
  const char* name;
  std::function<Status(Config&, const toml::node&)> from_toml;
  std::function<Status(Config&, const std::string&)> from_string;
};

Status Bad(const std::string& key, const std::string& want) {
  return common::InvalidArgumentError("configuration key \"" + key + "\" must be " + want);
}

Key StringKey(const char* name, std::string Config::*field) {
  return {name,
          [=](Config& c, const toml::node& n) {
            if (!n.is_string()) return Bad(name, "a string");
            c.*field = n.as_string()->get();
            return Status::Ok();
          },
          [=](Config& c, const std::string& v) {
            c.*field = v;
            return Status::Ok();
          }};
}

template <typename T>
Key NumberKey(const char* name, T Config::*field, long long min, long long max) {
  auto set = [=](Config& c, long long v) {
    if (v < min || v > max) {
      return Bad(name, "a number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    c.*field = static_cast<T>(v);
    return Status::Ok();
  };
  return {name,
          [=](Config& c, const toml::node& n) {
            if (!n.is_integer()) return Bad(name, "an integer");
            return set(c, n.as_integer()->get());
          },
          [=](Config& c, const std::string& v) {
            char* end = nullptr;
            const long long x = std::strtoll(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0') return Bad(name, "an integer");
            return set(c, x);
          }};
}

Key BoolKey(const char* name, bool Config::*field) {
  return {name,
          [=](Config& c, const toml::node& n) {
            if (!n.is_boolean()) return Bad(name, "true or false");
            c.*field = n.as_boolean()->get();
            return Status::Ok();
          },
          [=](Config& c, const std::string& v) {
            if (v == "1" || v == "true") {
              c.*field = true;
            } else if (v == "0" || v == "false") {
              c.*field = false;
            } else {
              return Bad(name, "true or false (or 1/0)");
            }
            return Status::Ok();
          }};
}

const std::vector<Key>& Keys() {
  static const std::vector<Key> keys = {
      StringKey("data_dir", &Config::data_dir),
      StringKey("listen", &Config::listen),
      NumberKey("threads", &Config::threads, 0, 256),
      StringKey("tls_cert", &Config::tls_cert),
      StringKey("tls_key", &Config::tls_key),
      StringKey("master_key_file", &Config::master_key_file),
      NumberKey("max_body_bytes", &Config::max_body_bytes, 1024, 64 << 20),
      NumberKey("max_message_bytes", &Config::max_message_bytes, 16, 1 << 20),
      NumberKey("session_ttl_hours", &Config::session_ttl_hours, 1, 24 * 90),
      BoolKey("demo", &Config::demo),
      StringKey("log_level", &Config::log_level),
      StringKey("default_tenant", &Config::default_tenant),
      StringKey("password_cost", &Config::password_cost),
      BoolKey("bot", &Config::bot),
      StringKey("sentiment_model", &Config::sentiment_model),
      StringKey("intent_model", &Config::intent_model),
      StringKey("time_zone", &Config::time_zone),
      StringKey("identity_secret", &Config::identity_secret),
      BoolKey("vip_to_human", &Config::vip_to_human),
  };
  return keys;
}

std::string EnvName(const char* key) {
  std::string out = "HUSHDESK_";
  for (const char* p = key; *p; ++p) out.push_back(static_cast<char>(std::toupper(*p)));
  return out;
}

Status Validate(const Config& c) {
  std::string host;
  unsigned short port = 0;
  HD_RETURN_IF_ERROR(c.SplitListen(host, port));
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return common::InvalidArgumentError("TLS needs both tls_cert and tls_key (or neither)");
  }
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error") {
    return Bad("log_level", "one of debug, info, warn, error");
  }
  if (c.password_cost != "interactive" && c.password_cost != "minimal") {
    return Bad("password_cost", "interactive or minimal");
  }
  if (c.data_dir.empty()) return Bad("data_dir", "a directory");
  return Status::Ok();
}

}  // namespace

Status Config::SplitListen(std::string& host, unsigned short& port) const {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return common::InvalidArgumentError("listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string p = listen.substr(colon + 1);
  char* end = nullptr;
  const long v = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || v < 0 || v > 65535) {
    return common::InvalidArgumentError("listen port must be a number from 0 to 65535");
  }
  port = static_cast<unsigned short>(v);
  return Status::Ok();
}

std::string Config::MasterKeyFile() const {
  return master_key_file.empty() ? data_dir + "/master.key" : master_key_file;
}

std::optional<std::string> GetEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

common::StatusOr<Config> LoadConfig(const std::string& file, const EnvLookup& env) {
  Config c;
  if (!file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      return common::InvalidArgumentError(file + ":" + std::to_string(where.line) + ":" +
                                          std::to_string(where.column) + ": " +
                                          std::string(e.description()));
    }
    for (const auto& [k, node] : table) {
      const std::string key(k.str());
      const Key* match = nullptr;
      for (const Key& candidate : Keys()) {
        if (key == candidate.name) match = &candidate;
      }
      if (match == nullptr) {
        return common::InvalidArgumentError(file + ": unknown configuration key \"" + key + "\"");
      }
      if (Status st = match->from_toml(c, node); !st.ok()) {
        return common::InvalidArgumentError(file + ": " + st.message());
      }
    }
  }
  for (const Key& k : Keys()) {
    const std::string name = EnvName(k.name);
    if (auto v = env(name)) {
      if (Status st = k.from_string(c, *v); !st.ok()) {
        return common::InvalidArgumentError(name + ": " + st.message());
      }
    }
  }
  HD_RETURN_IF_ERROR(Validate(c));
  return c;
}

}  // namespace hushdesk::server
