// `flowc serve PATH...` runs flows on their `schedule` lines until SIGINT/SIGTERM: checks every
// flow first, refuses `after` cycles, reloads on SIGHUP or when a served file changes.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/load_flow.hpp"
#include "base/redactor.hpp"
#include "cli/stop_signals.hpp"
#include "runtime/scheduler/serve_loop.hpp"
#include "runtime/state/state_store.hpp"
#include "runtime/state_session.hpp"

namespace flowc::cli {
namespace {

namespace fs = std::filesystem;
using runtime::scheduler::FlowSet;

struct ServeCommandOptions {
  std::vector<std::string> paths;
  std::string state;
  std::string log_format = "text";
  std::string env_file;
  double stop_timeout_seconds = 30;
};

// The served files: each file named, and every *.flow under each folder named, in path order.
std::vector<fs::path> served_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::is_directory(path, error)) {
      files.emplace_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& entry :
         fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, error)) {
      if (entry.is_regular_file(error) && entry.path().extension() == ".flow") found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string fingerprint(const std::vector<std::string>& paths) {
  std::string text;
  for (const fs::path& file : served_files(paths)) {
    std::error_code error;
    const auto written = fs::last_write_time(file, error);
    text += fmt::format("{}:{};", file.string(), error ? -1 : written.time_since_epoch().count());
  }
  return text;
}

// The flow each served file gave when it last compiled, so that a reload that catches a file
// half-edited (or broken) keeps serving its previous version instead of dropping it.
using LastGood = std::map<std::string, std::shared_ptr<const ir::Flow>>;

// Compiles every served file, printing all diagnostics; nullopt when nothing can be served.
std::optional<FlowSet> load_flows(const std::vector<std::string>& paths, LastGood& last_good) {
  const std::vector<fs::path> files = served_files(paths);
  if (files.empty()) {
    print_error(fmt::format("no .flow files in {}", fmt::join(paths, ", ")));
    return std::nullopt;
  }
  FlowSet flows;
  std::map<std::string, std::string> file_of_flow;
  bool errors = false;
  for (const fs::path& file : files) {
    std::optional<LoadedFlow> compiled = try_load_flow(file.string());
    std::shared_ptr<const ir::Flow> flow;
    if (compiled) {
      flow = std::make_shared<const ir::Flow>(std::move(compiled->flow));
      last_good[file.string()] = flow;
    } else if (const auto previous = last_good.find(file.string()); previous != last_good.end()) {
      fmt::print(stderr, "{}: note: still serving the version of flow \"{}\" that compiled before\n", file.string(),
                 previous->second->name);
      flow = previous->second;
    } else {
      errors = true;
      continue;
    }
    // Two files of one name would share state and lock: refuse rather than guess.
    const auto [earlier, added] = file_of_flow.emplace(flow->name, file.string());
    if (!added) {
      fmt::print(stderr, "{}: error: flow \"{}\" is also defined in {}; flow names must differ\n", file.string(),
                 flow->name, earlier->second);
      errors = true;
      continue;
    }
    if (flow->schedules.empty()) {
      fmt::print(stderr, "{}: note: flow \"{}\" has no schedule line; it runs only with `flowc run`\n", file.string(),
                 flow->name);
    }
    flows.push_back(flow);
  }
  std::vector<runtime::scheduler::ScheduledFlow> scheduled;
  for (const auto& flow : flows) scheduled.push_back({flow->name, flow->schedules});
  const std::vector<std::string> cycles = runtime::scheduler::after_cycles(scheduled);
  for (const std::string& cycle : cycles) {
    print_error(fmt::format("`schedule after` forms a cycle: {}; these flows would run one another forever", cycle));
  }
  if (!cycles.empty()) return std::nullopt;
  const bool any_scheduled =
      std::any_of(flows.begin(), flows.end(), [](const auto& flow) { return !flow->schedules.empty(); });
  if (!any_scheduled) {
    print_error(fmt::format("{} to serve", errors ? "no valid flow" : "no flow has a schedule line"));
    return std::nullopt;
  }
  if (errors) fmt::print(stderr, "flowc: serving the valid flows; the others are left out until fixed\n");
  return flows;
}

int serve_command(const ServeCommandOptions& options) {
  load_env_file_option(options.env_file);
  auto last_good = std::make_shared<LastGood>();
  std::optional<FlowSet> flows = load_flows(options.paths, *last_good);
  if (!flows) throw FlowErrors();
  const std::filesystem::path state = runtime::state_path(options.state);
  // Created (or migrated) once, now: a bad path is reported before serving, and runs of several
  // flows that start on one tick do not race to create the schema.
  runtime::state::StateStore{state};

  runtime::scheduler::ServeOptions serve;
  serve.state = state;
  serve.stop_deadline = std::chrono::milliseconds(static_cast<std::int64_t>(options.stop_timeout_seconds * 1000));
  serve.reload = [&options, last_good] { return load_flows(options.paths, *last_good); };
  serve.fingerprint = [&options] { return fingerprint(options.paths); };
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
