// `flowc run` runs a flow now, row by row, handling only rows new since earlier runs;
// `--dry-run` shows the requests, `--seed` marks the current rows handled, `--sandbox` runs
// against the built-in stand-ins. `flowc retry` redoes rows with unhandled failures and rows
// held after a crash; `--mark-done` settles them without sending.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "base/redactor.hpp"
#include "base/temp_folder.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/run/fault_options.hpp"
#include "cli/flows/load_flow.hpp"
#include "cli/run/row_option.hpp"
#include "cli/run/run_interrupt.hpp"
#include "cli/run/run_printer.hpp"
#include "cli/run/sandbox_run.hpp"
#include "connectors/list.hpp"
#include "runtime/interpreter/env_preflight.hpp"
#include "runtime/interpreter/flow_runner.hpp"
#include "runtime/interpreter/interpreter.hpp"
#include "runtime/interpreter/recording/state_session.hpp"
#include "tools/sandbox/stand_ins.hpp"

namespace flowc::cli {
namespace {

using runtime::RunMode;

struct RunCommandOptions {
  std::string file;
  RunMode mode = RunMode::Normal;
  bool dry_run = false;
  bool seed = false;
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> row;
  std::string env_file;
  bool verbose = false;
  std::string log_format = "text";
  std::string state;
  bool no_wait = false;
  std::string retry_run;  // retry: only rows of this run; run --again: the rows of this run
  bool again = false;      // run: rows handled before, run again on purpose
  bool mark_done = false;  // retry: record the rows as done instead of sending
  bool sandbox = false;
  sandbox::Faults faults;
  double stop_timeout_seconds = 30;  // how long rows in flight may take after Ctrl-C / SIGTERM
};

int exit_code_for(const runtime::FlowRunResult& result) {
  if (result.summary.unhandled_failure() || !result.held.empty()) return kExitUnhandledFailure;
  return result.summary.rows_with_errors > 0 ? kExitRowErrors : kExitOk;
}

std::string_view trigger_for(RunMode mode) {
  switch (mode) {
    case RunMode::Normal: return "manual";
    case RunMode::Seed: return "seed";
    case RunMode::Retry: return "retry";
    case RunMode::MarkDone: return "mark-done";
    case RunMode::Again: return "again";
  }
  return "manual";
}

// What `flowc runs` and `flowc show` record as the trigger of a run made with --again: that the
// rows ran again on purpose, and which.
std::string trigger_for(const RunCommandOptions& options) {
  if (options.mode != RunMode::Again) return std::string(trigger_for(options.mode));
  if (!options.retry_run.empty()) return fmt::format("again: rows of run {}", options.retry_run);
  return fmt::format("again: row {}", options.row.value_or(0));
}

// `--again` runs rows that were handled, so it must say which; `--run` picks rows only with it.
std::optional<std::string> again_usage_error(const RunCommandOptions& options) {
  if (options.again && options.seed) return "--again and --seed cannot go together";
  if (options.again && !options.row && options.retry_run.empty()) {
    return "--again needs --row N or --run RUN_ID: it sends rows that were handled before, so it names them";
  }
  if (!options.again && !options.retry_run.empty()) {
    return "--run needs --again (`flowc retry --run RUN_ID` redoes only the rows that need it)";
  }
  return std::nullopt;
}

// Held rows need a person: say which, why, and the two ways out. On stderr, so it reaches a
// terminal or a log whatever --log-format says; the exit code (3) tells scripts.
void warn_held_rows(const std::vector<runtime::state::RowOutcome>& held, const std::string& file) {
  if (held.empty()) return;
  constexpr std::size_t kListed = 20;
  std::string rows;
  for (std::size_t i = 0; i < held.size() && i < kListed; ++i) {
    rows += fmt::format("\n  row {}: {} (run {})", held[i].row.row_number,
                        runtime::state::held_reason(held[i].row.error), held[i].run_id);
  }
  if (held.size() > kListed) {
    rows += fmt::format("\n  ... and {} more (`flowc show RUN` marks them [held])", held.size() - kListed);
  }
  fmt::print(stderr,
             "flowc: warning: {} row{} held: a run stopped in the middle of the row, after or during a send that "
             "must not be repeated, so no run sends it again on its own:{}\n"
             "Check the service, then `flowc retry {} --row N` to make the row's sends again, or add `--mark-done` "
             "if what they did arrived (without --row: every row listed for retry).\n",
             held.size(), held.size() == 1 ? " is" : "s are", rows, file);
}

PrintOptions print_options(const RunCommandOptions& options) {
  PrintOptions print;
  print.json = options.log_format == "json";
  print.verbose = options.verbose;
  print.dry_run = options.dry_run;
  print.every_row = options.sandbox;  // a try-out: show the path every row took
  print.progress = !print.json && !options.dry_run && isatty(STDERR_FILENO) != 0;
  return print;
}

// Every variable the run reads, checked before its first row: an unset one would fail each row's
// send, and a flow whose `if` handles that failure would mark every row handled. A run that sends
// nothing (dry run, seed) needs only what reading the rows needs; a dry run shows the others as
// `<unset env.NAME>`.
std::vector<runtime::EnvRead> unset_env_for(const ir::Flow& flow, const RunCommandOptions& options) {
  if (options.mode == RunMode::MarkDone) return {};
  const bool sends = !options.dry_run && options.mode != RunMode::Seed;
  return runtime::unset_env(flow, sends ? runtime::EnvReach::Everything : runtime::EnvReach::Source);
}

// Runs `flow` with state (unless a dry run), printing as asked. Throws UsageError on what the
// command line asked wrongly, other exceptions on system failures.
int execute(const ir::Flow& flow, const RunCommandOptions& options) {
  runtime::FlowRunRequest request;
  request.mode = options.mode;
  request.run.connectors = &runtime::connectors::installed_connectors();
  request.run.dry_run = options.dry_run;
  request.run.limit = options.limit;
  request.run.only_row = options.row;
  request.trigger = trigger_for(options);
  request.wait_for_lock = !options.no_wait;
  if (!options.retry_run.empty()) request.retry_run = options.retry_run;
  // A sandbox run keeps its state in a folder of its own, removed when the command ends, so trying
  // a flow again shows the same rows as new and never marks the real flow's rows handled.
  std::optional<TempFolder> scratch;
  if (options.sandbox && options.state.empty()) scratch.emplace("flowc-sandbox");
  request.state = scratch ? scratch->path() / "state.db" : runtime::state_path(options.state);
  std::optional<SandboxRun> sandbox;
  // Published only once `sandbox` is built: the signal thread must never look at it half made.
  std::atomic<const SandboxRun*> started_sandbox{nullptr};
  // Before the sandbox starts its threads: they must inherit the blocked signals. A run ended at
  // once leaves none of the sandbox's temporary files behind either, although this thread may
  // still be writing into them (remove_folder tries until they are gone).
  const RunInterrupt interrupt(std::chrono::milliseconds(static_cast<std::int64_t>(options.stop_timeout_seconds * 1000)),
                               [&scratch, &started_sandbox] {
                                 if (scratch) scratch->remove();
                                 if (const SandboxRun* run = started_sandbox.load()) run->discard_files();
                               });
  request.run.stop = interrupt.flag();

  const PrintOptions print = print_options(options);
  RunPrinter printer(flow, print);
  if (options.sandbox) {
    sandbox.emplace(flow, options.file, options.faults);
    started_sandbox = &*sandbox;
    sandbox->configure(request.run);
    if (!print.json) fmt::print("sandbox: {} at {}\n\n", flowc::sandbox::stand_in_titles(), sandbox->base_url());
  }
  if (const auto unset = unset_env_for(flow, options); !unset.empty()) {
    throw UsageError(runtime::unset_env_message(flow, unset));
  }

  const runtime::FlowRunResult result = runtime::run_flow_with_state(flow, request, printer);
  warn_held_rows(result.held, options.file);
  if (options.mode == RunMode::MarkDone) {
    fmt::print("{} of {} listed row{} marked done without sending (run {})\n", result.summary.rows_done,
               result.rows_to_retry, result.rows_to_retry == 1 ? "" : "s", result.summary.run_id);
    return kExitOk;
  }
  if (options.mode == RunMode::Retry && !print.json) {
    fmt::print("{} row{} to retry\n", result.rows_to_retry, result.rows_to_retry == 1 ? "" : "s");
  }
  if (options.mode == RunMode::Again && !options.retry_run.empty() && !print.json) {
    fmt::print("{} row{} of run {} to run again\n", result.rows_to_retry, result.rows_to_retry == 1 ? "" : "s",
               options.retry_run);
  }
  printer.print_summary(result.summary);
  if (sandbox && !print.json) {
    fmt::print("\nWhat the sandbox received:\n{}", redactor().redact(sandbox->report()));
  }
  if (interrupt.exit_code() != 0) return interrupt.exit_code();
  if (result.summary.stopped_after_failures) {
    throw CommandError(kExitStoppedAfterFailures,
                       fmt::format("the run stopped early: {}. Run it again once the cause is fixed.",
                                   result.summary.stopped_because));
  }
  if (options.row) {
    if (const auto problem = missing_row_problem(*options.row, result.summary)) throw UsageError(*problem);
  }
  return exit_code_for(result);  // a dry run or a seed sends nothing, but may meet rows with errors
}

int run_command(const RunCommandOptions& options) {
  load_env_file_option(options.env_file);
  return execute(load_flow(options.file).flow, options);
}

void add_common_run_options(CLI::App& command, RunCommandOptions& options) {
  command.add_option("file", options.file, "The .flow file or IR .json file")->required()->check(CLI::ExistingFile);
  command.add_option("--limit", options.limit, "Stop after this many rows new to the flow (rows already handled do not count)");
  command.add_option("--row", options.row, "Run only the row with this number");
  add_env_file_option(command, options.env_file);
  command.add_flag("-v,--verbose", options.verbose, "Print each request and response (redacted) and every row");
  add_log_format_option(command, options.log_format);
  add_state_option(command, options.state);
  command.add_flag("--no-wait", options.no_wait, "Refuse to start while another run of the flow holds its lock");
  command
      .add_option("--stop-timeout", options.stop_timeout_seconds,
                  "Seconds that rows in flight may take to finish after Ctrl-C/SIGTERM (default 30)")
      ->check(CLI::PositiveNumber);
}

}  // namespace

void register_run_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* run = app.add_subcommand("run", "Run a flow now over its new rows (a .flow file or IR from `flowc compile`)");
  add_common_run_options(*run, *options);
  run->add_flag("--dry-run", options->dry_run,
                "Render and print every request each row would make (secrets redacted); send nothing");
  run->add_flag("--seed", options->seed, "Mark every current row handled without sending anything");
  run->add_flag("--again", options->again,
                "Run rows again on purpose although they were handled: the row of --row N, or the rows of --run "
                "RUN_ID; history records the run's trigger as `again`");
  run->add_option("--run", options->retry_run, "With --again: every row this run recorded (see `flowc runs`)");
  run->add_flag("--sandbox", options->sandbox,
                "Run against the built-in sandbox (" + flowc::sandbox::stand_in_titles() +
                    " on loopback), seeded from the data/ folder beside the flow; no accounts or network needed");
  add_fault_options(*run, options->faults);
  run->callback([options, &exit_code] {
    if (const std::optional<std::string> error = again_usage_error(*options)) throw UsageError(*error);
    options->mode = options->seed ? RunMode::Seed : options->again ? RunMode::Again : RunMode::Normal;
    exit_code = run_command(*options);
  });

  auto retry_options = std::make_shared<RunCommandOptions>();
  CLI::App* retry = app.add_subcommand(
      "retry",
      "Run again the rows whose sends failed with no `if` to handle it, rows an error stopped, and rows held after a "
      "crash (not rows whose failure an `if` handled: those are handled; see `flowc run --again`)");
  add_common_run_options(*retry, *retry_options);
  retry->add_option("--run", retry_options->retry_run, "Only rows of this run (see `flowc runs`)");
  retry->add_flag("--mark-done", retry_options->mark_done,
                  "Record the rows as done without sending (after checking the service got them)");
  retry->callback([retry_options, &exit_code] {
    retry_options->mode = retry_options->mark_done ? RunMode::MarkDone : RunMode::Retry;
    exit_code = run_command(*retry_options);
  });
}

}  // namespace flowc::cli
