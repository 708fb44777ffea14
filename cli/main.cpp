// flowc: check, compile and run .flow integrations.
#include <set>
#include <string>

#include <CLI/CLI.hpp>

#include "base/env_file.hpp"
#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/flows/flow_connectors.hpp"
#include "compiler/catalog/builtin_catalog.hpp"
#include "runtime/interpreter/malloc_tuning.hpp"

namespace {

// Any other failure of the system (state, I/O, network outside any send, a port in use): code 4
// for the commands that run flows or read their history, code 2 for the others, which fail so
// before running anything (docs/language.md, "Exit codes").
int system_failure_code(const CLI::App& app) {
  static const std::set<std::string> kRunning{"run", "retry", "serve", "runs", "show"};
  for (const CLI::App* command : app.get_subcommands()) {
    if (kRunning.contains(command->get_name())) return flowc::cli::kExitSystem;
  }
  return flowc::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  flowc::runtime::keep_freed_memory_for_reuse();
  flowc::manifest::install_builtin_catalog();  // the connectors every command checks and runs against
  CLI::App app{"flowc: a declarative workflow compiler and runner"};
  app.set_version_flag("--version", FLOWC_VERSION);
  app.require_subcommand(1);
  // Options of flowc itself (--connectors) may follow the command: `flowc run --connectors DIR x.flow`.
  app.fallthrough(true);
  app.add_option("--connectors", flowc::cli::connector_folder_options(),
                 "A folder of connector manifests to add (repeatable; also FLOWC_CONNECTORS, and a `connectors/` "
                 "folder beside the flow)")
      ->type_name("DIR")
      ->allow_extra_args(false);  // one folder per --connectors: the flow's path after it stays the command's

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

  // The one place where a command's failure becomes a message and an exit code.
  using namespace flowc::cli;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const CommandError& e) {
    if (*e.what() != '\0') print_error(e.what());
    return e.code();
  } catch (const flowc::EnvFileError& e) {
    print_error(e.what());
    return kExitUsage;

  } catch (const std::exception& e) {
    print_error(e.what());
    return system_failure_code(app);
  }
  return exit_code;
}
