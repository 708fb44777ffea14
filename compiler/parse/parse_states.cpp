#include "compiler/parse/parse_states.hpp"

#include <fmt/format.h>

namespace flowc::parse_states {

std::pair<std::string, std::string> split_coded_message(std::string_view coded_message) {
  const std::size_t space = coded_message.find(' ');
  if (space == std::string_view::npos) return {"E001", std::string(coded_message)};
  return {std::string(coded_message.substr(0, space)), std::string(coded_message.substr(space + 1))};
}

void ParseContext::report(std::string_view coded_message, Span span, std::string help) {
  if (too_many_errors()) return;
  ++error_count_;
  auto [code, message] = split_coded_message(coded_message);
  diagnostics_.error(std::move(code), span, std::move(message), std::move(help));
}

void TopState::add_simple_string(ast::Name name) {
  ast::Flow& flow = ctx.flow();
  if (flow.name) {
    ctx.report(grammar::messages::kSecondFlowName, name.span,
               fmt::format("the first `flow` line is line {}", flow.name->span.line));
    return;
  }
  flow.name = std::move(name);
}

void SourceState::add_condition(ast::Condition condition) {
  if (node.where) {
    ctx.report(grammar::messages::kSecondWhere, condition.span,
               fmt::format("the first `where` is on line {}", node.where->span.line));
    return;
  }
  node.where = std::move(condition);
}

ast::Condition combine(ast::Condition::Kind kind, std::vector<ast::Condition> operands, Span span) {
  if (operands.size() == 1) return std::move(operands.front());
  ast::Condition combined;
  combined.kind = kind;
  combined.span = span;
  combined.operands = std::move(operands);
  return combined;
}

}  // namespace flowc::parse_states
