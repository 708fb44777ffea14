#include "cli/flows/load_flow.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/errors.hpp"
#include "cli/flows/flow_connectors.hpp"
#include "compiler/compile.hpp"
#include "ir/json/ir_json.hpp"
#include "ir/ir_validate.hpp"

namespace flowc::cli {
namespace {

bool is_ir_file(const std::string& path) { return path.ends_with(".json"); }

void print_diagnostics(const SourceFile& source, const Diagnostics& diagnostics) {
  fmt::print(stderr, "{}", render_text(source, diagnostics.items(), isatty(STDERR_FILENO) != 0));
}

// Why a flow could not load: its kind, and a message for `flowc: error: ` (empty: the
// diagnostics said it).
struct LoadProblem {
  ExitCode kind = kExitOk;
  std::string message;
};

std::optional<LoadedFlow> load_ir(const std::string& path, LoadProblem& problem) {
  std::optional<std::string> text = try_read_text_file(path, problem.message);
  if (!text) {
    problem.kind = kExitUsage;
    return std::nullopt;
  }
  std::string error;
  std::optional<ir::Flow> flow = ir_from_json(*text, error);
  if (!flow) {
    problem = {kExitFlowErrors, fmt::format("{}: {}", path, error)};
    return std::nullopt;
  }
  Diagnostics diagnostics;
  validate_ir(*flow, diagnostics);
  // The IR has no source text of its own: print against the .flow it names, if readable.
  SourceFile source(flow->file, {});
  if (diagnostics.has_errors()) {
    print_diagnostics(source, diagnostics);
    problem.kind = kExitFlowErrors;
    return std::nullopt;
  }
  return LoadedFlow{std::move(*flow), std::move(source)};
}

std::optional<LoadedFlow> compile_flow(const std::string& path, LoadProblem& problem) {
  std::optional<std::string> text = try_read_text_file(path, problem.message);
  if (!text) {
    problem.kind = kExitUsage;
    return std::nullopt;
  }
  CompileResult result = compile_source(path, std::move(*text));
  print_diagnostics(result.source, result.diagnostics);
  if (!result.flow) {
    problem = {kExitFlowErrors, {}};
    return std::nullopt;
  }
  return LoadedFlow{std::move(*result.flow), std::move(result.source)};
}

// The user connectors of the flow's folders first: the flow is checked against them.
bool add_connectors(const std::string& path, LoadProblem& problem) {
  const manifest::AddedConnectors added = add_flow_connectors(path);
  for (const manifest::ManifestResult& read : added.reported) print_diagnostics(read.source, read.diagnostics);
  if (!added.ok) problem = {kExitFlowErrors, {}};
  return added.ok;
}

std::optional<LoadedFlow> load(const std::string& path, LoadProblem& problem) {
  if (!add_connectors(path, problem)) return std::nullopt;
  return is_ir_file(path) ? load_ir(path, problem) : compile_flow(path, problem);
}

}  // namespace

LoadedFlow load_flow(const std::string& path) {
  LoadProblem problem;
  std::optional<LoadedFlow> loaded = load(path, problem);
  if (!loaded) throw CommandError(problem.kind, problem.message);
  return std::move(*loaded);
}

std::optional<LoadedFlow> try_load_flow(const std::string& path) {
  LoadProblem problem;
  std::optional<LoadedFlow> loaded = load(path, problem);
  if (!loaded && !problem.message.empty()) print_error(problem.message);
  return loaded;
}

}  // namespace flowc::cli
