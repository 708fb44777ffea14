// Inputs the fuzzers (tests/fuzz) found, kept in tests/fuzz/regressions so ordinary tests replay
// them in every build and the fuzz run seeds from them.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace flowc::testing {

// The bytes of tests/fuzz/regressions/NAME; empty when the file is missing.
inline std::string fuzz_regression_input(const std::string& name) {
  std::ifstream in(std::string(FLOWC_SOURCE_DIR) + "/tests/fuzz/regressions/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace flowc::testing
