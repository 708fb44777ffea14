#include "tools/sandbox/files/csv.hpp"

#include <fmt/format.h>

#include "runtime/rows/csv_record_reader.hpp"

namespace flowc::sandbox {

CsvRows read_csv_file(const std::filesystem::path& file) {
  CsvRows rows;
  try {
    runtime::CsvRecordReader reader(file.string(), runtime::CsvOptions{});
    while (std::optional<runtime::RawRecord> record = reader.read()) {
      if (record->unterminated_quote) {
        throw CsvError(fmt::format("{}: line {}: unterminated quote", file.string(), record->number));
      }
      rows.resize(record->number - 1);  // blank lines before this record are empty rows
      rows.push_back(std::move(record->cells));
    }
  } catch (const CsvError&) {
    throw;
  } catch (const std::exception& e) {
    throw CsvError(fmt::format("{}: {}", file.string(), e.what()));
  }
  return rows;
}

}  // namespace flowc::sandbox
