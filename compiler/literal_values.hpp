// Numbers, durations and rates as written in a flow, turned into values (checker and lowering).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/ast.hpp"

namespace flowc {

// A decimal number as written (`12`, `-3.5`, `1e3`); nullopt when it is not one or not finite.
std::optional<double> parse_number(std::string_view text);

std::int64_t unit_millis(ast::TimeUnit unit);

// `30s` -> 30000; `1.5h` -> 5400000. Assumes a checked amount.
std::int64_t duration_millis(const ast::Value& duration);

}  // namespace flowc
