// Parsing JSON text into a RapidJSON document without RapidJSON's number conversion.
//
// RapidJSON 1.1 (the version Debian 12 ships) turns a number's digits into a double with code that
// has undefined behaviour on some valid JSON numbers: `0.0000000001e-2147483639` overflows a
// signed int while adding the exponents (reader.h), and `0e212` with kParseFullPrecisionFlag
// passes 0 to __builtin_clzll (internal/diyfp.h). The fuzzers found both; a hand-edited IR file
// or a service's response may contain either. Upstream fixed them after 1.1, but no release
// followed. So every JSON text flowc reads from outside goes through parse_json_document: the
// reader only scans numbers (kParseNumbersAsStringsFlag: its scanning is sound, the conversion is
// what breaks) and hands their text to a handler that converts it with std::from_chars (exact,
// correctly rounded) into the same kinds of values RapidJSON makes (Int, Uint, Int64, Uint64,
// Double). No input reaches the buggy conversion, whatever its shape.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/error/error.h>

#include <string_view>

namespace flowc {

struct JsonParseOptions {
  // Reject text that is not valid UTF-8 (kParseValidateEncodingFlag).
  bool validate_encoding = false;
};

// Parses `text` into `document` (replacing its value on success, leaving it null on failure) and
// returns the result: the error code and byte offset RapidJSON's own Parse would report. A number
// too large for a double is kParseErrorNumberTooBig; one too small becomes 0 (as in RapidJSON).
rapidjson::ParseResult parse_json_document(rapidjson::Document& document, std::string_view text,
                                           JsonParseOptions options = {});

}  // namespace flowc
