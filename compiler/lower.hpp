// AST -> IR: resolves names, splits templates, converts durations, rates and times.
#pragma once

#include <string>

#include "compiler/parse/ast.hpp"
#include "ir/ir.hpp"

namespace flowc {

// Call only on a flow check_flow() accepted without errors: lowering trusts the checker and does
// not report problems. `file` is the .flow path, kept in the IR for `flow.file`; a flow without
// a `flow "..."` line is named after that file's stem.
ir::Flow lower_flow(const ast::Flow& flow, const std::string& file);

}  // namespace flowc
