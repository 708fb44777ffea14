// Semantic checks of a parsed flow: names, fields against the connector catalog, references,
// conditions, schedules and settings. Collects every problem in one pass.
#pragma once

#include "compiler/ast.hpp"
#include "compiler/diagnostic.hpp"
#include "compiler/source.hpp"

namespace flowc {

// Adds errors (E020..E099) and warnings (W001..W099) to `diagnostics`; see diagnostic_codes.hpp.
// A flow without errors can be lowered to IR.
void check_flow(const ast::Flow& flow, const SourceFile& source, Diagnostics& diagnostics);

}  // namespace flowc
