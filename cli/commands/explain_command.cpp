// `flowc explain CODE`: the long form of a diagnostic, with an example and the fix (like
// `rustc --explain`). Without a code, lists every code with its title.
#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "compiler/report/diagnostic_explanations.hpp"

namespace flowc::cli {
namespace {

constexpr std::size_t kWrapWidth = 88;

// Breaks prose at spaces so it reads well in an 80-100 column terminal.
std::string wrap(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t column = 0;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (column > 0 && column + 1 + word.size() > width) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
  }
  return out;
}

std::string indented(std::string_view lines) {
  if (lines.ends_with('\n')) lines.remove_suffix(1);
  std::string out;
  std::size_t start = 0;
  while (start <= lines.size()) {
    const std::size_t end = std::min(lines.find('\n', start), lines.size());
    // Blank lines stay empty: no trailing spaces in copied examples.
    if (end > start) out += "    ";
    out += lines.substr(start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

void print_list() {
  for (const DiagnosticExplanation& entry : diagnostic_explanations()) {
    fmt::print("{}  {}\n", entry.code, diagnostic_title(entry.code));
  }
  fmt::print("\nConnector manifests (docs/connector-format.md):\n");
  for (const DiagnosticExplanation& entry : manifest_explanations()) {
    fmt::print("{}  {}\n", entry.code, diagnostic_title(entry.code));
  }
  fmt::print("\nRun `flowc explain CODE` for an explanation with an example and the fix.\n");
}

void print_explanation(const DiagnosticExplanation& entry) {
  fmt::print("{}: {}\n\n{}\n\n", entry.code, diagnostic_title(entry.code), wrap(entry.explanation, kWrapWidth));
  if (entry.example_is_flow) {
    fmt::print("Example, added to the end of a flow that compiles cleanly:\n\n{}\n", indented(entry.example));
  } else {
    fmt::print("Example: {}.\n\n", entry.example);
  }
  fmt::print("Fix: {}\n", wrap(entry.fix, kWrapWidth));
  if (!entry.fixed_example.empty()) fmt::print("\n{}", indented(entry.fixed_example));
  if (entry.example_is_flow) {
    fmt::print("\nThe flow the example is added to:\n\n{}", indented(explanation_base_flow()));
  }
}

int run_explain(std::string code) {
  if (code.empty()) {
    print_list();
    return kExitOk;
  }
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
  const DiagnosticExplanation* entry = find_explanation(code);
  if (entry == nullptr) {
    throw UsageError(fmt::format("`{}` is not a flowc diagnostic code; run `flowc explain` to list them", code));
  }
  print_explanation(*entry);
  return kExitOk;
}

}  // namespace

void register_explain_command(CLI::App& app, int& exit_code) {
  auto code = std::make_shared<std::string>();
  CLI::App* explain = app.add_subcommand("explain", "Explain a diagnostic code (E030, W001, ...) with an example");
  explain->add_option("code", *code, "The code, as printed in brackets: error[E030]");
  explain->callback([code, &exit_code] { exit_code = run_explain(*code); });
}

}  // namespace flowc::cli
