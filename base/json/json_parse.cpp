#include "base/json/json_parse.hpp"

#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <system_error>

namespace flowc {
namespace {

bool integer_token(std::string_view token) { return token.find_first_of(".eE") == std::string_view::npos; }

// For a decimal token whose conversion to double is out of range: whether it is too large (true)
// or too small (false). The token is beyond 1e308 or below 1e-308 either way, so the sign of its
// order of magnitude decides: the place of the first non-zero digit of the significand plus the
// exponent (saturated, as the exponent may have any number of digits).
bool too_large(std::string_view token) {
  std::size_t i = 0;
  if (i < token.size() && token[i] == '-') ++i;
  long long integer_digits = 0;
  long long leading_zeros = 0;  // significand digits before the first non-zero one
  bool in_fraction = false;
  bool nonzero = false;
  for (; i < token.size() && token[i] != 'e' && token[i] != 'E'; ++i) {
    if (token[i] == '.') {
      in_fraction = true;
      continue;
    }
    if (!in_fraction) ++integer_digits;
    if (!nonzero && token[i] == '0') ++leading_zeros;
    else nonzero = true;
  }
  if (!nonzero) return false;  // zero is never out of range
  long long exponent = 0;
  if (i < token.size()) {
    ++i;
    bool negative = false;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) negative = token[i++] == '-';
    for (; i < token.size(); ++i) {
      if (exponent < 1'000'000'000'000LL) exponent = exponent * 10 + (token[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  return integer_digits - 1 - leading_zeros + exponent > 0;
}

// The number a JSON number token stands for, as RapidJSON would store it; false when it is too
// large for a double.
bool json_number_value(std::string_view token, rapidjson::Value& out) {
  const char* first = token.data();
  const char* last = token.data() + token.size();
  if (integer_token(token)) {
    if (!token.empty() && token.front() == '-') {
      std::int64_t value = 0;
      if (auto [end, error] = std::from_chars(first, last, value); error == std::errc() && end == last) {
        if (value >= std::numeric_limits<std::int32_t>::min()) out.SetInt(static_cast<int>(value));
        else out.SetInt64(value);
        return true;
      }
    } else {
      std::uint64_t value = 0;
      if (auto [end, error] = std::from_chars(first, last, value); error == std::errc() && end == last) {
        if (value <= std::numeric_limits<std::uint32_t>::max()) out.SetUint(static_cast<unsigned>(value));
        else out.SetUint64(value);
        return true;
      }
    }
    // Beyond 64 bits: a double, as RapidJSON makes it.
  }
  double value = 0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc() && end == last) {
    out.SetDouble(value);
    return true;
  }
  if (error == std::errc::result_out_of_range && !too_large(token)) {
    out.SetDouble(!token.empty() && token.front() == '-' ? -0.0 : 0.0);
    return true;
  }
  return false;
}

// Forwards the reader's events to the document, converting each number's text itself.
class NumberConvertingHandler {
 public:
  explicit NumberConvertingHandler(rapidjson::Document& document) : document_(document) {}

  bool Null() { return document_.Null(); }
  bool Bool(bool b) { return document_.Bool(b); }
  // With kParseNumbersAsStringsFlag the reader reports every number through RawNumber.
  bool Int(int i) { return document_.Int(i); }
  bool Uint(unsigned u) { return document_.Uint(u); }
  bool Int64(std::int64_t i) { return document_.Int64(i); }
  bool Uint64(std::uint64_t u) { return document_.Uint64(u); }
  bool Double(double d) { return document_.Double(d); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    rapidjson::Value number;
    if (!json_number_value(std::string_view(text, length), number)) {
      number_too_big_ = true;
      return false;
    }
    if (number.IsDouble()) return document_.Double(number.GetDouble());
    if (number.IsInt()) return document_.Int(number.GetInt());
    if (number.IsUint()) return document_.Uint(number.GetUint());
    if (number.IsInt64()) return document_.Int64(number.GetInt64());
    return document_.Uint64(number.GetUint64());
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) { return document_.String(text, length, copy); }
  bool StartObject() { return document_.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) { return document_.Key(text, length, copy); }
  bool EndObject(rapidjson::SizeType members) { return document_.EndObject(members); }
  bool StartArray() { return document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return document_.EndArray(elements); }

  bool number_too_big() const { return number_too_big_; }

 private:
  rapidjson::Document& document_;
  bool number_too_big_ = false;
};

template <unsigned Flags>
rapidjson::ParseResult parse_with(rapidjson::Document& document, std::string_view text) {
  rapidjson::ParseResult result;
  auto generator = [&](rapidjson::Document& target) {
    NumberConvertingHandler handler(target);
    rapidjson::MemoryStream memory(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(memory);
    rapidjson::Reader reader;
    result = reader.Parse<Flags | rapidjson::kParseNumbersAsStringsFlag>(stream, handler);
    if (result.Code() == rapidjson::kParseErrorTermination && handler.number_too_big()) {
      result.Set(rapidjson::kParseErrorNumberTooBig, result.Offset());
    }
    return !result.IsError();
  };
  document.SetNull();
  document.Populate(generator);
  return result;
}

}  // namespace

rapidjson::ParseResult parse_json_document(rapidjson::Document& document, std::string_view text,
                                           JsonParseOptions options) {
  if (options.validate_encoding) return parse_with<rapidjson::kParseValidateEncodingFlag>(document, text);
  return parse_with<rapidjson::kParseDefaultFlags>(document, text);
}

}  // namespace flowc
