#include "compiler/ir.hpp"

namespace flowc::ir {

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
