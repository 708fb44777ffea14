// `flowc compile`: print a flow's checked IR as JSON (the stage the interpreter runs).
#include <cstdio>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/load_flow.hpp"
#include "compiler/compile.hpp"
#include "ir/ir_json.hpp"

namespace flowc::cli {
namespace {

struct CompileOptions {
  std::string file;
  std::string output;
};

int run_compile(const CompileOptions& options) {
  const std::optional<CompileResult> result = compile_or_report(options.file);
  if (!result) return kExitUsage;
  fmt::print(stderr, "{}", render_text(result->source, result->diagnostics.items()));
  if (!result->flow) return kExitFlowErrors;

  const std::string json = ir_to_json(*result->flow);
  if (options.output.empty() || options.output == "-") {
    fmt::print("{}", json);
    return kExitOk;
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << json;
  if (!out.flush()) {
    fmt::print(stderr, "flowc: cannot write {}\n", options.output);
    return kExitUsage;
  }
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
