// Inputs the fuzzers (tests/fuzz) found, kept as ordinary tests so they run in every build.
#include <gtest/gtest.h>

#include <string>

#include "ir/json/ir_json.hpp"
#include "tests/support/fuzz_regression.hpp"

namespace flowc {
namespace {

using flowc::testing::fuzz_regression_input;

// fuzz_ir_loader: the number 0e000000212 made RapidJSON 1.1 call __builtin_clzll(0) (undefined
// behaviour clang's UBSan reports). The loader no longer lets RapidJSON convert numbers
// (base/json/json_parse.hpp): the text is the number 0, which is not a flow.
TEST(FuzzRegressions, ZeroMantissaWithHugeExponentIsNotAFlow) {
  const std::string input = fuzz_regression_input("ir_loader-zero-mantissa-huge-exponent.json");
  ASSERT_FALSE(input.empty());
  std::string error;
  EXPECT_FALSE(ir_from_json(input, error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find("not valid JSON"), std::string::npos) << error;  // valid JSON, just not an object
}

// fuzz_ir_loader: `0.0000000001e-2147483639` made RapidJSON 1.1 overflow a signed int adding the
// fraction's and the exponent's powers of ten. The number is 0; the file is still not a flow.
TEST(FuzzRegressions, ExponentSumOverflowIsNotAFlow) {
  const std::string input = fuzz_regression_input("ir_loader-exponent-sum-overflow.json");
  ASSERT_FALSE(input.empty());
  std::string error;
  EXPECT_FALSE(ir_from_json(input, error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(error.find("not valid JSON"), std::string::npos) << error;
}

}  // namespace
}  // namespace flowc
