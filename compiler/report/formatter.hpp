// `flowc fmt`: one canonical layout for .flow files.
//
// The formatter re-lays out tokens rather than printing the AST. The AST drops what a formatter must
// keep: comments, the spelling of strings (escapes, `"""` blocks), numbers as written (`1.50`).
// The language is line-oriented (a statement ends at the end of its line), so layout is a matter
// of each line's indentation and the spacing between its tokens; tokens themselves are copied
// verbatim. Safety does not rest on this argument alone: format_flow() compiles the text before
// and after and refuses to return a result whose IR differs (spans aside).
//
// The layout: two spaces of indentation per `if`/`else` branch and per open `{`, `[` or `(`; the
// `=` of the fields of a block aligned (the fields that start a line); one space around `=` and
// comparison operators, `{ a = 1  b = 2 }` on one line with two spaces between fields; two
// spaces before a trailing comment; no trailing spaces; at most one blank line in a row and none
// at the start or end; `"""` strings kept exactly as written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ir/diagnostic.hpp"

namespace flowc {

struct FormatResult {
  std::optional<std::string> text;  // the formatted file; nullopt when it cannot be formatted
  Diagnostics diagnostics;          // the syntax errors that stop formatting
  std::string internal_error;       // set when the layout would have changed the flow's meaning
};

FormatResult format_flow(const std::string& path, const std::string& text);

// The layout alone, without the compile-before-and-after check (tests use it to look at layout).
std::string layout_flow(const std::string& text);

// The `#` comments of a flow, in order, as written (strings skipped): the formatter keeps them all.
std::vector<std::string> flow_comments(const std::string& text);

// What a flow means, position aside: its IR as JSON without spans, or, when it does not compile,
// its diagnostics' codes and messages. Two layouts of one flow have the same meaning.
std::string flow_meaning(const std::string& path, const std::string& text);

}  // namespace flowc
