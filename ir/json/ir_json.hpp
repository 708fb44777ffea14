// The IR as JSON: what `flowc compile` prints and `flowc run` loads back.
// Output is deterministic (fixed key order, same flow -> same bytes), versioned ("flowc_ir": 1)
// and keeps source spans as "at": [line, column, length]. Environment references stay
// references, so the JSON never holds a secret's value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ir/ir.hpp"

namespace flowc {

std::string ir_to_json(const ir::Flow& flow);

// Parses and shape-checks IR JSON. On failure returns nullopt and sets `error` to a message that
// names the JSON path: `steps[1].if.branches[0].condition.op: unknown operator "=="`.
// The result still needs validate_ir() against the catalog before it runs.
std::optional<ir::Flow> ir_from_json(std::string_view text, std::string& error);

// The operator names the JSON uses ("eq", "not_contains", ...), shared with the loader.
std::string_view compare_op_name(ir::CompareOp op);

}  // namespace flowc
