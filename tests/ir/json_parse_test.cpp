// parse_json_document: RapidJSON's reader with flowc's own number conversion (json_parse.hpp).
#include "base/json/json_parse.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace flowc {
namespace {

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document document;
  const rapidjson::ParseResult result = parse_json_document(document, text);
  EXPECT_FALSE(result.IsError()) << text << ": error " << result.Code() << " at " << result.Offset();
  return document;
}

// Numbers RapidJSON 1.1 converts soundly: the kind (Int, Uint, Int64, Uint64, Double) and the value
// must be the same as its own Parse gives, so nothing downstream notices the other converter.
TEST(JsonParse, NumbersAreTheKindsAndValuesRapidJsonMakes) {
  for (const std::string number :
       {"0", "-0", "7", "-7", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "-9223372036854775809", "123456789012345678901234567890", "0.5", "-0.5", "1.25e3",
        "1E-3", "3.14159", "1e308", "2.5e-300", "0.1", "100.0", "0.0", "-0.0", "1e0", "5e+2"}) {
    const std::string text = "[" + number + "]";
    rapidjson::Document expected;
    expected.Parse<rapidjson::kParseFullPrecisionFlag>(text.c_str());
    ASSERT_FALSE(expected.HasParseError()) << number;
    const rapidjson::Document actual = parsed(text);
    const rapidjson::Value& a = actual[0];
    const rapidjson::Value& e = expected[0];
    EXPECT_EQ(a.IsInt(), e.IsInt()) << number;
    EXPECT_EQ(a.IsUint(), e.IsUint()) << number;
    EXPECT_EQ(a.IsInt64(), e.IsInt64()) << number;
    EXPECT_EQ(a.IsUint64(), e.IsUint64()) << number;
    EXPECT_EQ(a.IsDouble(), e.IsDouble()) << number;
    EXPECT_TRUE(a == e) << number;
    if (e.IsDouble()) {
      EXPECT_EQ(std::signbit(a.GetDouble()), std::signbit(e.GetDouble())) << number;
    }
  }
}

// The inputs on which RapidJSON 1.1's conversion has undefined behaviour (found by fuzz_ir_loader
// and fuzz_response_json): a signed overflow adding the exponents, and __builtin_clzll(0) for a
// zero significand with a large exponent. They are valid JSON and mean 0.
TEST(JsonParse, NumbersRapidJsonCannotConvertAreExact) {
  for (const std::string number : {"0e000000212", "0e212", "0.0e300", "0.0000000001e-2147483639",
                                   "1.00000000000000000001e-2147483639", "0.00000000000000000001e-99999999999999"}) {
    const rapidjson::Document document = parsed("[" + number + "]");
    ASSERT_TRUE(document[0].IsDouble()) << number;
    EXPECT_EQ(document[0].GetDouble(), 0.0) << number;
  }
  EXPECT_TRUE(std::signbit(parsed("[-0.0000000001e-2147483639]")[0].GetDouble()));
  EXPECT_EQ(parsed("[1e-400]")[0].GetDouble(), 0.0);
  EXPECT_EQ(parsed("[123456e-330]")[0].GetDouble(), 0.0);
  EXPECT_EQ(parsed("[0.000001e310]")[0].GetDouble(), 1e304);
}

TEST(JsonParse, TooLargeANumberIsAnErrorAtItsOffset) {
  rapidjson::Document document;
  rapidjson::ParseResult result = parse_json_document(document, R"({"a": 2e308, "b": 17e307})");
  ASSERT_TRUE(result.IsError());
  EXPECT_EQ(result.Code(), rapidjson::kParseErrorNumberTooBig);
  EXPECT_EQ(result.Offset(), 6u);
  EXPECT_TRUE(document.IsNull());
  result = parse_json_document(document, "[12345678901234567890123456789e300]");
  EXPECT_EQ(result.Code(), rapidjson::kParseErrorNumberTooBig);
}

TEST(JsonParse, ErrorsAreRapidJsonsOwn) {
  for (const std::string text : {"", "[1,]", "{\"a\" 1}", "[01]", "[1.]", "[1e]", "[-]", "nul", "[\"\\x\"]", "[1] x"}) {
    rapidjson::Document expected;
    expected.Parse(text.c_str(), text.size());
    ASSERT_TRUE(expected.HasParseError()) << text;
    rapidjson::Document actual;
    const rapidjson::ParseResult result = parse_json_document(actual, text);
    ASSERT_TRUE(result.IsError()) << text;
    EXPECT_EQ(result.Code(), expected.GetParseError()) << text;
    EXPECT_EQ(result.Offset(), expected.GetErrorOffset()) << text;
  }
}

TEST(JsonParse, StructureStringsAndEncoding) {
  const rapidjson::Document document = parsed(R"({"name": "Ol\u00e9", "list": [true, false, null, {"n": -3}], "e": {}})");
  ASSERT_TRUE(document.IsObject());
  EXPECT_STREQ(document["name"].GetString(), "Ol\xc3\xa9");
  EXPECT_EQ(document["list"].Size(), 4u);
  EXPECT_EQ(document["list"][3]["n"].GetInt(), -3);
  EXPECT_TRUE(document["e"].ObjectEmpty());

  const std::string latin1 = "[\"caf\xe9\"]";
  rapidjson::Document unchecked;
  EXPECT_FALSE(parse_json_document(unchecked, latin1).IsError());
  rapidjson::Document checked;
  const rapidjson::ParseResult result = parse_json_document(checked, latin1, {.validate_encoding = true});
  EXPECT_EQ(result.Code(), rapidjson::kParseErrorStringInvalidEncoding);
}

TEST(JsonParse, ReusedDocumentIsReplacedOrNull) {
  rapidjson::Document document;
  ASSERT_FALSE(parse_json_document(document, "[1, 2]").IsError());
  ASSERT_FALSE(parse_json_document(document, R"({"x": 0.25})").IsError());
  EXPECT_EQ(document["x"].GetDouble(), 0.25);
  EXPECT_TRUE(parse_json_document(document, "{").IsError());
  EXPECT_TRUE(document.IsNull());
}

}  // namespace
}  // namespace flowc
