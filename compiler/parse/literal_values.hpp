// Numbers, durations and rates as written in a flow, turned into values (checker and lowering).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "compiler/parse/ast.hpp"

namespace flowc {

// A decimal number as written (`12`, `-3.5`, `1e3`); nullopt when it is not one or not finite.
std::optional<double> parse_number(std::string_view text);

std::int64_t unit_millis(ast::TimeUnit unit);

// Durations longer than this are mistakes (and would overflow arithmetic on times).
inline constexpr std::int64_t kMaxDurationMillis = 100LL * 366 * 86'400'000;
// Rates above this many requests per period are mistakes.
inline constexpr double kMaxRateCount = 1e9;

// `30s` -> 30000; nullopt when the amount is not a number or the duration exceeds kMaxDurationMillis.
std::optional<std::int64_t> checked_duration_millis(const ast::Value& duration);
// The same for a duration the checker accepted (0 otherwise).
std::int64_t duration_millis(const ast::Value& duration);

}  // namespace flowc
