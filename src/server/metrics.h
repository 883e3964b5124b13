// Server metrics in the Prometheus text format. Counters and gauges are atomics; latencies go
// into fixed-bucket histograms. Nothing here carries personal data: only counts and durations.
//
// Thread-safety: all members are safe to update from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace hushdesk::server {

class Histogram {
 public:
  // Upper bounds in seconds, ascending; a last +Inf bucket is implied.
  static constexpr std::array<double, 14> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025,
                                                    0.005,  0.01,    0.025,  0.05,  0.1,
                                                    0.25,   0.5,     1.0,    2.5};
  void Observe(double seconds);
  void Render(std::string& out, const std::string& name, const std::string& help) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
};

struct Metrics {
  std::atomic<std::uint64_t> http_requests{0};
  std::atomic<std::uint64_t> http_client_errors{0};  // 4xx
  std::atomic<std::uint64_t> http_server_errors{0};  // 5xx
  std::atomic<std::uint64_t> messages_received{0};   // durable messages, all senders
  std::atomic<std::uint64_t> messages_rejected{0};   // refused at ingest (limits, UTF-8, auth)
  std::atomic<std::uint64_t> pii_items{0};           // items the gate replaced
  std::atomic<std::uint64_t> conversations_created{0};
  std::atomic<std::int64_t> http_connections{0};
  std::atomic<std::int64_t> ws_connections{0};
  std::atomic<std::uint64_t> ws_events_sent{0};
  std::atomic<std::uint64_t> ws_events_dropped{0};   // a slow subscriber's queue overflowed
  std::atomic<std::uint64_t> logins_failed{0};
  Histogram message_ack_seconds;  // receive → durable
  Histogram http_seconds;         // request read → response written

  // The Prometheus exposition; `store_commits`/`store_writes` come from the store's stats.
  std::string Render(std::uint64_t store_commits, std::uint64_t store_writes) const;
};

}  // namespace hushdesk::server
