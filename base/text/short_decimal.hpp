// Decimals with few digits (amounts such as 19.99, quantities such as 3), read and written
// without the general algorithms, with exactly their results. Request bodies are full of them:
// every numeric cell of every row is read from text and written back as JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace flowc {

// The value of `whole`.`fraction` (both ASCII digits only), negated when `negative`: the double
// std::from_chars gives for the same text. nullopt when they have more than 15 digits together.
//
// Exact because the digits make an integer below 10^15 < 2^53 and 10^(fraction's length) are
// both exact doubles, and IEEE division rounds the exact quotient correctly, as from_chars
// rounds the text's value.
std::optional<double> short_decimal_value(std::string_view whole, std::string_view fraction, bool negative);

// Room short_decimal_text() needs: a sign, 15 digits, a point, a leading "0." or a trailing ".0".
inline constexpr std::size_t kShortDecimalChars = 20;

// rapidjson::Writer's text for `value` when `value` is the double nearest to a decimal of at
// most 15 significant digits and at most two places (12, 0.5, -19.99): that decimal, written as
// RapidJSON writes it ("12.0", "0.5", "-19.99"). Returns the length written to `out`, or 0 for
// any other value (0.0, 1e300, 0.001, NaN), which the caller writes the general way.
//
// Why the text is exactly RapidJSON's: Grisu2 produces the shortest digits inside the value's
// rounding interval (narrowed by at most ~3 units of its 64-bit arithmetic, where half an ulp
// is at least 2^9 units, a quarter ulp below a power of two 2^8). Two decimals of at most 15
// digits never share a double, so the decimal is the only one of its length or shorter in the
// interval; and with at most two places it lies at least 1/25 of a half (or quarter) ulp from
// the interval's edges (its distance is a multiple of 1/5^places of those units), i.e. >= 10
// units, beyond the narrowing. Tested against RapidJSON over every such value up to 10^6 and
// random ones beyond.
std::size_t short_decimal_text(double value, char* out);

}  // namespace flowc
