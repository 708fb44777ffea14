// Where the Google Sheets stand-in finds its sheets: rows set in memory (by tests or the runner)
// first, then CSV files under the data directory, read on every request so a person can edit
// them while the sandbox runs:
//   DIR/<spreadsheetId>/<sheet>.csv   a sheet of that spreadsheet only
//   DIR/<sheet>.csv                   a sheet of every spreadsheet (keepincrm_orders.* excluded)
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tools/sandbox/files/csv.hpp"

namespace flowc::sandbox {

class SheetStore {
 public:
  explicit SheetStore(std::filesystem::path data_dir);

  // `spreadsheet` empty: the sheet belongs to every spreadsheet.
  void set_sheet(const std::string& spreadsheet, const std::string& sheet, CsvRows rows);

  // The sheet's rows, or nullopt when there is no such sheet. Throws CsvError on a bad file.
  std::optional<CsvRows> find(const std::string& spreadsheet, const std::string& sheet) const;

  // Sheet names of a spreadsheet: in-memory ones first, then files in name order. Empty when the
  // spreadsheet does not exist.
  std::vector<std::string> sheet_names(const std::string& spreadsheet) const;

 private:
  std::vector<std::filesystem::path> candidate_files(const std::string& spreadsheet, const std::string& sheet) const;

  std::filesystem::path data_dir_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, CsvRows> in_memory_;
};

}  // namespace flowc::sandbox
