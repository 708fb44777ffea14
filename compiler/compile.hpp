// The compile pipeline in one call: parse, check, lower. Used by `flowc check|compile|run`.
#pragma once

#include <optional>
#include <string>

#include "compiler/check/checker.hpp"
#include "ir/diagnostic.hpp"
#include "ir/ir.hpp"
#include "ir/source.hpp"

namespace flowc {

struct CompileResult {
  SourceFile source;
  Diagnostics diagnostics;       // sorted by position
  std::optional<ir::Flow> flow;  // set exactly when there are no errors (warnings allowed)
};

// Compiles `text` as the flow file `path` (the path is only used in messages and `flow.file`).
// Semantic checks run only when the text parses: checking a half-parsed flow would report
// mistakes that are not there.
CompileResult compile_source(std::string path, std::string text, const CheckOptions& options = {});

// Reads and compiles a .flow file. A file that cannot be read is a system failure, not a flow
// error: throws std::runtime_error("cannot read <path>: <reason>").
CompileResult compile_file(const std::string& path, const CheckOptions& options = {});

}  // namespace flowc
