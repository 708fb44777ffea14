// The error for a data problem met while evaluating one row (a missing column, a cell that is not
// a number, a date that cannot be read). It fails that row, not the run; the message names what
// and where, e.g. `row 7 has no column "qty"`.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace flowc::runtime {

class EvalError : public std::runtime_error {
 public:
  explicit EvalError(const std::string& message) : std::runtime_error(message) {}
};

// A data value quoted for an error message: valid UTF-8, control characters escaped, and cut to a
// readable length, so a hostile or huge cell cannot garble the message or the log it lands in.
std::string quote_value(std::string_view value);

}  // namespace flowc::runtime
