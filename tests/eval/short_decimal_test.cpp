#include "base/text/short_decimal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/json/json_writer.hpp"

namespace flowc::runtime {
namespace {

// RapidJSON's own text for a double: what JsonWriter must write.
std::string reference_json(double value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.Double(value);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string written(double value) {
  JsonWriter out;
  out.Double(value);
  return out.take();
}

// "123.45" for units 12345 and two places: the decimal as its text, and the double it reads as.
std::string decimal_text(std::int64_t units, int places) {
  std::string text = std::to_string(std::llabs(units));
  if (places > 0) {
    text.insert(0, static_cast<std::size_t>(places + 1) - std::min(text.size(), static_cast<std::size_t>(places + 1)), '0');
    text.insert(text.size() - static_cast<std::size_t>(places), ".");
  }
  return (units < 0 ? "-" : "") + text;
}

double read_double(const std::string& text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Every decimal of up to 10^6 units (of 1, 0.1 or 0.01), and random ones up to 15 digits:
// the short path must write exactly what Grisu2 writes, and must take them all.
TEST(ShortDecimal, WritesDecimalsExactlyAsRapidJsonDoes) {
  for (int places = 0; places <= 2; ++places) {
    for (std::int64_t units = -1'000'000; units <= 1'000'000; ++units) {
      const double value = read_double(decimal_text(units, places));
      ASSERT_EQ(written(value), reference_json(value)) << decimal_text(units, places);
    }
  }
  std::mt19937_64 random(20261130);
  for (int round = 0; round < 300'000; ++round) {
    const auto digits = static_cast<int>(random() % 15) + 1;
    const auto units = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(std::pow(10.0, digits)));
    const std::string text = decimal_text(round % 2 == 0 ? units : -units, static_cast<int>(random() % 3));
    const double value = read_double(text);
    char out[kShortDecimalChars];
    const std::size_t size = short_decimal_text(value, out);
    ASSERT_EQ(written(value), reference_json(value)) << text;
    if (value != 0) {
      ASSERT_EQ(std::string(out, size), reference_json(value)) << text << " takes the short path";
    }
  }
}

// Values the short path leaves to Grisu2 are still written as RapidJSON writes them.
TEST(ShortDecimal, LeavesOtherValuesToTheGeneralWay) {
  char out[kShortDecimalChars];
  for (const double value : {0.0, -0.0, 0.001, 0.1 + 0.2, 1e15, 1e300, 1e-300, 123456789.123,
                             std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_EQ(short_decimal_text(value, out), 0U) << value;
    if (!std::isnan(value)) {
      EXPECT_EQ(written(value), reference_json(value)) << value;
    }
  }
  std::mt19937_64 random(7);
  for (int round = 0; round < 200'000; ++round) {
    double value = 0;
    const std::uint64_t bits = random();
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) {
      ASSERT_EQ(written(value), reference_json(value)) << bits;
    }
  }
  EXPECT_FALSE(JsonWriter().Double(std::numeric_limits<double>::infinity()));
}

TEST(ShortDecimal, ReadsDecimalsAsFromCharsDoes) {
  std::mt19937_64 random(11);
  for (int round = 0; round < 300'000; ++round) {
    const auto digits = static_cast<int>(random() % 15) + 1;
    const auto places = static_cast<int>(random() % static_cast<std::uint64_t>(digits));
    const auto units = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(std::pow(10.0, digits)));
    const std::string text = decimal_text(units, places);
    const std::size_t dot = places > 0 ? text.find('.') : text.size();
    const std::string_view whole(text.data(), dot);
    const std::string_view fraction = places > 0 ? std::string_view(text).substr(dot + 1) : std::string_view();
    const std::optional<double> value = short_decimal_value(whole, fraction, round % 2 != 0);
    ASSERT_TRUE(value.has_value()) << text;
    EXPECT_EQ(*value, read_double((round % 2 != 0 ? "-" : "") + text)) << text;
  }
  EXPECT_FALSE(short_decimal_value("1234567890", "123456", false).has_value());  // 16 digits
}

}  // namespace
}  // namespace flowc::runtime
