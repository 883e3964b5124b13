// A real server on a free loopback port with a fresh data directory, and a small blocking
// HTTP/WebSocket client, for the server's integration tests.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "app/runtime.h"
#include "server/http_server.h"

namespace hushdesk::test {

struct HttpResult {
  int status = 0;
  std::string body;
  std::string content_type;
  boost::json::value json() const {
    boost::json::error_code ec;
    auto v = boost::json::parse(body, ec);
    return ec ? boost::json::value() : v;
  }
};

class TestServer {
 public:
  // Shared with "the company's backend" in tests that sign identity tokens.
  static constexpr const char* kIdentitySecret = "test identity secret, 32 bytes or more";

  // `bot`: the bot answers customers first (off by default so message counts stay simple).
  explicit TestServer(std::filesystem::path dir = {}, bool bot = false) : bot_(bot) {
    if (dir.empty()) {
      dir_ = std::filesystem::temp_directory_path() /
             ("hushdesk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
      std::filesystem::remove_all(dir_);
    } else {
      dir_ = dir;
    }
    Start();
  }
  ~TestServer() {
    Stop();
    if (owns_dir_) std::filesystem::remove_all(dir_);
  }

  void Start() {
    server::Config config;
    config.data_dir = dir_.string();
    config.listen = "127.0.0.1:0";
    config.demo = false;
    config.bot = bot_;
    config.password_cost = "minimal";
    config.log_level = "error";
    config.max_message_bytes = 4096;
    config.identity_secret = kIdentitySecret;
    std::ostringstream notice;
    auto rt = app::OpenRuntime(config, true, true, notice);
    if (!rt.ok()) throw std::runtime_error(rt.status().message());
    rt_ = std::move(*rt);
    server::HttpOptions http;
    http.host = "127.0.0.1";
    http.port = 0;
    http.threads = 2;
    http.max_body_bytes = 16 * 1024;
    server_ = std::make_unique<server::HttpServer>(http, *rt_->service, *rt_->store, rt_->metrics,
                                                   *rt_->logger);
    auto st = server_->Start();
    if (!st.ok()) throw std::runtime_error(st.message());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }

  void Stop() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
    rt_.reset();
  }

  app::Runtime& rt() { return *rt_; }
  unsigned short port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }
  void keep_dir() { owns_dir_ = false; }
  app::Runtime& runtime() { return *rt_; }

  HttpResult Call(boost::beast::http::verb method, const std::string& target,
                  const std::string& body = "", const std::string& bearer = "") {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    HttpResult out;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    out.content_type = std::string(res[http::field::content_type]);
    beast::error_code ec;
    stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    return out;
  }
  HttpResult Get(const std::string& target, const std::string& bearer = "") {
    return Call(boost::beast::http::verb::get, target, "", bearer);
  }
  HttpResult Post(const std::string& target, const boost::json::value& body,
                  const std::string& bearer = "") {
    return Call(boost::beast::http::verb::post, target, boost::json::serialize(body), bearer);
  }

  // A staff user, logged in: returns the session token.
  std::string Staff(const std::string& username, const std::string& role) {
    auto u = rt_->service->AddUser("", username, "correct horse battery", role, "test");
    if (!u.ok()) throw std::runtime_error(u.status().message());
    auto r = Post("/api/v1/auth/login",
                  boost::json::object{{"username", username}, {"password", "correct horse battery"}});
    return std::string(r.json().at("token").as_string());
  }

 private:
  static inline int counter_ = 0;
  bool bot_ = false;
  std::filesystem::path dir_;
  bool owns_dir_ = true;
  std::unique_ptr<app::Runtime> rt_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

}  // namespace hushdesk::test
