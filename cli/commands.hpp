// Each flowc command lives in its own file and registers itself on the CLI11 app here.
#pragma once

#include <CLI/CLI.hpp>

namespace flowc::cli {

// Named exit codes, shared by every command.
enum ExitCode : int {
  kExitOk = 0,
  kExitFlowErrors = 1,        // check/compile: the flow has errors; test: a test failed
  kExitUsage = 2,             // bad command line, unreadable file, other system failures
  kExitUnhandledFailure = 3,  // run: a send failed and no `if` looked at its result
  kExitSystem = 4,            // run: I/O or network failure outside any send
  kExitRowErrors = 5,         // run: rows stopped on their data (unreadable, no key, a repeated key, ...)
  kExitStoppedAfterFailures = 6,  // run: `stop_after_failures` rows in a row failed the same way
  // run: stopped by a signal: 128 + its number (130 for Ctrl-C, 143 for SIGTERM), as shells do
};

// Each register_* adds one subcommand whose callback stores its exit code in `exit_code`.
void register_check_command(CLI::App& app, int& exit_code);
void register_compile_command(CLI::App& app, int& exit_code);
void register_run_command(CLI::App& app, int& exit_code);  // run, retry
void register_sandbox_command(CLI::App& app, int& exit_code);
void register_history_commands(CLI::App& app, int& exit_code);  // runs, show
void register_explain_command(CLI::App& app, int& exit_code);
void register_connectors_command(CLI::App& app, int& exit_code);
// `connectors check FILE...` and `connectors new NAME`, under the `connectors` command.
void register_connector_files_commands(CLI::App& connectors, int& exit_code);
void register_connector_cases_command(CLI::App& connectors, int& exit_code);
void register_graph_command(CLI::App& app, int& exit_code);
void register_fmt_command(CLI::App& app, int& exit_code);
void register_test_command(CLI::App& app, int& exit_code);
void register_serve_command(CLI::App& app, int& exit_code);
void register_schedule_command(CLI::App& app, int& exit_code);

}  // namespace flowc::cli
