// A flow as a diagram (`flowc graph`): the source and its `where` filter, each send, each `if`
// with its condition on the edge into its branch, and where every path of a row ends. Built once
// from the IR, rendered as Mermaid (for READMEs and GitHub) or Graphviz DOT.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"

namespace flowc {

struct FlowGraph {
  enum class Shape { Source, Send, Decision, End };
  struct Node {
    std::string id;  // n0, n1, ... in document order
    Shape shape = Shape::Send;
    std::string label;
  };
  struct Edge {
    std::string from;
    std::string to;
    std::string label;  // the condition that takes this edge, "else", or empty
  };
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

// `source_text` is the .flow the IR came from: conditions are labelled as the author wrote them.
// Without it (an IR file), they are labelled from the IR.
FlowGraph build_flow_graph(const ir::Flow& flow, std::string_view source_text = {});

std::string render_mermaid(const FlowGraph& graph);
std::string render_dot(const FlowGraph& graph);

}  // namespace flowc
