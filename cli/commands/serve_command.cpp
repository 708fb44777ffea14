// `flowc serve PATH...` runs flows on their `schedule` lines until SIGINT/SIGTERM: checks every
// flow first, refuses `after` cycles, reloads on SIGHUP or when a served file changes.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/flows/flow_connectors.hpp"
#include "cli/flows/load_flow.hpp"
#include "cli/stop_signals.hpp"
#include "connectors/list.hpp"
#include "runtime/scheduler/served_flows.hpp"
#include "runtime/scheduler/serve_loop.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/interpreter/recording/state_session.hpp"

namespace flowc::cli {
namespace {

using runtime::scheduler::FlowSet;

struct ServeCommandOptions {
  std::vector<std::string> paths;
  std::string state;
  std::string log_format = "text";
  std::string env_file;
  double stop_timeout_seconds = 30;
};

// Prints what loading the served files found: an error about one file as its diagnostics are
// printed, one about the whole set with flowc's error prefix.
void print_served_note(const runtime::scheduler::ServedNote& note) {
  if (note.error && note.file.empty()) {
    print_error(note.message);
  } else if (note.file.empty()) {
    fmt::print(stderr, "flowc: note: {}\n", note.message);
  } else {
    fmt::print(stderr, "{}: {}: {}\n", note.file, note.error ? "error" : "note", note.message);
  }
}

std::optional<ir::Flow> flow_of(const std::string& file) {
  std::optional<LoadedFlow> loaded = try_load_flow(file);
  if (!loaded) return std::nullopt;
  return std::move(loaded->flow);
}

int serve_command(const ServeCommandOptions& options) {
  load_env_file_option(options.env_file);
  auto served = std::make_shared<runtime::scheduler::ServedFlows>(options.paths, flow_of, print_served_note);
  std::optional<FlowSet> flows = served->load();
  if (!flows) throw FlowErrors();
  stop_adding_connectors();
  const std::filesystem::path state = runtime::state_path(options.state);
  // Created (or migrated) once, now: a bad path is reported before serving, and runs of several
  // flows that start on one tick do not race to create the schema.
  runtime::state::StateStore{state};

  runtime::scheduler::ServeOptions serve;
  serve.connectors = &runtime::connectors::installed_connectors();
  serve.state = state;
  serve.stop_deadline = std::chrono::milliseconds(static_cast<std::int64_t>(options.stop_timeout_seconds * 1000));
  serve.reload = [served] { return served->load(); };
  serve.fingerprint = [&options] { return runtime::scheduler::served_fingerprint(options.paths); };
  runtime::scheduler::ServeLog log(stdout, options.log_format == "json");
  runtime::scheduler::ServeLoop loop(std::move(serve), log);
  // Taken before any run's thread starts, so that the serve loop learns of them through its
  // condition variable.
  StopSignals signals(StopHandlers{[&loop](int) { loop.request_stop(); }, [&loop] { loop.request_reload(); }, {}});
  bool clean = false;
  try {
    clean = loop.run(std::move(*flows));
  } catch (const std::exception& e) {
    // Not left to main: runs may still be going on threads of their own, whose objects unwinding
    // would wait for; end the process from here.
    print_error(e.what());
    std::fflush(stdout);
    _exit(kExitSystem);
  }
  if (!clean) {
    // Runs past the deadline cannot be joined; their lock dies with the process and the next
    // run finds them interrupted.
    std::fflush(stdout);
    _exit(kExitSystem);
  }
  return kExitOk;
}

}  // namespace

void register_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "Run flows on their `schedule` lines until SIGINT/SIGTERM (SIGHUP or a file change reloads them)");
  serve->add_option("paths", options->paths, ".flow files, or folders searched for *.flow")
      ->required()
      ->check(CLI::ExistingPath);
  add_state_option(*serve, options->state);
  add_log_format_option(*serve, options->log_format);
  add_env_file_option(*serve, options->env_file);
  serve
      ->add_option("--stop-timeout", options->stop_timeout_seconds,
                   "Seconds that rows in flight may take to finish after SIGINT/SIGTERM (default 30)")
      ->check(CLI::PositiveNumber);
  serve->callback([options, &exit_code] { exit_code = serve_command(*options); });
}

}  // namespace flowc::cli
