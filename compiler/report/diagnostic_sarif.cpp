// SARIF 2.1.0 output for code-scanning tools (GitHub code scanning, IDE SARIF viewers).
// The rules come from the same tables the docs are generated from, so a new code shows up here
// without touching this file.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/json/json_put.hpp"
#include "ir/diagnostic.hpp"
#include "ir/diagnostic_codes.hpp"
#include "ir/manifest/manifest_codes.hpp"
#include "grammar/error_messages.hpp"

namespace flowc {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr const char* kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

struct Rule {
  std::string_view id;
  std::string_view title;
  const char* level;  // the default level: warnings are W codes, E019 is a note, the rest errors
};

std::vector<Rule> all_rules() {
  std::vector<Rule> rules;
  for (const auto& code : grammar::syntax_error_codes()) {
    rules.push_back({code.code, code.meaning, code.code == "E019" ? "note" : "error"});
  }
  for (const DiagnosticCode& code : diagnostic_codes()) {
    rules.push_back({code.code, code.title, code.code.starts_with('W') ? "warning" : "error"});
  }
  // `flowc check` reports the manifests of a flow's user connectors with the flow's own problems.
  for (const DiagnosticCode& code : manifest::manifest_codes()) {
    rules.push_back({code.code, code.title, "error"});
  }
  return rules;
}

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// artifactLocation.uri must be a URI reference: absolute paths become file:// URIs, and bytes
// outside RFC 3986's unreserved set (spaces, non-ASCII) are percent-encoded; '/' stays.
std::string path_to_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      constexpr const char* kHex = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void put_rules(Writer& w, const std::vector<Rule>& rules) {
  w.Key("rules");
  w.StartArray();
  for (const Rule& rule : rules) {
    w.StartObject();
    json::put_member(w, "id", rule.id);
    w.Key("shortDescription");
    w.StartObject();
    json::put_member(w, "text", rule.title);
    w.EndObject();
    w.Key("defaultConfiguration");
    w.StartObject();
    json::put_member(w, "level", rule.level);
    w.EndObject();
    // `flowc explain CODE` prints the long form; say so where a viewer shows rule help.
    w.Key("help");
    w.StartObject();
    json::put_member(w, "text", "Run `flowc explain " + std::string(rule.id) + "` for an explanation with an example and the fix.");
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

void put_location(Writer& w, const std::string& path, const Span& span) {
  w.StartObject();
  w.Key("physicalLocation");
  w.StartObject();
  w.Key("artifactLocation");
  w.StartObject();
  json::put_member(w, "uri", path_to_uri(path));
  w.EndObject();
  // A whole-file problem has no region; SARIF then means "the whole artifact".
  if (span.known()) {
    w.Key("region");
    w.StartObject();
    w.Key("startLine");
    w.Uint(span.line);
    w.Key("startColumn");
    w.Uint(std::max<std::uint32_t>(span.column, 1));
    // SARIF's endColumn is exclusive: the column after the last character of the span.
    w.Key("endColumn");
    w.Uint(std::max<std::uint32_t>(span.column, 1) + std::max<std::uint32_t>(span.length, 1));
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
}

void put_result(Writer& w, const std::string& path, const Diagnostic& d, const std::map<std::string_view, int>& index) {
  w.StartObject();
  json::put_member(w, "ruleId", d.code);
  if (const auto it = index.find(d.code); it != index.end()) {
    w.Key("ruleIndex");
    w.Int(it->second);
  }
  json::put_member(w, "level", sarif_level(d.severity));
  w.Key("message");
  w.StartObject();
  json::put_member(w, "text", d.help.empty() ? d.message : d.message + "\nhelp: " + d.help);
  w.EndObject();
  w.Key("locations");
  w.StartArray();
  put_location(w, path, d.span);
  w.EndArray();
  w.EndObject();
}

}  // namespace

std::string render_sarif(const std::vector<std::pair<std::string, std::vector<Diagnostic>>>& files,
                         std::string_view tool_version) {
  const std::vector<Rule> rules = all_rules();
  std::map<std::string_view, int> rule_index;
  for (std::size_t i = 0; i < rules.size(); ++i) rule_index.emplace(rules[i].id, static_cast<int>(i));

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  json::put_member(w, "$schema", kSchemaUri);
  json::put_member(w, "version", "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  json::put_member(w, "name", "flowc");
  json::put_member(w, "version", tool_version);
  put_rules(w, rules);
  w.EndObject();
  w.EndObject();
  w.Key("results");
  w.StartArray();
  for (const auto& [path, diagnostics] : files) {
    for (const Diagnostic& d : diagnostics) put_result(w, path, d, rule_index);
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace flowc
