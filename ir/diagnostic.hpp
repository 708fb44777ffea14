// Diagnostics are values: the parser and checker collect them, the CLI prints them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/source.hpp"

namespace flowc {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;  // stable: E0xx for errors, W0xx for warnings (docs/language.md lists them)
  Span span;
  std::string message;
  std::string help;  // optional hint, printed after the caret
};

// Collects every problem of one compilation instead of stopping at the first.
class Diagnostics {
 public:
  void error(std::string code, Span span, std::string message, std::string help = {});
  void warning(std::string code, Span span, std::string message, std::string help = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  // Orders by position so output reads top to bottom whatever pass found what.
  void sort_by_position();

 private:
  std::vector<Diagnostic> items_;
};

enum class DiagnosticFormat { Text, Json, Github, Sarif };

// clang-style: "file:line:col: error[E012]: message", the source line, carets under the span, help.
std::string render_text(const SourceFile& file, const std::vector<Diagnostic>& diagnostics, bool color = false);
// One JSON array of {file, line, column, length, severity, code, message, help} over all files.
std::string render_json(const std::vector<std::pair<std::string, std::vector<Diagnostic>>>& files);
// GitHub Actions workflow commands: "::error file=..,line=..,col=..,title=E012::message".
std::string render_github(const std::string& path, const std::vector<Diagnostic>& diagnostics);

// SARIF 2.1.0 (code scanning): one run whose tool.driver lists every syntax and checker code as a
// rule, one result per diagnostic with its file and region. `tool_version` is flowc's version.
std::string render_sarif(const std::vector<std::pair<std::string, std::vector<Diagnostic>>>& files,
                         std::string_view tool_version);

const char* severity_name(Severity severity);

}  // namespace flowc
