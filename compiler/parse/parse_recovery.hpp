// Where the parser picks up again after a syntax error, so one run reports every independent
// mistake without a second, bogus error caused by the first.
#pragma once

#include <cstddef>
#include <string_view>

namespace flowc::parse_recovery {

// The offset of the line where reading resumes after an error at `error_offset` inside the
// top-level statement that starts at `statement_begin`, with `open_ifs` `if` blocks opened (in
// that statement) and not yet closed. Reading resumes at the first later line that:
//  - starts with `flow`, `account`, `source`, `schedule` or `settings` (these never appear inside an
//    `if`, so a missing `end` or `}` is not allowed to swallow them), or
//  - starts with `send` or `if` once every open `if` has been closed by its `end` line, or
//  - follows the `end` line that closes the last open `if`;
// and is indented no deeper than the failed statement. The error's own line counts only if the error
// sits at its first word (a missing `}` or `end` noticed at the next statement). Always past
// `statement_begin`; the end of the text if no line qualifies.
std::size_t resume_offset(std::string_view text, std::size_t statement_begin, std::size_t error_offset,
                          std::size_t open_ifs);

}  // namespace flowc::parse_recovery
