// Evaluating `where` and `if` conditions for one row.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ir/ir.hpp"
#include "runtime/eval/scope.hpp"

namespace re2 {
class RE2;
}

namespace flowc::runtime {

// Semantics:
// - `and` / `or` short-circuit; `not` negates.
// - `==` `!=` `<` `<=` `>` `>=` compare as numbers when both sides are plain numbers ("12", "-3.5",
//   "1e3"; see parse_strict_number), else as text: byte-wise for ordering, exact for equality.
// - `contains`, `not contains`, `starts with`, `ends with` are case-sensitive text tests.
// - `is empty` is true for text that is empty or only white space; `is not empty` is its negation.
// - `matches` is an RE2 search (the pattern may match anywhere; anchor it with ^ and $), which runs
//   in time linear in the text, so no pattern can hang a run.
// Operands: a template is rendered, a reference looked up, a number is its text as written, a
// symbol its name (`update.result == fail` compares the text "fail"), a boolean "true"/"false".
// Data problems (a missing column, a pattern rendered from data that is no valid regex) throw
// EvalError.
class ConditionEvaluator {
 public:
  // Compiles every `matches` pattern written as a literal in the flow's `where` and `if`s. The flow
  // must outlive the evaluator and stay where it is: patterns are keyed by condition address.
  // A literal pattern that does not compile throws std::invalid_argument (the checker rejects
  // those, so only a hand-edited IR file gets here).
  explicit ConditionEvaluator(const ir::Flow& flow);
  ~ConditionEvaluator();
  ConditionEvaluator(const ConditionEvaluator&) = delete;
  ConditionEvaluator& operator=(const ConditionEvaluator&) = delete;

  bool evaluate(const ir::Condition& condition, const Scope& scope) const;

 private:
  void precompile(const ir::Condition& condition);
  void precompile(const std::vector<ir::Step>& steps);
  bool compare(const ir::Condition& condition, const Scope& scope) const;
  bool matches(const ir::Condition& condition, std::string_view text, const Scope& scope) const;

  std::unordered_map<const ir::Condition*, std::unique_ptr<re2::RE2>> patterns_;
};

}  // namespace flowc::runtime
