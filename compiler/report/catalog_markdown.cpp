#include "compiler/report/catalog_markdown.hpp"

#include <fmt/format.h>

#include <span>
#include <string_view>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "ir/template_filters.hpp"

namespace flowc {
namespace {

// Markdown for plain text: `<...>` would be read as HTML, except inside a code span. In a table
// cell `|` would end the cell, even inside a code span (GitHub splits cells before code spans).
std::string escape(std::string_view text, bool table_cell) {
  std::string out;
  bool in_code = false;
  for (const char c : text) {
    if (c == '`') in_code = !in_code;
    if (table_cell && c == '|') {
      out += "\\|";
    } else if (!in_code && c == '<') {
      out += "&lt;";
    } else if (!in_code && c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string cell(std::string_view text) {
  return escape(text, true);
}
std::string prose(std::string_view text) {
  return escape(text, false);
}

// `columns.*` is written as the checker's messages write it: `columns.<name>`.
std::string field_name(const catalog::FieldSpec& spec) {
  if (!spec.is_wildcard()) return spec.name;
  return spec.name.substr(0, spec.name.size() - 1) + "<name>";
}

std::string type_text(const catalog::FieldSpec& spec) {
  std::string out(catalog::field_type_name(spec.type));
  if (spec.names_list) return out + " or list of names";
  if (spec.type != catalog::FieldType::Enum) return out;
  out += ":";
  for (std::size_t i = 0; i < spec.choices.size(); ++i) out += (i == 0 ? " `" : ", `") + spec.choices[i] + "`";
  return out;
}

std::string fields_table(std::span<const catalog::FieldSpec> fields) {
  if (fields.empty()) return "No fields.\n";
  std::string out =
      "| Field | Type | Required | Secret | Description |\n"
      "|-------|------|----------|--------|-------------|\n";
  for (const catalog::FieldSpec& spec : fields) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", cell("`" + field_name(spec) + "`"), cell(type_text(spec)),
                       spec.required ? "yes" : "no", spec.secret ? "yes" : "no", cell(spec.description));
  }
  return out;
}

std::string code_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "`" : ", `") + names[i] + "`";
  return out;
}

std::string response_text(const catalog::ActionSpec& action) {
  std::string out = "Response: `NAME.result`, `NAME.errors`, `NAME.status`";
  if (action.open_response) return out + ", and any field of the JSON response (`NAME.<field>`, dotted to nest).\n";
  if (action.response_fields.empty()) return out + ".\n";
  std::vector<std::string> dotted;
  for (const std::string& field : action.response_fields) dotted.push_back("NAME." + field);
  return out + ", " + code_list(dotted) + ".\n";
}

std::string action_section(const catalog::ConnectorSpec& connector, const catalog::ActionSpec& action) {
  const bool source = action.kind == catalog::ActionKind::Source;
  std::string out = fmt::format("### `{}.{}` ({})\n\n", connector.name, action.name, source ? "source" : "send");
  out += prose(action.description) + "\n\n";
  out += source ? fmt::format("Use: `source row = ACCOUNT.{} {{ ... }}`\n\n", action.name)
                : fmt::format("Use: `send [NAME =] ACCOUNT.{} {{ ... }}`\n\n", action.name);
  out += fields_table(action.fields) + "\n";
  if (!source) {
    out += response_text(action) + "\n";
    out += fmt::format("Interrupted by a crash: {}.\n\n", catalog::after_crash_text(action.after_crash));
  }
  return out;
}

std::string connector_section(const catalog::ConnectorSpec& connector) {
  std::string out = fmt::format("## {}\n\n{}\n\n", connector.name, prose(connector.description));
  out += fmt::format("Use: `account NAME = {} {{ ... }}`\n\n", connector.name);
  out += "### Account fields\n\n" + fields_table(connector.account_fields) + "\n";
  if (!connector.account_needs_one_of.empty()) {
    out += "At least one of " + code_list(connector.account_needs_one_of) + " must be set.\n\n";
  }
  for (const catalog::ActionSpec& action : connector.actions) out += action_section(connector, action);
  return out;
}

}  // namespace

std::string catalog_markdown() {
  std::string out = "Connectors:";
  bool first = true;
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) {
    out += fmt::format("{} [{}](#{})", first ? "" : ",", connector.name, connector.name);
    first = false;
  }
  out += ".\n\n";
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) out += connector_section(connector);
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

std::string template_filters_markdown() {
  std::string out =
      "| Filter | Arguments | What it does |\n"
      "|--------|-----------|--------------|\n";
  for (const TemplateFilterSpec& spec : template_filters()) {
    const std::string arguments = spec.min_args == spec.max_args
                                      ? fmt::format("{}", spec.max_args)
                                      : fmt::format("{} to {}", spec.min_args, spec.max_args);
    out += fmt::format("| `{}` | {} | {} |\n", cell(spec.usage), arguments, cell(spec.description));
  }
  return out;
}

}  // namespace flowc
