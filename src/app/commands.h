// The subcommands of the `hushdesk` binary. Each Register* adds one subcommand (and its
// options) to the CLI11 app; the callback runs the command and stores its exit code.
#pragma once

#include <CLI/CLI.hpp>

namespace hushdesk::app {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;   // the input had an error (named on stderr)
inline constexpr int kExitUsage = 2;      // bad flags or configuration
inline constexpr int kExitFailure = 3;    // an environment failure (I/O, missing data)

void RegisterDetect(CLI::App& app, int& exit_code);
void RegisterRedact(CLI::App& app, int& exit_code);
void RegisterEval(CLI::App& app, int& exit_code);
void RegisterBench(CLI::App& app, int& exit_code);
void RegisterKeys(CLI::App& app, int& exit_code);
void RegisterServe(CLI::App& app, int& exit_code);
void RegisterUser(CLI::App& app, int& exit_code);
void RegisterAudit(CLI::App& app, int& exit_code);
void RegisterKbImport(CLI::App& app, int& exit_code);
void RegisterIdentity(CLI::App& app, int& exit_code);
// Adds `train intent` and `eval intent` (call after RegisterEval).
void RegisterNlu(CLI::App& app, int& exit_code);
// Adds `eval kb` (call after RegisterEval).
void RegisterKb(CLI::App& app, int& exit_code);

}  // namespace hushdesk::app
