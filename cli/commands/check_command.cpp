// `flowc check` (alias `flowc lint`): report every problem of one or more flows, or of every flow
// under a folder. Besides the flow's text it reads only the header of a csv source's local file.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/collect_files.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/flows/flow_connectors.hpp"
#include "cli/source_file_reader.hpp"
#include "compiler/compile.hpp"
#include "ir/diagnostic.hpp"

namespace flowc::cli {
namespace {

struct CheckCommandOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  bool werror = false;
  bool no_source_files = false;  // leave source files unread: no W007/W008 from data that is not there
};

int run_check(const CheckCommandOptions& options) {
  const std::vector<std::string> files = collect_files(options.paths, ".flow");
  CheckOptions check_options;
  if (!options.no_source_files) check_options.read_source_file = read_source_file_header;
  std::vector<std::pair<std::string, std::vector<Diagnostic>>> json_files;
  std::size_t errors = 0, warnings = 0;
  bool io_failure = false;
  const bool color = options.format == "text" && isatty(STDERR_FILENO) != 0;

  auto report = [&](const SourceFile& source, const Diagnostics& diagnostics) {
    errors += diagnostics.error_count();
    warnings += diagnostics.warning_count();
    const auto& items = diagnostics.items();
    if (options.format == "json" || options.format == "sarif") {
      json_files.emplace_back(source.path(), items);
    } else if (options.format == "github") {
      fmt::print("{}", render_github(source.path(), items));
    } else {
      fmt::print(stderr, "{}", render_text(source, items, color));
    }
  };
  for (const std::string& path : files) {
    std::string why;
    std::optional<std::string> text = try_read_text_file(path, why);
    if (!text) {
      print_error(why);  // and go on: every other file is still checked
      io_failure = true;
      continue;
    }
    // The manifests of the flow's user connectors are checked with it, and reported alike.
    for (const manifest::ManifestResult& read : add_flow_connectors(path).reported) report(read.source, read.diagnostics);
    const CompileResult result = compile_source(path, std::move(*text), check_options);
    report(result.source, result.diagnostics);
  }

  if (options.format == "json") fmt::print("{}", render_json(json_files));
  if (options.format == "sarif") fmt::print("{}", render_sarif(json_files, FLOWC_VERSION));
  if (options.format == "text") {
    if (errors == 0 && warnings == 0 && !io_failure) {
      fmt::print(stderr, "ok: {} flow{} checked\n", files.size(), files.size() == 1 ? "" : "s");
    } else if (errors + warnings > 0) {
      fmt::print(stderr, "{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
                 warnings == 1 ? "" : "s");
    }
  }
  if (io_failure) return kExitUsage;
  if (errors > 0 || (options.werror && warnings > 0)) return kExitFlowErrors;
  return kExitOk;
}

}  // namespace

void register_check_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckCommandOptions>();
  CLI::App* check = app.add_subcommand("check", "Check flows for errors without running them (no network, no secrets)");
  check->alias("lint");
  check->add_option("paths", options->paths, "The .flow files to check, or folders to check every .flow under")
      ->required()
      ->check(CLI::ExistingPath);
  check->add_option("--format", options->format, "Output format: text (default), json, github, sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "github", "sarif"}));
  check->add_flag("--werror", options->werror, "Treat warnings as errors");
  check->add_flag("--no-source-files", options->no_source_files,
                  "Do not read the sources' files (csv headers) to check row.NAME: for CI where the data is not "
                  "present, or is written before each run");
  check->callback([options, &exit_code] { exit_code = run_check(*options); });
}

}  // namespace flowc::cli
