// `flowc connectors check FILE...` and `flowc connectors new NAME`: the commands for a user's own
// connector manifests (docs/connector-format.md). `check` reads each file as flowc reads the
// built-in ones and prints every problem with its caret; `new` writes a manifest to start from,
// one that `check` accepts, in the folder layout flowc looks for (connectors/NAME/NAME.connector).
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "compiler/manifest/manifest_reader.hpp"
#include "ir/diagnostic.hpp"

namespace flowc::cli {
namespace {

// True when the file has no error (warnings are printed but pass).
bool check_manifest(const std::string& path) {
  manifest::ManifestResult result = manifest::read_manifest(path, read_text_file(path));
  if (!result.diagnostics.items().empty())
    fmt::print(stderr, "{}", render_text(result.source, result.diagnostics.items(), isatty(STDERR_FILENO) != 0));
  if (!result.manifest) return false;
  const std::size_t actions = result.manifest->spec.actions.size();
  fmt::print("{}: connector {}, {} action{}\n", path, result.manifest->spec.name, actions, actions == 1 ? "" : "s");
  return true;
}

int run_check(const std::vector<std::string>& files) {
  bool clean = true;
  for (const std::string& file : files) clean = check_manifest(file) && clean;
  return clean ? kExitOk : kExitFlowErrors;
}

// A manifest for a small JSON API with a bearer token: one send and one polled source, each
// setting commented, so that the file reads as a tutorial of the format.
std::string scaffold(const std::string& name) {
  return fmt::format(R"(# {0}: a connector written as data. docs/connector-format.md explains every block;
# `flowc connectors check {0}.connector` checks this file.
connector {0} {{
  title       = "{0}"
  description = "What the service is, in one line."
  base_url    = "https://api.example.com/v1"   # an account's `base_url` overrides it (tests, the sandbox)

  account {{
    field api_token {{
      type        = string
      required    = true
      secret      = true                       # a flow must give it as env.NAME
      description = "API token, sent as Authorization: Bearer <token>."
    }}
  }}

  auth bearer {{
    token = api_token
  }}

  retry {{
    statuses     = [429, "5xx"]                # sent again with backoff
    after_header = "Retry-After"
  }}

  action create_item {{
    kind        = send
    description = "Creates an item."
    after_crash = hold                         # a create may have happened: wait for `flowc retry`

    field title {{ type = string  required = true  description = "The item's title." }}
    field price {{ type = number  description = "Its price."  to = "price.amount" }}

    request {{
      method = POST
      path   = "items"
      body   = json
    }}

    response {{
      success {{ status = "2xx" }}
      error   = ["error.message", "message"]
      fields  {{ id = "id" }}
    }}

    example created {{ status = 201  body = """{{"id": 1}}""" }}
    example invalid {{ status = 422  body = """{{"error": {{"message": "title is required"}}}}""" }}
  }}

  action new_items {{
    kind        = source
    description = "Items created since the last poll."

    request {{
      method = GET
      path   = "items"
    }}

    pagination cursor {{
      param  = "after"
      cursor = "meta.next"
    }}

    response {{
      records = "items"
    }}
  }}
}}
)",
                     name);
}

int run_new(const std::string& name, const std::filesystem::path& root) {
  static const std::regex kName("[a-z][a-z0-9_]*");
  if (!std::regex_match(name, kName)) {
    throw UsageError(fmt::format("a connector's name is lower-case letters, digits and `_`, starting with a letter, "
                                 "not `{}`",
                                 name));
  }
  const std::filesystem::path file = root / name / (name + ".connector");
  if (std::filesystem::exists(file)) throw UsageError(fmt::format("{} exists already; not overwritten", file.string()));
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  write_text_file(file.string(), scaffold(name));
  fmt::print("wrote {}\nnext: edit it, then `flowc connectors check {}`\n", file.string(), file.string());
  return kExitOk;
}

}  // namespace

void register_connector_files_commands(CLI::App& connectors, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* check = connectors.add_subcommand("check", "Check connector manifests (.connector files)");
  check->add_option("files", *files, "Manifest files")->required();
  check->callback([files, &exit_code] { exit_code = run_check(*files); });

  auto name = std::make_shared<std::string>();
  auto root = std::make_shared<std::string>("connectors");
  CLI::App* create = connectors.add_subcommand("new", "Write a connector manifest to start from");
  create->add_option("name", *name, "The connector's name (lower case)")->required();
  create->add_option("--dir", *root, "Folder that holds connector folders (default: connectors)");
  create->callback([name, root, &exit_code] { exit_code = run_new(*name, *root); });
  register_connector_cases_command(connectors, exit_code);
}

}  // namespace flowc::cli
