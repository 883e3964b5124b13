// hushdesk: the single binary. Subcommands are registered from commands.h.
#include <sodium.h>

#include <cstdio>

#include "app/commands.h"

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "hushdesk: libsodium failed to initialize\n");
    return hushdesk::app::kExitFailure;
  }
  CLI::App app{"hushdesk: self-hosted, privacy-first customer service engine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hushdesk 0.1.0");
  int exit_code = hushdesk::app::kExitOk;
  hushdesk::app::RegisterDetect(app, exit_code);
  hushdesk::app::RegisterRedact(app, exit_code);
  hushdesk::app::RegisterEval(app, exit_code);
  hushdesk::app::RegisterBench(app, exit_code);
  hushdesk::app::RegisterKeys(app, exit_code);
  hushdesk::app::RegisterServe(app, exit_code);
  hushdesk::app::RegisterUser(app, exit_code);
  hushdesk::app::RegisterAudit(app, exit_code);
  hushdesk::app::RegisterKbImport(app, exit_code);
  hushdesk::app::RegisterIdentity(app, exit_code);
  hushdesk::app::RegisterNlu(app, exit_code);
  hushdesk::app::RegisterKb(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : hushdesk::app::kExitUsage;
  }
  return exit_code;
}
