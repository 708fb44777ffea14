// Inputs fuzz_response_json (tests/fuzz) found, kept as ordinary tests so they run in every build.
#include <gtest/gtest.h>

#include <string>

#include "runtime/connector_kit/error_text.hpp"
#include "runtime/json_util.hpp"
#include "tests/support/fuzz_regression.hpp"

namespace flowc::runtime::testing {
namespace {

using flowc::testing::fuzz_regression_input;

// A service answering with a number whose exponents RapidJSON 1.1 adds in a signed int that
// overflows (`0.0000000001e-2147483639`): undefined behaviour under UBSan. Such a body must still
// be read as the JSON it is (the number is 0) and give its message.
TEST(ResponseFuzzRegressions, NumberWithOverflowingExponentSumIsZero) {
  const std::string input = fuzz_regression_input("response_json-exponent-sum-overflow.bin");
  ASSERT_GT(input.size(), 1u);
  HttpResponse response;
  response.status = 400;
  response.body = input.substr(1);  // the first byte picks the fuzzer's status
  auto parsed = connectors::parse_json(response.body);
  ASSERT_TRUE(parsed);
  const rapidjson::Value& code = (*parsed)["error"]["code"];
  ASSERT_TRUE(code.IsNumber());
  EXPECT_EQ(code.GetDouble(), 0.0);
  EXPECT_NE(connectors::error_text(response).find('x'), std::string::npos) << connectors::error_text(response);
  EXPECT_TRUE(connectors::response_fields(response).IsObject());
}

}  // namespace
}  // namespace flowc::runtime::testing
