#include "ir/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace flowc {

void Diagnostics::error(std::string code, Span span, std::string message, std::string help) {
  items_.push_back({Severity::Error, std::move(code), span, std::move(message), std::move(help)});
}

void Diagnostics::warning(std::string code, Span span, std::string message, std::string help) {
  items_.push_back({Severity::Warning, std::move(code), span, std::move(message), std::move(help)});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sort_by_position() {
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.offset < b.span.offset; });
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

namespace {

// Tabs in the quoted line become single spaces so the caret line stays aligned with it.
std::string printable_line(std::string_view line) {
  std::string out(line);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

std::string caret_line(const Span& span, std::size_t line_length) {
  const std::size_t start = span.column > 0 ? span.column - 1 : 0;
  std::size_t width = std::max<std::size_t>(span.length, 1);
  // A span that runs past the end of its line is underlined to the end of that line only.
  if (start < line_length) width = std::min(width, line_length - start);
  else width = 1;
  std::string out(start, ' ');
  out += '^';
  out.append(width - 1, '~');
  return out;
}

}  // namespace

std::string render_text(const SourceFile& file, const std::vector<Diagnostic>& diagnostics, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    const char* tint = !color ? "" : d.severity == Severity::Error ? "\x1b[1;31m" : "\x1b[1;35m";
    if (d.span.known()) {
      out += fmt::format("{}{}:{}:{}:{} {}{}[{}]{}: {}{}{}\n", bold, file.path(), d.span.line, d.span.column, reset,
                         tint, severity_name(d.severity), d.code, reset, bold, d.message, reset);
      const std::string line = printable_line(file.line_text(d.span.line));
      out += fmt::format("{:>5} | {}\n", d.span.line, line);
      out += fmt::format("      | {}{}{}\n", color ? "\x1b[1;32m" : "", caret_line(d.span, line.size()), reset);
    } else {
      out += fmt::format("{}{}:{} {}{}[{}]{}: {}\n", bold, file.path(), reset, tint, severity_name(d.severity), d.code,
                         reset, d.message);
    }
    if (!d.help.empty()) out += fmt::format("      = help: {}\n", d.help);
  }
  return out;
}

namespace {

void write_diagnostic(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::string& path, const Diagnostic& d) {
  w.StartObject();
  w.Key("file");
  w.String(path.c_str(), static_cast<rapidjson::SizeType>(path.size()));
  w.Key("line");
  w.Uint(d.span.line);
  w.Key("column");
  w.Uint(d.span.column);
  w.Key("length");
  w.Uint(d.span.length);
  w.Key("severity");
  w.String(severity_name(d.severity));
  w.Key("code");
  w.String(d.code.c_str(), static_cast<rapidjson::SizeType>(d.code.size()));
  w.Key("message");
  w.String(d.message.c_str(), static_cast<rapidjson::SizeType>(d.message.size()));
  if (!d.help.empty()) {
    w.Key("help");
    w.String(d.help.c_str(), static_cast<rapidjson::SizeType>(d.help.size()));
  }
  w.EndObject();
}

// Workflow commands end at a newline and treat '%' specially: escape as GitHub documents.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_json(const std::vector<std::pair<std::string, std::vector<Diagnostic>>>& files) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  for (const auto& [path, diagnostics] : files) {
    for (const Diagnostic& d : diagnostics) write_diagnostic(w, path, d);
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string render_github(const std::string& path, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    const char* kind = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
    std::string message = d.message;
    if (!d.help.empty()) message += "\nhelp: " + d.help;
    out += fmt::format("::{} file={},line={},col={},endColumn={},title={}::{}\n", kind, github_escape(path, true),
                       d.span.line, d.span.column, d.span.column + std::max<std::uint32_t>(d.span.length, 1),
                       github_escape(d.code, true), github_escape(message, false));
  }
  return out;
}

}  // namespace flowc
