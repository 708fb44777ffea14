// `flowc graph`: the diagram of the seed scenario has the right nodes and edges (conditions on the
// edges into branches, "else" past them, every path ending in "row done"), escapes labels, works
// from an IR file, and its DOT renders with Graphviz when `dot` is installed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "compiler/report/flow_graph.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

const std::string kSeed = std::string(FLOWC_SOURCE_DIR) + "/samples/keepincrm_update_or_create.flow";

using EdgeKey = std::tuple<std::string, std::string, std::string>;  // from label, to label, edge label

// Edges by node labels, so the test does not depend on the numbering of nodes.
std::set<EdgeKey> edges_by_label(const FlowGraph& graph) {
  std::map<std::string, std::string> label;
  for (const FlowGraph::Node& node : graph.nodes) label[node.id] = node.label;
  std::set<EdgeKey> out;
  for (const FlowGraph::Edge& edge : graph.edges) out.insert({label[edge.from], label[edge.to], edge.label});
  return out;
}

TEST(FlowGraph, SeedScenarioHasEveryStepBranchAndEnd) {
  const CompileResult result = compile_file(kSeed);
  ASSERT_TRUE(result.flow);
  const FlowGraph graph = build_flow_graph(*result.flow, result.source.text());
  const std::set<EdgeKey> expected{
      {"source row = sheets.new_rows", "where", ""},
      {"where", "row filtered out", "else"},
      {"where", "send update = crm.update_order", "row.order_id is not empty and row.status != \"draft\""},
      {"send update = crm.update_order", "if", ""},
      {"if", "send create = crm.create_order", "update.result == fail"},
      {"if", "row done", "else"},
      {"send create = crm.create_order", "if", ""},
      {"if", "send bot.send_message", "create.result == fail"},
      {"send bot.send_message", "row done", ""},
  };
  EXPECT_EQ(edges_by_label(graph), expected);
  EXPECT_EQ(graph.edges.size(), 10u);  // both ifs have an "else" edge to "row done"
  EXPECT_EQ(graph.nodes.size(), 9u);
}

TEST(FlowGraph, ElseIfChainsAndElseBodiesWithoutSource) {
  const ir::Flow flow = compile_or_fail(R"(flow "branches"
account files = csv {}
account bot   = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }
source row = files.new_rows { path = "orders.csv" }
if row.kind == "a" then
  send bot.send_message { chat_id = "1"  text = "a" }
else if row.kind == "b" or not (row.total > 10) then
  send bot.send_message { chat_id = "1"  text = "b" }
else
  send bot.send_message { chat_id = "1"  text = "c" }
end
)");
  // No source text: conditions are rebuilt from the IR.
  const FlowGraph graph = build_flow_graph(flow);
  const std::set<EdgeKey> edges = edges_by_label(graph);
  EXPECT_EQ(edges.count({"if", "else if", "else"}), 1u);
  EXPECT_EQ(edges.count({"if", "send bot.send_message", "row.kind == \"a\""}), 1u);
  EXPECT_EQ(edges.count({"else if", "send bot.send_message", "row.kind == \"b\" or not (row.total > 10)"}), 1u);
  EXPECT_EQ(edges.count({"else if", "send bot.send_message", "else"}), 1u);
  EXPECT_EQ(std::count_if(graph.edges.begin(), graph.edges.end(),
                          [&](const FlowGraph::Edge& e) { return e.to == graph.nodes.back().id; }),
            3)
      << "each of the three sends ends the row";
}

TEST(GraphCommand, MermaidEscapesQuotesAndComparisons) {
  const CommandResult result = run_flowc("graph " + kSeed);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.out.starts_with("flowchart TD\n")) << result.out;
  EXPECT_NE(result.out.find("-->|\"row.order_id is not empty and row.status != #quot;draft#quot;\"|"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("[(\"source row = sheets.new_rows\")]"), std::string::npos) << result.out;
}

TEST(GraphCommand, FlowWithErrorsHasNoGraph) {
  TempDir dir;
  const std::string file = dir.write("bad.flow", "flow \"x\"\nsned x\n");
  const CommandResult result = run_flowc("graph " + file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("error[E001]"), std::string::npos) << result.err;
}

TEST(GraphCommand, WorksFromACompiledIrFile) {
  TempDir dir;
  const std::string ir = (dir.path() / "seed.json").string();
  ASSERT_EQ(run_flowc("compile " + kSeed + " -o " + ir).exit_code, 0);
  const CommandResult result = run_flowc("graph --format dot " + ir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("[label=\"update.result == fail\"]"), std::string::npos) << result.out;
}

TEST(GraphCommand, DotRendersWithGraphviz) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) GTEST_SKIP() << "Graphviz `dot` is not installed";
  TempDir dir;
  const std::string dot_file = (dir.path() / "seed.dot").string();
  const std::string png = (dir.path() / "seed.png").string();
  ASSERT_EQ(run_flowc("graph --format dot " + kSeed + " > " + dot_file).exit_code, 0);
  ASSERT_EQ(std::system(("dot -Tpng " + dot_file + " -o " + png).c_str()), 0);
  EXPECT_GT(std::filesystem::file_size(png), 1000u);
}

}  // namespace
}  // namespace flowc::testing
