#include "tools/flowtest/json_match.hpp"

#include <gtest/gtest.h>

#include "runtime/json_util.hpp"

namespace flowc::flowtest {
namespace {

std::vector<Difference> diff(const char* expected, const char* actual, MatchMode mode) {
  auto want = runtime::connectors::parse_json(expected);
  auto got = runtime::connectors::parse_json(actual);
  std::vector<Difference> out;
  match_json(*want, &*got, "sent", mode, out);
  return out;
}

TEST(JsonMatch, PartialIgnoresKeysNotExpected) {
  EXPECT_TRUE(diff(R"({"a": 1})", R"({"a": 1.0, "b": 2})", MatchMode::Partial).empty());
  auto out = diff(R"({"a": {"b": "x"}, "c": 1})", R"({"a": {"b": "y"}})", MatchMode::Partial);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].path, "sent.a.b");
  EXPECT_EQ(out[0].expected, "\"x\"");
  EXPECT_EQ(out[0].actual, "\"y\"");
  EXPECT_EQ(out[1].path, "sent.c");
  EXPECT_EQ(out[1].actual, "(missing)");
}

TEST(JsonMatch, ExactReportsExtraKeys) {
  auto out = diff(R"({"a": 1})", R"({"a": 1, "b": [2]})", MatchMode::Exact);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "sent.b");
  EXPECT_EQ(out[0].expected, "(absent)");
  EXPECT_EQ(out[0].actual, "[2]");
}

TEST(JsonMatch, ContainsLooksForSubstrings) {
  EXPECT_TRUE(diff(R"({"text": "Error: x"})", R"({"text": "Order 1\nError: x\n"})", MatchMode::Contains).empty());
  auto out = diff(R"({"text": "Error: y"})", R"({"text": "Error: x"})", MatchMode::Contains);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].expected, "a text containing \"Error: y\"");
}

TEST(JsonMatch, ListsCompareItemByItem) {
  auto out = diff(R"({"l": ["a", "b"]})", R"({"l": ["a", "c"]})", MatchMode::Partial);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "sent.l[1]");
  EXPECT_EQ(diff(R"({"l": ["a"]})", R"({"l": ["a", "c"]})", MatchMode::Partial).size(), 1u);
}

}  // namespace
}  // namespace flowc::flowtest
