// flowc: check, compile and run .flow integrations.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "runtime/interpreter/malloc_tuning.hpp"

int main(int argc, char** argv) {
  flowc::runtime::keep_freed_memory_for_reuse();
  CLI::App app{"flowc: a declarative workflow compiler and runner"};
  app.set_version_flag("--version", FLOWC_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  int exit_code = flowc::cli::kExitOk;
  flowc::cli::register_check_command(app, exit_code);
  flowc::cli::register_compile_command(app, exit_code);
  flowc::cli::register_run_command(app, exit_code);
  flowc::cli::register_history_commands(app, exit_code);
  flowc::cli::register_sandbox_command(app, exit_code);
  flowc::cli::register_explain_command(app, exit_code);
  flowc::cli::register_connectors_command(app, exit_code);
  flowc::cli::register_graph_command(app, exit_code);
  flowc::cli::register_fmt_command(app, exit_code);
  flowc::cli::register_test_command(app, exit_code);
  flowc::cli::register_serve_command(app, exit_code);
  flowc::cli::register_schedule_command(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? flowc::cli::kExitOk : flowc::cli::kExitUsage;
  }
  return exit_code;
}
