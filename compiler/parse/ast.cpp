#include "compiler/parse/ast.hpp"

namespace flowc::ast {
namespace {
std::string join(const std::vector<Name>& parts) {
  std::string out;
  for (const Name& part : parts) {
    if (!out.empty()) out += '.';
    out += part.text;
  }
  return out;
}
}  // namespace

std::string Reference::dotted() const { return join(parts); }
std::string Field::dotted() const { return join(path); }

}  // namespace flowc::ast
