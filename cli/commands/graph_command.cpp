// `flowc graph FILE [--format mermaid|dot]`: the flow as a diagram on stdout. A .flow is compiled
// first (a flow with errors has no graph); an IR file from `flowc compile` works too.
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/flows/load_flow.hpp"
#include "compiler/report/flow_graph.hpp"

namespace flowc::cli {
namespace {

struct GraphOptions {
  std::string file;
  std::string format = "mermaid";
};

int run_graph(const GraphOptions& options) {
  const LoadedFlow loaded = load_flow(options.file);
  const FlowGraph graph = build_flow_graph(loaded.flow, loaded.source.text());
  fmt::print("{}", options.format == "dot" ? render_dot(graph) : render_mermaid(graph));
  return kExitOk;
}

}  // namespace

void register_graph_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* graph = app.add_subcommand("graph", "Print a flow as a diagram (Mermaid or Graphviz DOT)");
  graph->add_option("file", options->file, "The .flow (or compiled .json) file")->required()->check(CLI::ExistingFile);
  graph->add_option("--format", options->format, "mermaid (default) or dot")->check(CLI::IsMember({"mermaid", "dot"}));
  graph->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace flowc::cli
