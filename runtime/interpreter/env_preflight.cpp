#include "runtime/interpreter/env_preflight.hpp"

#include <cstdlib>
#include <map>

#include <fmt/format.h>

namespace flowc::runtime {
namespace {

// Collects env references by name, keeping the first place each is read.
class EnvCollector {
 public:
  void value(const ir::Value& value, const std::string& place) {
    if (value.kind == ir::Value::Kind::Ref) ref(value.ref, place);
    for (const ir::TemplatePart& part : value.parts) {
      if (part.is_ref) ref(part.ref, place);
    }
    for (const ir::Value& item : value.items) this->value(item, place);
  }

  void fields(const std::vector<ir::Field>& fields, const std::string& place) {
    for (const ir::Field& field : fields) value(field.value, place);
  }

  void condition(const ir::Condition& condition, const std::string& place) {
    value(condition.lhs, place);
    value(condition.rhs, place);
    for (const ir::Condition& operand : condition.operands) this->condition(operand, place);
  }

  void steps(const std::vector<ir::Step>& steps) {
    for (const ir::Step& step : steps) {
      if (step.kind == ir::Step::Kind::Send) {
        fields(step.send.fields, "send " + step.send.name);
        continue;
      }
      for (const ir::Branch& branch : step.if_.branches) {
        condition(branch.condition, "condition");
        this->steps(branch.body);
      }
      this->steps(step.if_.else_body);
    }
  }

  std::vector<EnvRead> reads() const {
    std::vector<EnvRead> out;
    for (const auto& [name, read] : by_name_) out.push_back(read);
    return out;
  }

 private:
  void ref(const ir::Ref& ref, const std::string& place) {
    if (ref.root != ir::RefRoot::Env || ref.path.empty()) return;
    by_name_.try_emplace(ref.path[0], EnvRead{ref.path[0], place, ref.span});
  }

  std::map<std::string, EnvRead> by_name_;
};

}  // namespace

std::vector<EnvRead> env_reads(const ir::Flow& flow, EnvReach reach) {
  EnvCollector collect;
  for (const ir::Account& account : flow.accounts) {
    if (reach == EnvReach::Everything || account.name == flow.source.account) {
      collect.fields(account.fields, "account " + account.name);
    }
  }
  collect.fields(flow.source.fields, "source " + flow.source.name);
  if (flow.source.where) collect.condition(*flow.source.where, "source " + flow.source.name + " where");
  if (reach == EnvReach::Everything) collect.steps(flow.steps);
  return collect.reads();
}

std::vector<EnvRead> unset_env(const ir::Flow& flow, EnvReach reach) {
  std::vector<EnvRead> unset;
  for (EnvRead& read : env_reads(flow, reach)) {
    if (std::getenv(read.name.c_str()) == nullptr) unset.push_back(std::move(read));
  }
  return unset;
}

std::string unset_env_message(const ir::Flow& flow, const std::vector<EnvRead>& unset) {
  std::string lines;
  for (const EnvRead& read : unset) {
    const std::string line = read.span.known() ? fmt::format(", {}:{}", flow.file, read.span.line) : "";
    lines += fmt::format("\n  env.{}  ({}{})", read.name, read.place, line);
  }
  return fmt::format(
      "{} environment variable{} the flow reads {} not set; nothing was read, sent or recorded:{}\n"
      "Set {} (or load a file of KEY=VALUE lines with --env-file FILE) and run again.",
      unset.size(), unset.size() == 1 ? "" : "s", unset.size() == 1 ? "is" : "are", lines,
      unset.size() == 1 ? "it" : "them");
}

}  // namespace flowc::runtime
