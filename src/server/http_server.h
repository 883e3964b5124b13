// HttpServer: HTTP/1.1 and WebSocket on one port (Boost.Beast on Asio, C++20 coroutines),
// TLS when a certificate is configured. Decodes requests, calls the Service, encodes JSON and
// application/problem+json errors, serves the browser UI, /healthz and /metrics, and fans live
// events out to WebSocket subscribers. docs/api.md describes the API.
//
// Thread-safety: Start, then Run on one thread (it runs the I/O threads); Stop from any thread
// or a signal handler thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "common/status.h"
#include "server/log.h"
#include "server/metrics.h"
#include "server/service.h"

namespace hushdesk::server {

struct HttpOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see HttpServer::port)
  int threads = 1;
  std::size_t max_body_bytes = 64 * 1024;
  std::string tls_cert;  // PEM; TLS when both are set
  std::string tls_key;
};

class HttpServer {
 public:
  // All borrowed. `stats` reads the store's counters for /metrics.
  HttpServer(HttpOptions options, Service& service, store::Store& store, Metrics& metrics,
             Logger& logger);
  ~HttpServer();

  // Binds and listens. Unavailable when the address is taken; InvalidArgument for TLS files
  // that cannot be loaded.
  common::Status Start();
  // The bound port (after Start).
  unsigned short port() const;
  // Serves until Stop; uses `threads` threads including the caller's.
  void Run();
  // Stops accepting, closes WebSockets, lets requests in flight finish (up to 5 s), then
  // returns from Run.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hushdesk::server
