#include "server/log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

namespace hushdesk::server {
namespace {

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms.count()));
  return buf;
}

}  // namespace

Logger::Logger(const std::string& file, std::string_view level) {
  if (level == "debug") level_ = LogLevel::kDebug;
  if (level == "warn") level_ = LogLevel::kWarn;
  if (level == "error") level_ = LogLevel::kError;
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
  if (!file.empty()) {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::basic_file_sink_mt>(file));
    } catch (const spdlog::spdlog_ex&) {
      // Keep logging to stderr; the caller reports the unwritable directory.
    }
  }
  logger_ = std::make_shared<spdlog::logger>("hushdesk", sinks.begin(), sinks.end());
  logger_->set_pattern("%v");
  logger_->set_level(spdlog::level::trace);
  logger_->flush_on(spdlog::level::trace);
}

std::unique_ptr<Logger> Logger::Null() {
  auto l = std::unique_ptr<Logger>(new Logger());
  l->level_ = static_cast<LogLevel>(100);
  return l;
}

Logger::~Logger() = default;

void Logger::Log(LogLevel level, std::string_view event, boost::json::object fields) {
  if (!Enabled(level) || !logger_) return;
  boost::json::object line;
  line["time"] = NowIso();
  line["level"] = LevelName(level);
  line["event"] = event;
  for (auto& [k, v] : fields) line[k] = std::move(v);
  logger_->info(boost::json::serialize(line));
}

}  // namespace hushdesk::server
