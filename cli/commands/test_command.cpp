// `flowc test [PATH...]`: runs `.flowtest` files (a flow, input rows, declared service answers
// and expectations) against loopback stand-ins; no network, no real credentials.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/collect_files.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "tools/flowtest/report.hpp"
#include "tools/flowtest/runner.hpp"

namespace flowc::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths{"."};
  std::string format = "text";
  std::string output;  // empty: stdout
};

int run_tests(const TestOptions& options) {
  std::vector<flowtest::FileResult> results;
  for (const std::string& file : collect_files(options.paths, ".flowtest")) results.push_back(flowtest::run_test_file(file));

  const std::string report =
      options.format == "junit" ? flowtest::junit_report(results) : flowtest::text_report(results);
  write_text_file(options.output, report);
  if (options.format == "junit" && !options.output.empty()) fmt::print(stderr, "{}", flowtest::text_report(results));

  if (std::ranges::any_of(results, [](const auto& r) { return !r.error.empty(); })) return kExitUsage;
  if (std::ranges::any_of(results, [](const auto& r) { return !r.passed(); })) return kExitFlowErrors;
  return kExitOk;
}

}  // namespace

void register_test_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand("test", "Run .flowtest files: flows against declared answers, no network");
  test->add_option("paths", options->paths, ".flowtest files or folders to search (default: .)");
  test->add_option("--format", options->format, "Report format: text (default) or junit (JUnit XML)")
      ->check(CLI::IsMember({"text", "junit"}));
  test->add_option("-o,--output", options->output, "Write the report to this file instead of stdout");
  test->callback([options, &exit_code] { exit_code = run_tests(*options); });
}

}  // namespace flowc::cli
