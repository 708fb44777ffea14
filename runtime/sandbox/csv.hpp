// RFC 4180 CSV reading for the sandbox's seed data (sheets and KeepinCRM orders).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::sandbox {

using CsvRows = std::vector<std::vector<std::string>>;

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record; a
// UTF-8 byte-order mark is skipped. Throws CsvError (with the line) on an unterminated quote.
CsvRows parse_csv(std::string_view text);

// Reads and parses a file; CsvError names the file when it cannot be read or parsed.
CsvRows read_csv_file(const std::filesystem::path& file);

}  // namespace flowc::sandbox
