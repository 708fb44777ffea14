// `flowc connectors [NAME | NAME.ACTION]`: the connector catalog in a terminal (`check` and `new`,
// for manifest files, are in connector_files_commands.cpp). Without a name,
// every connector and its actions on a line each; with one, its account fields and every action's
// fields (type, required, secret, description) and response fields.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/errors.hpp"
#include "cli/flows/flow_connectors.hpp"
#include "compiler/report/catalog_json.hpp"
#include "ir/catalog.hpp"
#include "ir/diagnostic.hpp"
#include "ir/manifest/connector_catalog.hpp"

namespace flowc::cli {
namespace {

using catalog::ActionKind;
using catalog::ActionSpec;
using catalog::ConnectorSpec;
using catalog::FieldSpec;

std::string type_text(const FieldSpec& field) {
  std::string out(catalog::field_type_name(field.type));
  if (field.type != catalog::FieldType::Enum) return out;
  for (std::size_t i = 0; i < field.choices.size(); ++i) out += (i == 0 ? ": " : "|") + field.choices[i];
  return out;
}

std::string flags_text(const FieldSpec& field) {
  std::string out = field.required ? "required" : "";
  if (field.secret) out += out.empty() ? "secret" : " secret";
  return out;
}

// Fields as aligned columns: name, type, flags, description. Wildcards read `columns.<name>`.
void print_fields(const std::vector<FieldSpec>& fields) {
  if (fields.empty()) {
    fmt::print("  (no fields)\n");
    return;
  }
  std::size_t name_width = 0, type_width = 0, flags_width = 0;
  std::vector<std::string> names;
  for (const FieldSpec& field : fields) {
    names.push_back(field.is_wildcard() ? field.name.substr(0, field.name.size() - 1) + "<name>" : field.name);
    name_width = std::max(name_width, names.back().size());
    type_width = std::max(type_width, type_text(field).size());
    flags_width = std::max(flags_width, flags_text(field).size());
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string line = fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}", names[i], name_width, type_text(fields[i]),
                                         type_width, flags_text(fields[i]), flags_width, fields[i].description);
    fmt::print("{}\n", line.substr(0, line.find_last_not_of(' ') + 1));
  }
}

void print_action(const ConnectorSpec& connector, const ActionSpec& action) {
  const bool source = action.kind == ActionKind::Source;
  fmt::print("{}.{} ({})  {}\n", connector.name, action.name, source ? "source" : "send", action.description);
  fmt::print("  use: {}\n", source ? fmt::format("source row = ACCOUNT.{} {{ ... }}", action.name)
                                   : fmt::format("send [NAME =] ACCOUNT.{} {{ ... }}", action.name));
  print_fields(action.fields);
  if (source) return;
  std::string response = "result, errors, status";
  for (const std::string& field : action.response_fields) response += ", " + field;
  if (action.open_response) response += ", and any field of the JSON response";
  fmt::print("  response: {}\n", response);
  fmt::print("  interrupted by a crash: {}\n", catalog::after_crash_text(action.after_crash));
}

void print_connector(const ConnectorSpec& connector) {
  fmt::print("{}  {}\n\n", connector.name, connector.description);
  fmt::print("account NAME = {} {{ ... }}\n", connector.name);
  print_fields(connector.account_fields);
  if (!connector.account_needs_one_of.empty()) {
    std::string names;
    for (const std::string& name : connector.account_needs_one_of) names += (names.empty() ? "" : ", ") + name;
    fmt::print("  at least one of: {}\n", names);
  }
  for (const ActionSpec& action : connector.actions) {
    fmt::print("\n");
    print_action(connector, action);
  }
}

void print_overview() {
  std::size_t width = 0;
  for (const ConnectorSpec& connector : catalog::installed().connectors()) width = std::max(width, connector.name.size());
  for (const ConnectorSpec& connector : catalog::installed().connectors()) {
    fmt::print("{:<{}}  {}\n", connector.name, width, connector.description);
    for (const ActionSpec& action : connector.actions) {
      fmt::print("{:<{}}    {} ({})\n", "", width, action.name, action.kind == ActionKind::Source ? "source" : "send");
    }
  }
  fmt::print("\nRun `flowc connectors NAME` for the fields of a connector and its actions.\n");
}

std::string known_connectors() {
  std::string out;
  for (const ConnectorSpec& connector : catalog::installed().connectors()) out += (out.empty() ? "" : ", ") + connector.name;
  return out;
}

// The connectors of `--connectors DIR` and FLOWC_CONNECTORS join the listing, their files'
// problems printed as `check` prints them.
void add_named_connectors() {
  const manifest::AddedConnectors added = add_flow_connectors("");
  for (const manifest::ManifestResult& read : added.reported)
    fmt::print(stderr, "{}", render_text(read.source, read.diagnostics.items(), isatty(STDERR_FILENO) != 0));
  if (!added.ok) throw FlowErrors();
}

int run_connectors(const std::string& name, bool json) {
  add_named_connectors();
  if (json) {
    const ConnectorSpec* only = name.empty() ? nullptr : catalog::installed().find_connector(name);
    if (!name.empty() && only == nullptr)
      throw UsageError(fmt::format("no connector `{}`; connectors: {}", name, known_connectors()));
    fmt::print("{}\n", catalog_json(only));
    return kExitOk;
  }
  if (name.empty()) {
    print_overview();
    return kExitOk;
  }
  // NAME.ACTION narrows the output to one action.
  const std::size_t dot = name.find('.');
  const std::string connector_name = name.substr(0, dot);
  const ConnectorSpec* connector = catalog::installed().find_connector(connector_name);
  if (connector == nullptr) {
    throw UsageError(fmt::format("no connector `{}`; connectors: {}", connector_name, known_connectors()));
  }
  if (dot == std::string::npos) {
    print_connector(*connector);
    return kExitOk;
  }
  const ActionSpec* action = catalog::find_action(*connector, name.substr(dot + 1));
  if (action == nullptr) {
    std::string actions;
    for (const ActionSpec& a : connector->actions) actions += (actions.empty() ? "" : ", ") + a.name;
    throw UsageError(
        fmt::format("connector `{}` has no action `{}`; actions: {}", connector->name, name.substr(dot + 1), actions));
  }
  print_action(*connector, *action);
  return kExitOk;
}

}  // namespace

void register_connectors_command(CLI::App& app, int& exit_code) {
  auto name = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand("connectors", "List connectors, their actions and fields");
  command->add_option("name", *name, "A connector (keepincrm) or one action (keepincrm.update_order)");
  command->add_flag("--json", *json,
                    "The catalog (or one connector) as JSON: fields with types and descriptions, response fields, "
                    "examples; for editors and scripts");
  register_connector_files_commands(*command, exit_code);
  command->callback([command, name, json, &exit_code] {
    if (command->get_subcommands().empty()) exit_code = run_connectors(*name, *json);  // not `check` or `new`
  });
}

}  // namespace flowc::cli
