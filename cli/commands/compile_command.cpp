// `flowc compile`: print a flow's checked IR as JSON (the stage the interpreter runs).
#include <string>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/flows/load_flow.hpp"
#include "ir/json/ir_json.hpp"

namespace flowc::cli {
namespace {

struct CompileOptions {
  std::string file;
  std::string output;
};

int run_compile(const CompileOptions& options) {
  write_text_file(options.output, ir_to_json(load_flow(options.file).flow));
  return kExitOk;
}

}  // namespace

void register_compile_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* compile = app.add_subcommand("compile", "Compile a flow to its IR (JSON) after checking it");
  compile->add_option("file", options->file, "The .flow file")->required()->check(CLI::ExistingFile);
  compile->add_option("-o,--output", options->output, "Write the IR to this file instead of standard output");
  compile->callback([options, &exit_code] { exit_code = run_compile(*options); });
}

}  // namespace flowc::cli
