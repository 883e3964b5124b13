// Structured logs: one JSON object per line on stderr and in <data_dir>/logs/hushdesk.log.
// Callers pass ids, tokens, counts and durations only — never message text, request bodies,
// query strings or credentials.
//
// Thread-safety: safe from any thread (spdlog's multi-threaded sinks).
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace hushdesk::server {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

class Logger {
 public:
  // Logs to stderr, and to `file` when not empty. `level`: debug, info, warn or error.
  Logger(const std::string& file, std::string_view level);
  // A logger that writes nowhere (tests).
  static std::unique_ptr<Logger> Null();
  ~Logger();

  bool Enabled(LogLevel level) const { return level >= level_; }
  // Writes {"time":…,"level":…,"event":event, …fields}.
  void Log(LogLevel level, std::string_view event, boost::json::object fields = {});

 private:
  Logger() = default;
  LogLevel level_ = LogLevel::kInfo;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace hushdesk::server
