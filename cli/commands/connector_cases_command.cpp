// `flowc connectors test PATH...`: runs connector case files offline (docs/connector-format.md,
// "Cases"). PATH is a connector folder (its *.connector and *.cases.json) or a case file with its
// manifest beside it. Each case prints PASS or FAIL with what differed; exit 1 when one failed,
// 2 when a file could not be read.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "compiler/manifest/manifest_reader.hpp"
#include "ir/diagnostic.hpp"
#include "tools/flowtest/cases/case_runner.hpp"

namespace flowc::cli {
namespace {

namespace fs = std::filesystem;

// The folder's files ending in `suffix`, sorted.
std::vector<fs::path> files_ending(const fs::path& folder, std::string_view suffix) {
  std::vector<fs::path> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().filename().string().ends_with(suffix)) found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool unreadable = false;
};

void run_folder(const fs::path& path, Tally& tally) {
  const fs::path folder = fs::is_directory(path) ? path : path.parent_path();
  const std::vector<fs::path> manifests = files_ending(folder, ".connector");
  const std::vector<fs::path> case_files =
      fs::is_directory(path) ? files_ending(folder, ".cases.json") : std::vector<fs::path>{path};
  if (manifests.size() != 1 || case_files.empty()) {
    fmt::print(stderr, "{}: a connector folder holds one .connector file and a .cases.json file\n", folder.string());
    tally.unreadable = true;
    return;
  }
  const std::string manifest_path = manifests.front().string();
  manifest::ManifestResult read = manifest::read_manifest(manifest_path, read_text_file(manifest_path));
  if (!read.manifest || !read.diagnostics.items().empty()) {
    fmt::print(stderr, "{}", render_text(read.source, read.diagnostics.items(), isatty(STDERR_FILENO) != 0));
    tally.unreadable = true;
    return;
  }
  for (const fs::path& case_path : case_files) {
    try {
      const flowtest::CaseFile cases = flowtest::load_case_file(case_path.string());
      for (const flowtest::CaseOutcome& outcome : flowtest::run_connector_cases(*read.manifest, cases)) {
        fmt::print("{} {}: {}\n", outcome.passed() ? "PASS" : "FAIL", read.manifest->spec.name, outcome.name);
        for (const std::string& difference : outcome.differences) fmt::print("    {}\n", difference);
        ++(outcome.passed() ? tally.passed : tally.failed);
      }
    } catch (const flowtest::CaseFileError& error) {
      fmt::print(stderr, "{}\n", error.what());
      tally.unreadable = true;
    }
  }
}

int run_cases(const std::vector<std::string>& paths) {
  Tally tally;
  for (const std::string& path : paths) run_folder(path, tally);
  fmt::print("\n{} case(s): {} passed, {} failed\n", tally.passed + tally.failed, tally.passed, tally.failed);
  if (tally.unreadable) return kExitUsage;
  return tally.failed == 0 ? kExitOk : kExitFlowErrors;
}

}  // namespace

void register_connector_cases_command(CLI::App& connectors, int& exit_code) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* test = connectors.add_subcommand(
      "test", "Run connector case files offline against the manifests' examples on loopback");
  test->add_option("paths", *paths, "Connector folders (manifest and .cases.json) or case files")->required();
  test->callback([paths, &exit_code] { exit_code = run_cases(*paths); });
}

}  // namespace flowc::cli
