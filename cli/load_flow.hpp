// Loads what a run-type command executes: a .flow (compiled now) or an IR file from
// `flowc compile` (validated again, since files can be edited or come from another version).
#pragma once

#include <optional>
#include <string>

#include "compiler/compile.hpp"
#include "ir/ir.hpp"

namespace flowc::cli {

// Compiles a .flow; a file that cannot be read is reported on stderr and gives nullopt.
std::optional<CompileResult> compile_or_report(const std::string& path, const CheckOptions& options = {});

// Prints diagnostics to stderr; nullopt when the flow cannot run. `exit_code` says why.
std::optional<ir::Flow> load_flow_for_run(const std::string& path, int& exit_code);

}  // namespace flowc::cli
