// A sandbox run must never write the user's files: each csv account of the flow reads and appends
// in a temporary copy of its folder instead, made when the run starts and removed when it ends.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/temp_folder.hpp"
#include "ir/ir.hpp"

namespace flowc::sandbox {

class CsvFolderCopies {
 public:
  // Copies, for each csv account of `flow`, the files its source and sends name from its folder
  // (its `dir`, else the flow file's folder) into a new temporary folder; when a path is computed
  // per row, the whole folder except hidden folders (.git, .flowc). Throws std::runtime_error when
  // a file cannot be copied, or when a send would write outside the folder (an absolute path).
  explicit CsvFolderCopies(const ir::Flow& flow);

  // {"dir", copy} for a csv account, so its relative paths land in the copy; none otherwise.
  std::vector<std::pair<std::string, std::string>> overrides(const ir::Account& account) const;
  // Removes the copies now (the destructor does too): for a process that ends without unwinding.
  void remove() const;

 private:
  void copy_account_folder(const ir::Account& account, const ir::Flow& flow);

  std::optional<TempFolder> root_;  // made at the first copy
  std::map<std::string, std::filesystem::path> copies_;  // account name -> its folder's copy
};

}  // namespace flowc::sandbox
