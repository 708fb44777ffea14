// The sandbox's seed data (sheets and KeepinCRM orders) read from CSV files, through the same
// streaming tokenizer the csv source uses.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowc::sandbox {

using CsvRows = std::vector<std::vector<std::string>>;

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every record of the file, a blank line kept as an empty row (a sheet's empty row); quoted
// fields may hold commas, doubled quotes and line breaks; a byte-order mark is skipped. Throws
// CsvError naming the file (and the line of an unterminated quote).
CsvRows read_csv_file(const std::filesystem::path& file);

}  // namespace flowc::sandbox
