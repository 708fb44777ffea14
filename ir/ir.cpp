#include "ir/ir.hpp"

#include <string_view>

namespace flowc::ir {
namespace {

std::string_view op_text(ir::CompareOp op) {
  switch (op) {
    case ir::CompareOp::Eq: return "==";
    case ir::CompareOp::Ne: return "!=";
    case ir::CompareOp::Lt: return "<";
    case ir::CompareOp::Le: return "<=";
    case ir::CompareOp::Gt: return ">";
    case ir::CompareOp::Ge: return ">=";
    case ir::CompareOp::Contains: return "contains";
    case ir::CompareOp::NotContains: return "not contains";
    case ir::CompareOp::StartsWith: return "starts with";
    case ir::CompareOp::EndsWith: return "ends with";
    case ir::CompareOp::Matches: return "matches";
    case ir::CompareOp::IsEmpty: return "is empty";
    case ir::CompareOp::IsNotEmpty: return "is not empty";
  }
  return "?";
}

std::string value_text(const ir::Value& value) {
  switch (value.kind) {
    case ir::Value::Kind::Ref: return value.ref.dotted();
    case ir::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ir::Value::Kind::Template: {
      std::string out = "\"";
      for (const ir::TemplatePart& part : value.parts) out += part.is_ref ? "{{" + part.ref.dotted() + "}}" : part.text;
      return out + "\"";
    }
    case ir::Value::Kind::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) out += (i == 0 ? "" : ", ") + value_text(value.items[i]);
      return out + "]";
    }
    default: return value.text;
  }
}

}  // namespace

std::string condition_text(const ir::Condition& condition) {
  switch (condition.kind) {
    case ir::Condition::Kind::Compare: {
      std::string out = value_text(condition.lhs) + " " + std::string(op_text(condition.op));
      if (condition.op != ir::CompareOp::IsEmpty && condition.op != ir::CompareOp::IsNotEmpty) {
        out += " " + value_text(condition.rhs);
      }
      return out;
    }
    case ir::Condition::Kind::Not: return "not (" + condition_text(condition.operands.at(0)) + ")";
    case ir::Condition::Kind::And:
    case ir::Condition::Kind::Or: {
      const char* join = condition.kind == ir::Condition::Kind::And ? " and " : " or ";
      std::string out;
      for (std::size_t i = 0; i < condition.operands.size(); ++i) {
        const bool group = condition.operands[i].kind == ir::Condition::Kind::And ||
                           condition.operands[i].kind == ir::Condition::Kind::Or;
        const std::string inner = condition_text(condition.operands[i]);
        out += (i == 0 ? "" : join) + (group ? "(" + inner + ")" : inner);
      }
      return out;
    }
  }
  return {};
}

std::optional<RefRoot> builtin_root(std::string_view word) {
  if (word == "env") return RefRoot::Env;
  if (word == "flow") return RefRoot::Flow;
  if (word == "run") return RefRoot::Run;
  if (word == "now") return RefRoot::Now;
  return std::nullopt;
}

std::string Ref::dotted() const {
  std::string out;
  switch (root) {
    case RefRoot::Row: out = "row"; break;
    case RefRoot::Send: out = send; break;
    case RefRoot::Env: out = "env"; break;
    case RefRoot::Flow: out = "flow"; break;
    case RefRoot::Run: out = "run"; break;
    case RefRoot::Now: return "now";
  }
  for (const std::string& part : path) out += "." + part;
  return out;
}

const Field* find_field(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& field : fields)
    if (field.is_named(name)) return &field;
  return nullptr;
}

void for_each_send(const std::vector<Step>& steps, const std::function<void(const Send&)>& visit) {
  for (const Step& step : steps) {
    if (step.kind == Step::Kind::Send) {
      visit(step.send);
      continue;
    }
    for (const Branch& branch : step.if_.branches) for_each_send(branch.body, visit);
    for_each_send(step.if_.else_body, visit);
  }
}

}  // namespace flowc::ir
