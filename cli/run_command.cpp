// `flowc run`: run a flow (or its compiled IR) now, row by row; `--dry-run` shows the requests.
#include <unistd.h>

#include <optional>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/fault_options.hpp"
#include "cli/load_flow.hpp"
#include "cli/run_printer.hpp"
#include "cli/sandbox_run.hpp"
#include "runtime/env_file.hpp"
#include "runtime/interpreter.hpp"
#include "runtime/redactor.hpp"

namespace flowc::cli {
namespace {

struct RunCommandOptions {
  std::string file;
  bool dry_run = false;
  std::optional<std::uint64_t> limit;
  std::optional<std::uint64_t> row;
  std::string env_file;
  bool verbose = false;
  std::string log_format = "text";
  bool sandbox = false;
  sandbox::Faults faults;
};

int exit_code_for(const runtime::RunSummary& summary) {
  return summary.unhandled_failure() ? kExitUnhandledFailure : kExitOk;
}

int run_command(const RunCommandOptions& options) {
  try {
    if (!options.env_file.empty()) runtime::load_env_file(options.env_file);
  } catch (const std::exception& e) {
    fmt::print(stderr, "flowc: {}\n", e.what());
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::optional<ir::Flow> flow = load_flow_for_run(options.file, exit_code);
  if (!flow) return exit_code;

  runtime::RunOptions run_options;
  run_options.dry_run = options.dry_run;
  run_options.limit = options.limit;
  run_options.only_row = options.row;

  PrintOptions print;
  print.json = options.log_format == "json";
  print.verbose = options.verbose;
  print.dry_run = options.dry_run;
  print.progress = !print.json && !options.dry_run && isatty(STDERR_FILENO) != 0;
  RunPrinter printer(*flow, print);
  try {
    std::optional<SandboxRun> sandbox;
    if (options.sandbox) {
      sandbox.emplace(*flow, options.file, options.faults);
      sandbox->configure(run_options);
      if (!print.json) fmt::print("sandbox: serving KeepinCRM, Telegram, Google Sheets and SMTP at {}\n\n", sandbox->base_url());
    }
    const runtime::RunSummary summary = runtime::run_flow(*flow, run_options, printer);
    printer.print_summary(summary);
    if (sandbox && !print.json) fmt::print("\nWhat the sandbox received:\n{}", runtime::redactor().redact(sandbox->report()));
    return options.dry_run ? kExitOk : exit_code_for(summary);
  } catch (const std::exception& e) {
    fmt::print(stderr, "flowc: {}\n", runtime::redactor().redact(e.what()));
    return kExitSystem;
  }
}

}  // namespace

void register_run_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* run = app.add_subcommand("run", "Run a flow now, row by row (a .flow file or IR from `flowc compile`)");
  run->add_option("file", options->file, "The .flow file or IR .json file")->required()->check(CLI::ExistingFile);
  run->add_flag("--dry-run", options->dry_run,
                "Render and print every request each row would make (secrets redacted); send nothing");
  run->add_option("--limit", options->limit, "Stop after reading this many rows");
  run->add_option("--row", options->row, "Run only the row with this number");
  run->add_option("--env-file", options->env_file, "Load KEY=VALUE lines into the environment first")
      ->check(CLI::ExistingFile);
  run->add_flag("-v,--verbose", options->verbose, "Print each request and response (redacted) and every row");
  run->add_option("--log-format", options->log_format, "Output: text (default) or json (one JSON object a line)")
      ->check(CLI::IsMember({"text", "json"}));
  run->add_flag("--sandbox", options->sandbox,
                "Run against the built-in sandbox (KeepinCRM, Telegram, Google Sheets, SMTP on loopback), seeded "
                "from the data/ folder beside the flow; no accounts or network needed");
  add_fault_options(*run, options->faults);
  run->callback([options, &exit_code] { exit_code = run_command(*options); });
}

}  // namespace flowc::cli
