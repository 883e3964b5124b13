#include "server/metrics.h"

#include <unistd.h>

#include <cstdio>

namespace hushdesk::server {
namespace {

void Line(std::string& out, const std::string& name, const char* type, const std::string& help,
          double value) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  out += name + " " + buf + "\n";
}

}  // namespace

void Histogram::Observe(double seconds) {
  std::size_t i = 0;
  while (i < kBounds.size() && seconds > kBounds[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, const std::string& name, const std::string& help) const {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
  std::uint64_t cumulative = 0;
  char buf[128];
  for (std::size_t i = 0; i <= kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    if (i < kBounds.size()) {
      std::snprintf(buf, sizeof buf, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), kBounds[i],
                    static_cast<unsigned long long>(cumulative));
    } else {
      std::snprintf(buf, sizeof buf, "%s_bucket{le=\"+Inf\"} %llu\n", name.c_str(),
                    static_cast<unsigned long long>(cumulative));
    }
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%s_sum %.6f\n%s_count %llu\n", name.c_str(),
                static_cast<double>(sum_micros_.load()) / 1e6, name.c_str(),
                static_cast<unsigned long long>(count_.load()));
  out += buf;
}

std::string Metrics::Render(std::uint64_t store_commits, std::uint64_t store_writes) const {
  std::string out;
  auto d = [](const auto& a) { return static_cast<double>(a.load(std::memory_order_relaxed)); };
  Line(out, "hushdesk_http_requests_total", "counter", "HTTP requests served.", d(http_requests));
  Line(out, "hushdesk_http_client_errors_total", "counter", "HTTP responses with a 4xx status.",
       d(http_client_errors));
  Line(out, "hushdesk_http_server_errors_total", "counter", "HTTP responses with a 5xx status.",
       d(http_server_errors));
  Line(out, "hushdesk_messages_total", "counter", "Messages stored durably.",
       d(messages_received));
  Line(out, "hushdesk_messages_rejected_total", "counter", "Messages refused at ingest.",
       d(messages_rejected));
  Line(out, "hushdesk_pii_items_total", "counter",
       "Personal data items replaced by vault tokens at the gate.", d(pii_items));
  Line(out, "hushdesk_conversations_created_total", "counter", "Conversations opened.",
       d(conversations_created));
  Line(out, "hushdesk_http_connections", "gauge", "Open HTTP connections.", d(http_connections));
  Line(out, "hushdesk_websocket_connections", "gauge", "Open WebSocket connections.",
       d(ws_connections));
  Line(out, "hushdesk_websocket_events_sent_total", "counter", "Events sent to subscribers.",
       d(ws_events_sent));
  Line(out, "hushdesk_websocket_events_dropped_total", "counter",
       "Events dropped because a subscriber fell too far behind.", d(ws_events_dropped));
  Line(out, "hushdesk_logins_failed_total", "counter", "Failed logins.", d(logins_failed));
  Line(out, "hushdesk_store_commits_total", "counter", "Store transactions committed.",
       static_cast<double>(store_commits));
  Line(out, "hushdesk_store_writes_total", "counter",
       "Store write operations (batched into commits).", static_cast<double>(store_writes));
  {
    // Resident memory of the process, from /proc (Linux).
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
      if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
      std::fclose(f);
    }
    Line(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
         static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)));
  }
  message_ack_seconds.Render(out, "hushdesk_message_ack_seconds",
                             "Time from receiving a message to it being durable.");
  http_seconds.Render(out, "hushdesk_http_request_seconds", "HTTP request handling time.");
  return out;
}

}  // namespace hushdesk::server
