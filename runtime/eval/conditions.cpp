#include "runtime/eval/conditions.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <stdexcept>

#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/filters/number_text.hpp"
#include "runtime/eval/template_render.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

// A pattern fixed in the flow text: a template without references.
bool is_literal_pattern(const ir::Value& value) {
  return value.kind == ir::Value::Kind::Template &&
         std::none_of(value.parts.begin(), value.parts.end(), [](const ir::TemplatePart& p) { return p.is_ref; });
}

std::string literal_text(const ir::Value& value) {
  std::string text;
  for (const ir::TemplatePart& part : value.parts) text += part.text;
  return text;
}

std::unique_ptr<re2::RE2> compile_pattern(const std::string& pattern) {
  re2::RE2::Options options;
  options.set_log_errors(false);  // a bad pattern is reported to the user, not printed by RE2
  return std::make_unique<re2::RE2>(pattern, options);
}

// The operand's text, viewed in place when it is a cell or literal, else rendered into `scratch`.
std::string_view operand_text(const ir::Value& value, const Scope& scope, std::string& scratch) {
  if (std::optional<std::string_view> text = scalar_value_view(value, scope, scratch)) return *text;
  throw EvalError("a list, duration or rate cannot be compared");
}

// <0, 0, >0 like strcmp; numerically when both sides are numbers.
int order(std::string_view lhs, std::string_view rhs) {
  const std::optional<double> left = parse_strict_number(lhs);
  const std::optional<double> right = left ? parse_strict_number(rhs) : std::nullopt;
  if (left && right) return *left < *right ? -1 : (*left > *right ? 1 : 0);
  const int result = lhs.compare(rhs);  // compares as unsigned bytes
  return result < 0 ? -1 : (result > 0 ? 1 : 0);
}

}  // namespace

ConditionEvaluator::ConditionEvaluator(const ir::Flow& flow) {
  if (flow.source.where) precompile(*flow.source.where);
  precompile(flow.steps);
}

ConditionEvaluator::~ConditionEvaluator() = default;

void ConditionEvaluator::precompile(const std::vector<ir::Step>& steps) {
  for (const ir::Step& step : steps) {
    if (step.kind != ir::Step::Kind::If) continue;
    for (const ir::Branch& branch : step.if_.branches) {
      precompile(branch.condition);
      precompile(branch.body);
    }
    precompile(step.if_.else_body);
  }
}

void ConditionEvaluator::precompile(const ir::Condition& condition) {
  for (const ir::Condition& operand : condition.operands) precompile(operand);
  if (condition.kind != ir::Condition::Kind::Compare || condition.op != ir::CompareOp::Matches) return;
  if (!is_literal_pattern(condition.rhs)) return;
  const std::string pattern = literal_text(condition.rhs);
  std::unique_ptr<re2::RE2> compiled = compile_pattern(pattern);
  if (!compiled->ok()) {
    throw std::invalid_argument("line " + std::to_string(condition.span.line) + ": pattern " + quote_value(pattern) +
                                " is not a valid regular expression: " + compiled->error());
  }
  patterns_.emplace(&condition, std::move(compiled));
}

bool ConditionEvaluator::evaluate(const ir::Condition& condition, const Scope& scope) const {
  switch (condition.kind) {
    case ir::Condition::Kind::And:
      return std::all_of(condition.operands.begin(), condition.operands.end(),
                         [&](const ir::Condition& operand) { return evaluate(operand, scope); });
    case ir::Condition::Kind::Or:
      return std::any_of(condition.operands.begin(), condition.operands.end(),
                         [&](const ir::Condition& operand) { return evaluate(operand, scope); });
    case ir::Condition::Kind::Not:
      if (condition.operands.size() != 1) throw EvalError("`not` needs exactly one condition");
      return !evaluate(condition.operands.front(), scope);
    case ir::Condition::Kind::Compare: return compare(condition, scope);
  }
  throw EvalError("unknown condition kind");
}

bool ConditionEvaluator::compare(const ir::Condition& condition, const Scope& scope) const {
  std::string lhs_scratch;
  std::string rhs_scratch;
  const std::string_view lhs = operand_text(condition.lhs, scope, lhs_scratch);
  switch (condition.op) {
    case ir::CompareOp::IsEmpty: return utf8::is_blank(lhs);
    case ir::CompareOp::IsNotEmpty: return !utf8::is_blank(lhs);
    case ir::CompareOp::Matches: return matches(condition, lhs, scope);
    default: break;
  }
  const std::string_view rhs = operand_text(condition.rhs, scope, rhs_scratch);
  switch (condition.op) {
    case ir::CompareOp::Eq: return order(lhs, rhs) == 0;
    case ir::CompareOp::Ne: return order(lhs, rhs) != 0;
    case ir::CompareOp::Lt: return order(lhs, rhs) < 0;
    case ir::CompareOp::Le: return order(lhs, rhs) <= 0;
    case ir::CompareOp::Gt: return order(lhs, rhs) > 0;
    case ir::CompareOp::Ge: return order(lhs, rhs) >= 0;
    case ir::CompareOp::Contains: return lhs.find(rhs) != std::string_view::npos;
    case ir::CompareOp::NotContains: return lhs.find(rhs) == std::string_view::npos;
    case ir::CompareOp::StartsWith: return lhs.starts_with(rhs);
    case ir::CompareOp::EndsWith: return lhs.ends_with(rhs);
    default: break;
  }
  throw EvalError("unknown comparison operator");
}

bool ConditionEvaluator::matches(const ir::Condition& condition, std::string_view text, const Scope& scope) const {
  const re2::StringPiece subject(text.data(), text.size());
  if (const auto found = patterns_.find(&condition); found != patterns_.end()) {
    return re2::RE2::PartialMatch(subject, *found->second);
  }
  // A pattern rendered from data (or a condition from outside the flow) is compiled per use.
  std::string scratch;
  const std::string pattern(operand_text(condition.rhs, scope, scratch));
  const std::unique_ptr<re2::RE2> compiled = compile_pattern(pattern);
  if (!compiled->ok()) {
    // RE2's reason quotes the pattern too, so neither is shown for a pattern read from env.
    if (reads_env(condition.rhs)) throw EvalError("the pattern read from env is not a valid regular expression");
    throw EvalError("pattern " + quote_value(pattern) + " is not a valid regular expression: " + compiled->error());
  }
  return re2::RE2::PartialMatch(subject, *compiled);
}

}  // namespace flowc::runtime
