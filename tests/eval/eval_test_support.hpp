// Builders for IR values and a map-backed Scope, so evaluation tests read like the flow they test.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/eval/scope.hpp"

namespace flowc::runtime::testing {

// A Scope over fixed values keyed by the reference as written ("row.qty", "update.result").
class MapScope : public Scope {
 public:
  MapScope() = default;
  MapScope(std::initializer_list<std::pair<const std::string, std::string>> values) : values_(values) {}
  void set(const std::string& dotted, std::string text) { values_[dotted] = std::move(text); }

  Lookup lookup(const ir::Ref& ref) const override {
    ++lookups_;
    const auto found = values_.find(ref.dotted());
    if (found == values_.end()) return Lookup{false, "", "row 7 has no column \"" + ref.dotted() + "\""};
    return Lookup{true, found->second, ""};
  }
  int lookups() const { return lookups_; }

 private:
  std::map<std::string, std::string> values_;
  mutable int lookups_ = 0;
};

// "row.qty" -> Row ref; "env.X", "flow.name", "run.id", "now"; anything else is a send's name.
inline ir::Ref ref(const std::string& dotted) {
  ir::Ref out;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = dotted.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(dotted.substr(start, dot - start));
  }
  parts.push_back(dotted.substr(start));
  const std::string root = parts.front();
  parts.erase(parts.begin());
  if (root == "row") {
    out.root = ir::RefRoot::Row;
  } else if (const std::optional<ir::RefRoot> builtin = ir::builtin_root(root)) {
    out.root = *builtin;
  } else {
    out.root = ir::RefRoot::Send;
    out.send = root;
  }
  out.path = parts;
  return out;
}

inline ir::Filter filter(std::string name, std::vector<std::string> args = {}) {
  return ir::Filter{std::move(name), std::move(args)};
}

inline ir::TemplatePart lit(std::string text) {
  ir::TemplatePart part;
  part.text = std::move(text);
  return part;
}

inline ir::TemplatePart part(const std::string& dotted, std::vector<ir::Filter> filters = {}) {
  ir::TemplatePart out;
  out.is_ref = true;
  out.ref = ref(dotted);
  out.filters = std::move(filters);
  return out;
}

inline ir::Value tmpl(std::vector<ir::TemplatePart> parts) {
  ir::Value value;
  value.kind = ir::Value::Kind::Template;
  value.parts = std::move(parts);
  return value;
}

inline ir::Value text(std::string literal) {
  return tmpl({lit(std::move(literal))});
}

inline ir::Value refv(const std::string& dotted) {
  ir::Value value;
  value.kind = ir::Value::Kind::Ref;
  value.ref = ref(dotted);
  return value;
}

inline ir::Value num(const std::string& as_written) {
  ir::Value value;
  value.kind = ir::Value::Kind::Number;
  value.text = as_written;
  value.number = std::stod(as_written);
  return value;
}

inline ir::Value sym(std::string name) {
  ir::Value value;
  value.kind = ir::Value::Kind::Symbol;
  value.text = std::move(name);
  return value;
}

inline ir::Value boolean(bool b) {
  ir::Value value;
  value.kind = ir::Value::Kind::Bool;
  value.boolean = b;
  return value;
}

inline ir::Value list(std::vector<ir::Value> items) {
  ir::Value value;
  value.kind = ir::Value::Kind::List;
  value.items = std::move(items);
  return value;
}

inline ir::Condition compare(ir::Value lhs, ir::CompareOp op, ir::Value rhs = {}) {
  ir::Condition condition;
  condition.kind = ir::Condition::Kind::Compare;
  condition.op = op;
  condition.lhs = std::move(lhs);
  condition.rhs = std::move(rhs);
  return condition;
}

inline ir::Condition join(ir::Condition::Kind kind, std::vector<ir::Condition> operands) {
  ir::Condition condition;
  condition.kind = kind;
  condition.operands = std::move(operands);
  return condition;
}

}  // namespace flowc::runtime::testing
