// Run options as a program that runs flows makes them: the built-in connectors handed to the run.
#pragma once

#include "connectors/list.hpp"
#include "runtime/interpreter/interpreter.hpp"

namespace flowc::testing {

inline runtime::RunOptions builtin_run_options() {
  runtime::RunOptions options;
  options.connectors = &runtime::connectors::installed_connectors();
  return options;
}

}  // namespace flowc::testing
