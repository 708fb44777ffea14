// Loads the flow a command works on: a .flow (compiled now) or an IR file from `flowc compile`
// (validated again, since files can be edited or come from another version). Its diagnostics
// go to stderr; the one place of the compile -> print diagnostics -> exit pattern.
#pragma once

#include <optional>
#include <string>

#include "compiler/compile.hpp"
#include "ir/ir.hpp"
#include "ir/source.hpp"

namespace flowc::cli {

// A flow without errors, and the text it came from (empty for an IR file).
struct LoadedFlow {
  ir::Flow flow;
  SourceFile source;
};

// Throws UsageError when the file cannot be read, FlowErrors when the flow has errors.
LoadedFlow load_flow(const std::string& path);

// As load_flow, for a command that goes on after a flow that cannot load (serve reloading its
// files): nullopt, the problem printed.
std::optional<LoadedFlow> try_load_flow(const std::string& path);

}  // namespace flowc::cli
