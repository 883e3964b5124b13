// hushdesk-loadgen: N concurrent customer sessions against a running `hushdesk serve`.
//
// Each session opens a conversation (HTTP), connects its WebSocket with the customer token and
// then, closed loop, sends a message and waits for its acknowledgement — which the server
// sends only once the message is durable. Reports durable messages per second and the
// acknowledgement latency percentiles, then, in the same run, the server's /healthz request
// rate as the ceiling of the HTTP stack, and the server's memory per idle WebSocket session.
//
//   hushdesk-loadgen --server 127.0.0.1:8080 --sessions 2000 --seconds 10 [--json]
//                    [--record FILE]   (one line per acknowledged message: conversation,
//                                       customer token, message id — for the crash test)
#include <CLI/CLI.hpp>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Synthetic customer messages, zh and en, some with personal data.
const char* const kTexts[] = {
    "你好，我的订单20261122001还没有发货，能帮我查一下吗？",
    "我的手机号是13987654321，麻烦尽快联系我",
    "Hi, my package has not arrived yet, tracking says it is still in the warehouse.",
    "Please call me back on +44 20 7946 0321 about my refund.",
    "我想修改收货地址为浙江省杭州市西湖区文三路398号",
    "My email is demo.customer@example.com, I never got the invoice.",
    "退款什么时候到账？已经等了三天了",
    "Can I change the delivery date to next Monday?",
};

struct Conv {
  std::string id;
  std::string token;
};

struct Shared {
  tcp::endpoint endpoint;
  std::string host;
  enum Phase { kConnecting, kRunning, kDraining } phase = kConnecting;
  double per_session_interval_s = 0;  // open loop: seconds between one session's messages
  int connected = 0;
  int failed = 0;
  std::uint64_t acks = 0;
  std::uint64_t errors = 0;
  std::vector<double> latencies_ms;
  std::FILE* record = nullptr;
};

// Opens `n` conversations over one keep-alive connection.
std::vector<Conv> OpenConversations(tcp::endpoint ep, int n) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.connect(ep);
  beast::flat_buffer buf;
  std::vector<Conv> out;
  for (int i = 0; i < n; ++i) {
    http::request<http::string_body> req{http::verb::post, "/api/v1/conversations", 11};
    req.set(http::field::host, "loadgen");
    req.set(http::field::content_type, "application/json");
    req.body() = R"({"channel":"web"})";
    req.keep_alive(true);
    req.prepare_payload();
    http::write(s, req);
    http::response<http::string_body> res;
    http::read(s, buf, res);
    if (res.result() != http::status::created) {
      throw std::runtime_error("creating a conversation failed: " + res.body());
    }
    const json::value v = json::parse(res.body());
    out.push_back({std::string(v.at("id").as_string()), std::string(v.at("customer_token").as_string())});
  }
  return out;
}

double ServerRssBytes(tcp::endpoint ep) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.connect(ep);
  http::request<http::string_body> req{http::verb::get, "/metrics", 11};
  req.set(http::field::host, "loadgen");
  http::write(s, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(s, buf, res);
  const std::string& b = res.body();
  const auto pos = b.find("\nprocess_resident_memory_bytes ");
  if (pos == std::string::npos) return 0;
  return std::strtod(b.c_str() + pos + 31, nullptr);
}

