// Re-checks IR loaded from JSON against the catalog before it runs: the file may have been
// edited by hand or written by another flowc version.
#pragma once

#include "ir/diagnostic.hpp"
#include "ir/ir.hpp"

namespace flowc {

// Reports (with the IR's spans, which point into the original .flow file) unknown connectors,
// actions and fields, missing required fields, secrets that are not env references, references
// to sends that do not come earlier or fields they cannot have, unknown filters, inconsistent
// send indexes and unknown time zones. The flow may run only when no error was added.
void validate_ir(const ir::Flow& flow, Diagnostics& diagnostics);

}  // namespace flowc
