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

}  // namespace flowc::ir
