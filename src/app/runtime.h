// Runtime: the server's parts wired together from a Config — the store, the audit log, the key
// ring, the privacy gate and the Service. Used by `serve`, `user add` and the server tests.
#pragma once

#include <iosfwd>
#include <memory>

#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/random.h"
#include "dialog/dialog.h"
#include "privacy/detector.h"
#include "privacy/gate.h"
#include "server/config.h"
#include "server/keyring.h"
#include "server/log.h"
#include "server/metrics.h"
#include "server/service.h"
#include "store/sqlite_store.h"

namespace hushdesk::app {

struct Runtime {
  server::Config config;
  common::SystemClock clock;
  common::SystemRandom random;
  std::unique_ptr<server::Logger> logger;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<privacy::Detector> detector;
  std::unique_ptr<privacy::Gate> gate;
  std::unique_ptr<server::KeyRing> keys;
  server::Metrics metrics;
  std::unique_ptr<dialog::Bot> bot;  // null when config.bot is false
  std::unique_ptr<server::Service> service;
};

// Opens the data directory of `config` (creating it), its database and master key. When the
// key file is missing and $HUSHDESK_MASTER_KEY is unset, a new key is created only if
// `create_key`, with a warning on `notice`. `log_to_file`: also write logs to
// <data_dir>/logs/hushdesk.log.
common::StatusOr<std::unique_ptr<Runtime>> OpenRuntime(const server::Config& config,
                                                       bool create_key, bool log_to_file,
                                                       std::ostream& notice);

// Seeds an empty database with demo users (admin and agent, random passwords), the demo
// knowledge base (src/web/demo-kb.md) and two demo conversations with synthetic personal data,
// already with agents. Prints the credentials on `out` once.
common::Status SeedDemo(Runtime& rt, std::ostream& out);

}  // namespace hushdesk::app
