// Text -> syntax tree. Syntax errors become diagnostics (codes E001-E019, listed in
// grammar/error_messages.hpp); after an error the parser resumes at the next top-level statement, so
// one run reports every independent mistake.
#pragma once

#include "compiler/parse/ast.hpp"
#include "ir/diagnostic.hpp"
#include "ir/source.hpp"

namespace flowc {

// Parses a whole .flow file. Never throws on bad input: a file that is not UTF-8 text yields one
// E018 and an empty Flow; otherwise every statement that parsed is in the Flow, errors or not.
ast::Flow parse_flow(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace flowc
