// What templates and conditions can read while one row runs.
#pragma once

#include <string>

#include "ir/ir.hpp"

namespace flowc::runtime {

struct Lookup {
  bool found = false;
  std::string text;   // the value as text (numbers as written, JSON objects as compact JSON)
  std::string error;  // when !found: says what is missing and where ("row 7 has no column \"qty\"")
};

// Resolves references for one row: its cells, earlier sends' outcomes, env, flow and run facts.
class Scope {
 public:
  virtual ~Scope() = default;
  virtual Lookup lookup(const ir::Ref& ref) const = 0;
  // The value of `ref` when the scope holds it as text already (a row's cell), without copying
  // it; null otherwise, and then lookup() answers. Templates read cells through this.
  virtual const std::string* text_in_place(const ir::Ref& /*ref*/) const { return nullptr; }
};

}  // namespace flowc::runtime