asio::awaitable<void> Session(Shared& sh, Conv conv, int index) {
  auto ex = co_await asio::this_coro::executor;
  websocket::stream<beast::tcp_stream> ws(ex);
  beast::error_code ec;
  co_await beast::get_lowest_layer(ws).async_connect(sh.endpoint, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) {
    const std::string target = "/api/v1/ws?token=" + conv.token;
    co_await ws.async_handshake(sh.host, target, asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    ++sh.failed;
    co_return;
  }
  ++sh.connected;
  asio::steady_timer wait(ex);
  while (sh.phase == Shared::kConnecting) {
    wait.expires_after(std::chrono::milliseconds(20));
    co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  beast::flat_buffer buf;
  std::uint64_t seq = 0;
  ws.text(true);
  // Open loop: sessions start at spread-out phases and send on a fixed schedule; latency counts
  // from the scheduled time, so a slow server cannot hide queueing (no coordinated omission).
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(sh.per_session_interval_s));
  auto next = Clock::now() + (sh.per_session_interval_s > 0 ? interval * (index % 1000) / 1000 : Clock::duration{});
  while (sh.phase == Shared::kRunning) {
    if (sh.per_session_interval_s > 0) {
      wait.expires_at(next);
      co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (sh.phase != Shared::kRunning) break;
    }
    ++seq;
    const std::string frame = std::string(R"({"type":"message","ref":)") + std::to_string(seq) +
                              R"(,"text":)" + json::serialize(json::string(kTexts[(index + seq) % std::size(kTexts)])) + "}";
    const auto started = sh.per_session_interval_s > 0 ? next : Clock::now();
    next += interval;
    co_await ws.async_write(asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    while (true) {
      buf.clear();
      co_await ws.async_read(buf, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      const std::string_view got(static_cast<const char*>(buf.data().data()), buf.size());
      if (got.starts_with(R"({"type":"ack")")) {
        if (sh.phase == Shared::kRunning) {
          ++sh.acks;
          sh.latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        }
        if (sh.record) {
          const auto id_pos = got.find(R"("message":{"id":)");
          const long long id = id_pos == std::string_view::npos ? -1 : std::atoll(got.data() + id_pos + 16);
          std::fprintf(sh.record, "%s %s %lld\n", conv.id.c_str(), conv.token.c_str(), id);
        }
        break;
      }
      if (got.starts_with(R"({"type":"error")")) {
        ++sh.errors;
        break;
      }
      // Other frames (the echo of our own message to the conversation's subscribers) are skipped.
    }
    if (ec) break;
  }
  if (ec) ++sh.errors;
  co_await ws.async_close(websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<void> HealthClient(tcp::endpoint ep, const Clock::time_point& until, std::uint64_t& count) {
  auto ex = co_await asio::this_coro::executor;
  beast::tcp_stream s(ex);
  beast::error_code ec;
  co_await s.async_connect(ep, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  beast::flat_buffer buf;
  http::request<http::empty_body> req{http::verb::get, "/healthz", 11};
  req.set(http::field::host, "loadgen");
  req.keep_alive(true);
  while (Clock::now() < until) {
    co_await http::async_write(s, req, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    http::response<http::string_body> res;
    co_await http::async_read(s, buf, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    ++count;
  }
}

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hushdesk load generator: concurrent customer sessions, durable acks per second"};
  std::string server = "127.0.0.1:8080";
  int sessions = 2000;
  double seconds = 10;
  double health_seconds = 3;
  int health_connections = 64;
  bool as_json = false;
  std::string record;
  app.add_option("--server", server, "HOST:PORT of a running hushdesk serve");
  app.add_option("--sessions", sessions, "Concurrent customer sessions")->check(CLI::Range(1, 100000));
  app.add_option("--seconds", seconds, "Measured duration of the message phase");
  app.add_option("--health-seconds", health_seconds, "Duration of the /healthz phase (0 skips it)");
  app.add_option("--health-connections", health_connections, "Connections in the /healthz phase");
  double offered = 0;
  app.add_option("--rate", offered,
                 "Open loop: total messages per second, spread evenly over the sessions (default: "
                 "closed loop, each session sends as soon as its last message is acknowledged)");
  app.add_option("--record", record, "Write each acknowledged message (conversation, token, id) here");
  app.add_flag("--json", as_json, "Print one JSON object");
  CLI11_PARSE(app, argc, argv);

  const auto colon = server.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "--server must be HOST:PORT\n";
    return 2;
  }
  Shared sh;
  sh.host = server.substr(0, colon);
  try {
    sh.endpoint = tcp::endpoint(asio::ip::make_address(sh.host),
                                static_cast<unsigned short>(std::stoi(server.substr(colon + 1))));
  } catch (const std::exception&) {
    std::cerr << "--server must be an IP address and port, e.g. 127.0.0.1:8080\n";
    return 2;
  }
  if (offered > 0) sh.per_session_interval_s = sessions / offered;
  if (!record.empty()) {
    sh.record = std::fopen(record.c_str(), "w");
    if (!sh.record) {
      std::cerr << "cannot write " << record << "\n";
      return 3;
    }
  }

  std::vector<Conv> convs;
  double rss_before = 0;
  try {
    std::cerr << "opening " << sessions << " conversations…\n";
    convs = OpenConversations(sh.endpoint, sessions);
    rss_before = ServerRssBytes(sh.endpoint);
  } catch (const std::exception& e) {
    std::cerr << "setup failed: " << e.what() << "\n";
    return 3;
  }

  asio::io_context ioc(1);
  for (int i = 0; i < sessions; ++i) {
    asio::co_spawn(ioc, Session(sh, convs[static_cast<std::size_t>(i)], i), asio::detached);
  }
  // Run until every session is connected (or failed), then measure idle memory.
  while (sh.connected + sh.failed < sessions) ioc.run_one_for(std::chrono::milliseconds(50));
  double idle_bytes_per_session = 0;
  try {
    const double rss_idle = ServerRssBytes(sh.endpoint);
    if (rss_before > 0 && sh.connected > 0) idle_bytes_per_session = (rss_idle - rss_before) / sh.connected;
  } catch (const std::exception&) {
  }
  std::cerr << sh.connected << " sessions connected (" << sh.failed << " failed); sending for "
            << seconds << " s…\n";
  sh.phase = Shared::kRunning;
  const auto started = Clock::now();
  const auto until = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < until && !ioc.stopped()) ioc.run_one_for(std::chrono::milliseconds(20));
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  sh.phase = Shared::kDraining;
  const std::uint64_t acks = sh.acks;
  ioc.run_for(std::chrono::seconds(5));
  if (sh.record) std::fclose(sh.record);

  std::uint64_t health = 0;
  double health_rate = 0;
  if (health_seconds > 0) {
    asio::io_context hio(1);
    const auto health_until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(health_seconds));
    for (int i = 0; i < health_connections; ++i) {
      asio::co_spawn(hio, HealthClient(sh.endpoint, health_until, health), asio::detached);
    }
    const auto h0 = Clock::now();
    hio.run();
    health_rate = static_cast<double>(health) / std::chrono::duration<double>(Clock::now() - h0).count();
  }

  const double rate = static_cast<double>(acks) / elapsed;
  const double p50 = Percentile(sh.latencies_ms, 0.50);
  const double p99 = Percentile(sh.latencies_ms, 0.99);
  if (as_json) {
    json::object o;
    o["sessions"] = sessions;
    o["offered_rate"] = offered;
    o["connected"] = sh.connected;
    o["seconds"] = elapsed;
    o["durable_messages"] = acks;
    o["durable_messages_per_s"] = rate;
    o["ack_p50_ms"] = p50;
    o["ack_p99_ms"] = p99;
    o["errors"] = sh.errors;
    o["healthz_per_s"] = health_rate;
    o["messages_to_healthz_ratio"] = health_rate > 0 ? rate / health_rate : 0;
    o["idle_session_bytes"] = idle_bytes_per_session;
    std::cout << json::serialize(o) << "\n";
  } else {
    std::printf("sessions %d (connected %d), %.1f s, %s\n", sessions, sh.connected, elapsed,
                offered > 0 ? ("open loop at " + std::to_string(static_cast<long>(offered)) + " msgs/s").c_str()
                         : "closed loop");
    std::printf("durable messages: %llu, %.0f /s; ack latency p50 %.2f ms, p99 %.2f ms; errors %llu\n",
                static_cast<unsigned long long>(acks), rate, p50, p99,
                static_cast<unsigned long long>(sh.errors));
    if (health_seconds > 0) {
      std::printf("/healthz: %.0f /s (%d connections) — messages/healthz ratio %.3f\n", health_rate,
                  health_connections, health_rate > 0 ? rate / health_rate : 0);
    }
    std::printf("server memory per idle WebSocket session: %.1f KB\n", idle_bytes_per_session / 1024);
  }
  return sh.connected > 0 ? 0 : 3;
}
