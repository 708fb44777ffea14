#include "runtime/json_writer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "compiler/json_parse.hpp"

namespace flowc::runtime {
namespace {

rapidjson::Document parsed(const std::string& text) {
  rapidjson::Document document;
  EXPECT_FALSE(parse_json_document(document, text).IsError()) << text;
  return document;
}

TEST(JsonWriter, WritesCompactJsonWithEscapes) {
  JsonWriter out;
  out.StartObject();
  out.Key("text");
  out.String("line\n\"quoted\" \\ tab\t");
  out.Key("n");
  out.Int64(-42);
  out.EndObject();
  EXPECT_EQ(out.take(), R"({"text":"line\n\"quoted\" \\ tab\t","n":-42})");
}

// Deeper than the writer's own stack buffer, and longer than any first guess of the text's size.
TEST(JsonWriter, DeepAndLongValuesRoundTrip) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += R"({"a":[)";
  deep += '"' + std::string(100000, 'x') + '"';
  for (int i = 0; i < 200; ++i) deep += "]}";
  EXPECT_EQ(to_json(parsed(deep)), deep);
}

TEST(JsonWriter, StartsAfreshAfterTake) {
  JsonWriter out;
  out.StartArray();
  out.String("first");
  out.EndArray();
  EXPECT_EQ(out.take(), R"(["first"])");
  out.StartObject();
  out.EndObject();
  EXPECT_EQ(out.take(), "{}");
}

}  // namespace
}  // namespace flowc::runtime
