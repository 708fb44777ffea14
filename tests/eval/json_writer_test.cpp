#include "base/json/json_writer.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include <rapidjson/stringbuffer.h>

#include "base/json/json_parse.hpp"

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

// RapidJSON's own writer, byte by byte: what JsonWriter must match exactly.
std::string reference_json(const std::string& text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

// Strings of every length up to 80 with bytes that need escaping (or look as if they might)
// at random places, so both the 16-byte scan and the byte tail meet them at every offset.
TEST(JsonWriter, EscapesExactlyAsRapidJsonDoes) {
  const std::string tricky = std::string("\"\\/\x01\x1f\x20\x7f\n\t") + "\xc3\xa9\xe2\x82\xac\xff" + std::string(1, '\0');
  std::mt19937 random(20261129);
  for (int round = 0; round < 4000; ++round) {
    std::string text(static_cast<std::size_t>(round % 81), 'a');
    for (char& c : text) {
      if (random() % 8 == 0) c = tricky[random() % tricky.size()];
    }
    JsonWriter out;
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    ASSERT_EQ(out.take(), reference_json(text)) << "round " << round;
  }
}

// One byte that needs escaping (or one just outside those) at every place of every short
// length: the scan reads such strings in overlapping pieces, whose edges it must get right.
TEST(JsonWriter, FindsTheByteToEscapeAtEveryPlace) {
  for (const char special : {'"', '\\', '\x01', '\x1f', '\0', '\x20', '\x7f', '\xc3'}) {
    for (std::size_t length = 1; length <= 40; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = special;
        JsonWriter out;
        out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        ASSERT_EQ(out.take(), reference_json(text)) << "byte " << int(special) << " at " << at << " of " << length;
      }
    }
  }
}

}  // namespace
}  // namespace flowc::runtime
