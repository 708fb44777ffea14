// Shared by the flowtest tests: paths of the samples and a writer for test files in a temp dir.
#pragma once

#include <string>

#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {

inline std::string sample(const std::string& name) {
  return std::string(FLOWC_SOURCE_DIR) + "/samples/" + name;
}

}  // namespace flowc::testing
