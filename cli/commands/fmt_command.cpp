// `flowc fmt [--check] FILE...`: rewrites flows in the canonical layout (compiler/report/formatter.hpp).
// With --check nothing is written: the files that would change are listed and the exit code is 1,
// for CI and pre-commit hooks.
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "compiler/report/formatter.hpp"

namespace flowc::cli {
namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
};

enum class FileOutcome { Unchanged, Changed, Failed, Unreadable };

FileOutcome format_file(const std::string& path, bool check) {
  std::string why;
  const std::optional<std::string> read = try_read_text_file(path, why);
  if (!read) {
    print_error(why);  // and go on with the other files
    return FileOutcome::Unreadable;
  }
  const std::string& text = *read;
  const FormatResult result = format_flow(path, text);
  if (!result.text) {
    if (!result.internal_error.empty()) fmt::print(stderr, "{}: error: {}\n", path, result.internal_error);
    fmt::print(stderr, "{}", render_text(SourceFile(path, text), result.diagnostics.items()));
    fmt::print(stderr, "{}: not formatted: fix the syntax errors first\n", path);
    return FileOutcome::Failed;
  }
  if (*result.text == text) return FileOutcome::Unchanged;
  if (check) {
    fmt::print("{}\n", path);
    return FileOutcome::Changed;
  }
  write_text_file(path, *result.text);
  return FileOutcome::Changed;
}

int run_fmt(const FmtOptions& options) {
  bool changed = false, failed = false, unreadable = false;
  for (const std::string& path : options.files) {
    switch (format_file(path, options.check)) {
      case FileOutcome::Unchanged: break;
      case FileOutcome::Changed: changed = true; break;
      case FileOutcome::Failed: failed = true; break;
      case FileOutcome::Unreadable: unreadable = true; break;
    }
  }
  if (unreadable) return kExitUsage;
  if (failed || (options.check && changed)) return kExitFlowErrors;
  return kExitOk;
}

}  // namespace

void register_fmt_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand("fmt", "Rewrite flows in the canonical layout");
  command->add_option("files", options->files, "The .flow files to format")->required()->check(CLI::ExistingFile);
  command->add_flag("--check", options->check, "Write nothing; list the files that would change and exit 1 if any");
  command->callback([options, &exit_code] { exit_code = run_fmt(*options); });
}

}  // namespace flowc::cli
