// Inputs the fuzzers (tests/fuzz) found, kept as ordinary tests so they run in every build.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "compiler/ir_json.hpp"

namespace flowc {
namespace {

std::string regression_input(const std::string& name) {
  std::ifstream in(std::string(FLOWC_SOURCE_DIR) + "/tests/fuzz/regressions/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// fuzz_ir_loader: the number 0e000000212 makes RapidJSON 1.1 call __builtin_clzll(0) (undefined
// behaviour clang's UBSan reports). Whatever the parser makes of it, the loader must answer with
// an error, not a flow and not a crash.
TEST(FuzzRegressions, ZeroMantissaWithHugeExponentIsNotAFlow) {
  const std::string input = regression_input("ir_loader-zero-mantissa-huge-exponent.json");
  ASSERT_FALSE(input.empty());
  std::string error;
  EXPECT_FALSE(ir_from_json(input, error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace flowc
