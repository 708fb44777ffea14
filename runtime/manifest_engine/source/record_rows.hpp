// The records of a source's answers as rows: JSON objects (a column per member, in the order the
// records give them, widened by each page that brings a new member), or arrays whose first names
// the columns (`rows = header_first`, Google Sheets).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "runtime/rows/row.hpp"

namespace flowc::runtime::manifest_engine {

class RecordRows {
 public:
  // `first_number` is the number of the first record (a sheet window's first row), so a row's
  // number is where its record stands in the listing, a header and blank lines counted.
  RecordRows(bool header_first, std::uint64_t first_number)
      : header_first_(header_first), taken_(first_number - 1) {}

  // Appends a row per record of `records` (a JSON array) to `out`. A record that is neither an
  // object nor (with header_first) an array is an error naming its place.
  void take(const rapidjson::Value& records, std::deque<Row>& out);

 private:
  void take_object(const rapidjson::Value& record, std::deque<Row>& out);
  void take_array(const rapidjson::Value& record, std::deque<Row>& out);
  std::size_t column_of(std::string_view name);

  bool header_first_;
  Columns columns_;
  std::unordered_map<std::string, std::size_t> column_index_;  // objects' members: name -> column
  std::uint64_t taken_;  // the number of the last record seen
};

}  // namespace flowc::runtime::manifest_engine
