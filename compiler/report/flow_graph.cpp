#include "compiler/report/flow_graph.hpp"

#include <fmt/format.h>

namespace flowc {
namespace {

using Shape = FlowGraph::Shape;


class GraphBuilder {
 public:
  GraphBuilder(const ir::Flow& flow, std::string_view source_text) : flow_(flow), source_text_(source_text) {}

  FlowGraph build() {
    const ir::Source& source = flow_.source;
    const std::string source_node =
        add(Shape::Source, fmt::format("source {} = {}.{}", source.name, source.account, source.action));
    std::vector<Pending> open{{source_node, ""}};
    if (source.where) {
      const std::string where = add(Shape::Decision, "where");
      graph_.edges.push_back({source_node, where, ""});
      graph_.edges.push_back({where, add(Shape::End, "row filtered out"), "else"});
      open = {{where, condition_text(*source.where)}};
    }
    open = walk(flow_.steps, open);
    connect(open, add(Shape::End, "row done"));
    return std::move(graph_);
  }

 private:
  // An edge waiting for the next node: from `node`, labelled with the condition that leads on.
  struct Pending {
    std::string node;
    std::string label;
  };

  std::string add(Shape shape, std::string label) {
    std::string id = "n" + std::to_string(graph_.nodes.size());
    graph_.nodes.push_back({id, shape, std::move(label)});
    return id;
  }

  void connect(const std::vector<Pending>& open, const std::string& to) {
    for (const Pending& pending : open) {
      if (pending.node != to) graph_.edges.push_back({pending.node, to, pending.label});
    }
  }

  std::string condition_text(const ir::Condition& condition) const {
    const Span& span = condition.span;
    if (span.known() && span.length > 0 && span.offset + span.length <= source_text_.size()) {
      return std::string(source_text_.substr(span.offset, span.length));
    }
    return ir::condition_text(condition);
  }

  std::vector<Pending> walk(const std::vector<ir::Step>& steps, std::vector<Pending> open) {
    for (const ir::Step& step : steps) {
      if (step.kind == ir::Step::Kind::Send) {
        const ir::Send& send = step.send;
        const std::string target = fmt::format("{}.{}", send.account, send.action);
        const std::string node = add(Shape::Send, send.named ? "send " + send.name + " = " + target : "send " + target);
        connect(open, node);
        open = {{node, ""}};
      } else {
        open = walk_if(step.if_, open);
      }
    }
    return open;
  }

  // Each branch is a decision: its condition labels the edge into the branch, "else" the edge to
  // the next `else if` (or the `else` body, or past the `if` when there is none).
  std::vector<Pending> walk_if(const ir::If& if_, std::vector<Pending> open) {
    std::vector<Pending> after;
    for (std::size_t i = 0; i < if_.branches.size(); ++i) {
      const std::string decision = add(Shape::Decision, i == 0 ? "if" : "else if");
      connect(open, decision);
      const ir::Branch& branch = if_.branches[i];
      for (Pending& end : walk(branch.body, {{decision, condition_text(branch.condition)}})) after.push_back(end);
      open = {{decision, "else"}};
    }
    for (Pending& end : walk(if_.else_body, open)) after.push_back(end);
    return after;
  }

  const ir::Flow& flow_;
  std::string_view source_text_;
  FlowGraph graph_;
};

// Mermaid labels are quoted; quotes, angle brackets and `|` are written as entities so they can
// neither end the label nor be read as HTML or as the edge-label delimiter.
std::string mermaid_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '|': out += "#124;"; break;
      case '\n': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

std::string dot_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

}  // namespace

FlowGraph build_flow_graph(const ir::Flow& flow, std::string_view source_text) {
  return GraphBuilder(flow, source_text).build();
}

std::string render_mermaid(const FlowGraph& graph) {
  std::string out = "flowchart TD\n";
  for (const FlowGraph::Node& node : graph.nodes) {
    const std::string label = mermaid_escape(node.label);
    switch (node.shape) {
      case Shape::Source: out += fmt::format("  {}[(\"{}\")]\n", node.id, label); break;
      case Shape::Send: out += fmt::format("  {}[\"{}\"]\n", node.id, label); break;
      case Shape::Decision: out += fmt::format("  {}{{\"{}\"}}\n", node.id, label); break;
      case Shape::End: out += fmt::format("  {}([\"{}\"])\n", node.id, label); break;
    }
  }
  for (const FlowGraph::Edge& edge : graph.edges) {
    if (edge.label.empty()) {
      out += fmt::format("  {} --> {}\n", edge.from, edge.to);
    } else {
      out += fmt::format("  {} -->|\"{}\"| {}\n", edge.from, mermaid_escape(edge.label), edge.to);
    }
  }
  return out;
}

std::string render_dot(const FlowGraph& graph) {
  std::string out =
      "digraph flow {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const FlowGraph::Node& node : graph.nodes) {
    const char* shape = node.shape == Shape::Source     ? "cylinder"
                        : node.shape == Shape::Decision ? "diamond"
                        : node.shape == Shape::End      ? "oval"
                                                        : "box";
    out += fmt::format("  {} [label=\"{}\", shape={}];\n", node.id, dot_escape(node.label), shape);
  }
  for (const FlowGraph::Edge& edge : graph.edges) {
    if (edge.label.empty()) {
      out += fmt::format("  {} -> {};\n", edge.from, edge.to);
    } else {
      out += fmt::format("  {} -> {} [label=\"{}\"];\n", edge.from, edge.to, dot_escape(edge.label));
    }
  }
  return out + "}\n";
}

}  // namespace flowc
