#include "tools/sandbox/stubs/sheets/sheet_store.hpp"

#include <algorithm>

namespace flowc::sandbox {

namespace {

// Names that cannot leave their directory or hit hidden files.
bool safe_file_name(const std::string& name) {
  return !name.empty() && name.front() != '.' && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos && name.find('\0') == std::string::npos;
}

bool is_orders_seed(const std::filesystem::path& file) {
  return file.stem() == "keepincrm_orders";
}

void add_csv_stems(const std::filesystem::path& dir, std::vector<std::string>& names) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return;
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto& file = entry.path();
    if (entry.is_regular_file() && file.extension() == ".csv" && !is_orders_seed(file)) {
      found.push_back(file.stem().string());
    }
  }
  std::sort(found.begin(), found.end());
  for (auto& name : found) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
}

}  // namespace

SheetStore::SheetStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

void SheetStore::set_sheet(const std::string& spreadsheet, const std::string& sheet, CsvRows rows) {
  std::lock_guard lock(mutex_);
  in_memory_[{spreadsheet, sheet}] = std::move(rows);
}

std::optional<CsvRows> SheetStore::find(const std::string& spreadsheet, const std::string& sheet) const {
  {
    std::lock_guard lock(mutex_);
    for (const auto& key : {std::pair{spreadsheet, sheet}, std::pair{std::string(), sheet}}) {
      auto it = in_memory_.find(key);
      if (it != in_memory_.end()) return it->second;
    }
  }
  for (const auto& file : candidate_files(spreadsheet, sheet)) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(file, ec)) return read_csv_file(file);
  }
  return std::nullopt;
}

std::vector<std::string> SheetStore::sheet_names(const std::string& spreadsheet) const {
  std::vector<std::string> names;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, rows] : in_memory_) {
      if (key.first == spreadsheet || key.first.empty()) names.push_back(key.second);
    }
  }
  if (data_dir_.empty()) return names;
  if (safe_file_name(spreadsheet)) add_csv_stems(data_dir_ / spreadsheet, names);
  add_csv_stems(data_dir_, names);
  return names;
}

std::vector<std::filesystem::path> SheetStore::candidate_files(const std::string& spreadsheet,
                                                               const std::string& sheet) const {
  std::vector<std::filesystem::path> files;
  if (data_dir_.empty() || !safe_file_name(sheet) || sheet == "keepincrm_orders") return files;
  if (safe_file_name(spreadsheet)) files.push_back(data_dir_ / spreadsheet / (sheet + ".csv"));
  files.push_back(data_dir_ / (sheet + ".csv"));
  return files;
}

}  // namespace flowc::sandbox
