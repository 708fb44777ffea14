// Conditions: what each side may be, `NAME.result` comparisons, regexes, and the reasoning about
// which results a send can still have at a point of the flow (for "can never be true" warnings).
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "compiler/check/check_context.hpp"

namespace flowc::check {
namespace {

bool is_equality(ast::CompareOp op) {
  return op == ast::CompareOp::Eq || op == ast::CompareOp::Ne;
}
bool has_rhs(ast::CompareOp op) {
  return op != ast::CompareOp::IsEmpty && op != ast::CompareOp::IsNotEmpty;
}


unsigned result_bit(std::string_view name) {
  if (name == "success") return kSuccess;
  if (name == "fail") return kFail;
  if (name == "skipped") return kSkipped;
  return 0;
}

// `NAME.result` written as a reference, without resolving it (the facts only hold checked names).
std::optional<std::string> result_send(const ast::Value& value) {
  if (value.kind != ast::Value::Kind::Reference || value.reference.parts.size() != 2) return std::nullopt;
  if (value.reference.parts[1].text != "result") return std::nullopt;
  return value.reference.parts[0].text;
}

unsigned symbol_bit(const ast::Value& value) {
  if (value.kind != ast::Value::Kind::Reference || value.reference.parts.size() != 1) return 0;
  return result_bit(value.reference.parts[0].text);
}

// A `NAME.result ==/!= VALUE` comparison, in either order.
struct ResultTest {
  std::string send;
  unsigned value = 0;
  bool equal = true;
};

std::optional<ResultTest> result_test(const ast::Condition& c) {
  if (c.kind != ast::Condition::Kind::Compare || !is_equality(c.op)) return std::nullopt;
  std::optional<std::string> send = result_send(c.lhs);
  unsigned value = symbol_bit(c.rhs);
  if (!send) {
    send = result_send(c.rhs);
    value = symbol_bit(c.lhs);
  }
  if (!send || value == 0) return std::nullopt;
  return ResultTest{*send, value, c.op == ast::CompareOp::Eq};
}

unsigned possible(const ResultFacts& facts, const std::string& send) {
  const auto it = facts.find(send);
  return it == facts.end() ? kAnyResult : it->second;
}

// A comparison of two literals has a fixed outcome; nullopt when either side varies.
std::optional<bool> constant_outcome(const ast::Condition& c) {
  if (c.kind != ast::Condition::Kind::Compare || !is_equality(c.op)) return std::nullopt;
  auto literal = [](const ast::Value& v) -> std::optional<std::string> {
    if (v.kind == ast::Value::Kind::Number) {
      const std::optional<double> n = parse_number(v.number_text);
      return n ? std::optional<std::string>(fmt::format("{}", *n)) : std::nullopt;
    }
    if (v.kind == ast::Value::Kind::Bool) return v.boolean ? "true" : "false";
    return plain_text(v);
  };
  const std::optional<std::string> lhs = literal(c.lhs), rhs = literal(c.rhs);
  if (!lhs || !rhs) return std::nullopt;
  return (*lhs == *rhs) == (c.op == ast::CompareOp::Eq);
}

void check_result_comparison(Context& ctx, const ast::Condition& c, const ast::Value& subject, const ast::Value& other,
                             const Place& place) {
  const std::string result = subject.reference.dotted();
  if (!is_equality(c.op)) {
    ctx.error(codes::kResultOrdering, c.op_span, fmt::format("`{}` can only be compared with == or !=", result),
              fmt::format("e.g. `{} == fail`", result));
  }
  const ResolvedRef resolved = check_value_references(ctx, other, place, true);
  if (resolved.kind == RefKind::Symbol && result_bit(resolved.symbol) != 0) return;
  std::string help = "write `success`, `fail` or `skipped` without quotes";
  if (resolved.kind == RefKind::Symbol) {
    help = fmt::format("`{}` is not a result; {}", resolved.symbol, help);
  }
  ctx.error(codes::kBadResultValue, other.span, fmt::format("`{}` is `success`, `fail` or `skipped`", result), help);
}

void check_regex(Context& ctx, const ast::Value& pattern) {
  const std::optional<std::string> text = plain_text(pattern);
  if (!text) return;  // built at run time; the runtime reports a bad one
  RE2::Options options;
  options.set_log_errors(false);
  const RE2 re(*text, options);
  if (!re.ok()) {
    ctx.error(codes::kBadRegex, pattern.span, fmt::format("invalid regular expression: {}", re.error()),
              "the syntax is RE2's (https://github.com/google/re2/wiki/Syntax)");
  }
}

bool comparable(Context& ctx, const ast::Value& value) {
  if (value.kind != ast::Value::Kind::List && value.kind != ast::Value::Kind::Duration &&
      value.kind != ast::Value::Kind::Rate) {
    return true;
  }
  ctx.error(codes::kNotComparable, value.span, "conditions compare single values: text, numbers, true/false",
            "compare each item on its own, joined with `or`");
  return false;
}

void check_compare(Context& ctx, const ast::Condition& c, const Place& place) {
  if (!comparable(ctx, c.lhs) || (has_rhs(c.op) && !comparable(ctx, c.rhs))) return;
  // `fail == update.result` reads oddly but means the same: find the side holding the result.
  const std::optional<std::string> rhs_send = has_rhs(c.op) ? result_send(c.rhs) : std::nullopt;
  const bool swapped = rhs_send && ctx.sends.count(*rhs_send) && !result_send(c.lhs);
  const ast::Value& subject = swapped ? c.rhs : c.lhs;
  const ast::Value* other = has_rhs(c.op) ? (swapped ? &c.lhs : &c.rhs) : nullptr;
  const ResolvedRef resolved = check_value_references(ctx, subject, place, false);
  if (resolved.is_result()) {
    if (other) check_result_comparison(ctx, c, subject, *other, place);
    return;
  }
  if (!other) return;
  // After a broken `NAME.result` (already reported) a bare `fail` is not a second mistake.
  const std::optional<std::string> subject_send = result_send(subject);
  check_value_references(ctx, *other, place, subject_send && ctx.sends.count(*subject_send));
  if (c.op == ast::CompareOp::Matches) check_regex(ctx, c.rhs);
}

}  // namespace

void check_condition(Context& ctx, const ast::Condition& condition, const Place& place) {
  if (condition.kind == ast::Condition::Kind::Compare) {
    check_compare(ctx, condition, place);
    return;
  }
  for (const ast::Condition& operand : condition.operands) check_condition(ctx, operand, place);
}

bool never_true(const ast::Condition& c, const ResultFacts& facts) {
  switch (c.kind) {
    case ast::Condition::Kind::And:
      return std::any_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return never_true(o, facts); });
    case ast::Condition::Kind::Or:
      return std::all_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return never_true(o, facts); });
    case ast::Condition::Kind::Not: return !c.operands.empty() && always_true(c.operands[0], facts);
    case ast::Condition::Kind::Compare: break;
  }
  if (const std::optional<ResultTest> test = result_test(c)) {
    const unsigned can_be = possible(facts, test->send);
    return test->equal ? (can_be & test->value) == 0 : can_be == test->value;
  }
  const std::optional<bool> outcome = constant_outcome(c);
  return outcome && !*outcome;
}

