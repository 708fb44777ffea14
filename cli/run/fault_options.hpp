// The sandbox's fault-injection flags, shared by `flowc sandbox` and `flowc run --sandbox`.
#pragma once

#include <CLI/CLI.hpp>

#include "tools/sandbox/faults.hpp"

namespace flowc::cli {

void add_fault_options(CLI::App& command, sandbox::Faults& faults);

}  // namespace flowc::cli
