#include "cli/load_flow.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "compiler/compile.hpp"
#include "ir/ir_json.hpp"
#include "ir/ir_validate.hpp"

namespace flowc::cli {
namespace {

bool is_ir_file(const std::string& path) { return path.ends_with(".json"); }

std::optional<ir::Flow> load_ir(const std::string& path, int& exit_code) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    fmt::print(stderr, "flowc: cannot read {}\n", path);
    exit_code = kExitUsage;
    return std::nullopt;
  }
  std::string error;
  std::optional<ir::Flow> flow = ir_from_json(text.str(), error);
  if (!flow) {
    fmt::print(stderr, "{}: error: {}\n", path, error);
    exit_code = kExitFlowErrors;
    return std::nullopt;
  }
  Diagnostics diagnostics;
  validate_ir(*flow, diagnostics);
  if (diagnostics.has_errors()) {
    // The IR has no source text of its own: print against the .flow it names, if readable.
    SourceFile source(flow->file, {});
    fmt::print(stderr, "{}", render_text(source, diagnostics.items()));
    exit_code = kExitFlowErrors;
    return std::nullopt;
  }
  return flow;
}

}  // namespace

std::optional<CompileResult> compile_or_report(const std::string& path, const CheckOptions& options) {
  try {
    return compile_file(path, options);
  } catch (const std::exception& e) {
    fmt::print(stderr, "flowc: {}\n", e.what());
    return std::nullopt;
  }
}

std::optional<ir::Flow> load_flow_for_run(const std::string& path, int& exit_code) {
  if (is_ir_file(path)) return load_ir(path, exit_code);
  std::optional<CompileResult> result = compile_or_report(path);
  if (!result) {
    exit_code = kExitUsage;
    return std::nullopt;
  }
  fmt::print(stderr, "{}", render_text(result->source, result->diagnostics.items(), isatty(STDERR_FILENO) != 0));
  if (!result->flow) exit_code = kExitFlowErrors;
  return std::move(result->flow);
}

}  // namespace flowc::cli