bool always_true(const ast::Condition& c, const ResultFacts& facts) {
  switch (c.kind) {
    case ast::Condition::Kind::And:
      return std::all_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return always_true(o, facts); });
    case ast::Condition::Kind::Or:
      return std::any_of(c.operands.begin(), c.operands.end(), [&](const auto& o) { return always_true(o, facts); });
    case ast::Condition::Kind::Not: return !c.operands.empty() && never_true(c.operands[0], facts);
    case ast::Condition::Kind::Compare: break;
  }
  if (const std::optional<ResultTest> test = result_test(c)) {
    const unsigned can_be = possible(facts, test->send);
    return test->equal ? can_be == test->value : (can_be & test->value) == 0;
  }
  const std::optional<bool> outcome = constant_outcome(c);
  return outcome && *outcome;
}

FactScope::~FactScope() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
    if (it->second) {
      facts_[it->first] = *it->second;
    } else {
      facts_.erase(it->first);
    }
  }
}

void FactScope::set(const std::string& send, unsigned can_be) {
  const auto found = facts_.find(send);
  undo_.emplace_back(send, found == facts_.end() ? std::nullopt : std::optional<unsigned>(found->second));
  facts_[send] = can_be;
}

void FactScope::narrow(const ast::Condition& c, bool truth) {
  switch (c.kind) {
    case ast::Condition::Kind::And:
      if (truth) {
        for (const ast::Condition& operand : c.operands) narrow(operand, true);
      }
      return;
    case ast::Condition::Kind::Or:
      if (!truth) {
        for (const ast::Condition& operand : c.operands) narrow(operand, false);
      }
      return;
    case ast::Condition::Kind::Not:
      if (!c.operands.empty()) narrow(c.operands[0], !truth);
      return;
    case ast::Condition::Kind::Compare: break;
  }
  if (const std::optional<ResultTest> test = result_test(c)) {
    const unsigned can_be = possible(facts_, test->send);
    set(test->send, test->equal == truth ? (can_be & test->value) : (can_be & ~test->value));
  }
}

std::vector<std::string> result_sends(const ast::Condition& c) {
  std::vector<std::string> out;
  if (const std::optional<ResultTest> test = result_test(c)) out.push_back(test->send);
  for (const ast::Condition& operand : c.operands) {
    for (std::string& send : result_sends(operand)) out.push_back(std::move(send));
  }
  return out;
}

}  // namespace flowc::check
