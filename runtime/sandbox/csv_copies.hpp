// A sandbox run must never write the user's files: each csv account of the flow reads and appends
// in a temporary copy of its folder instead, made when the run starts and removed when it ends.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir.hpp"

namespace flowc::sandbox {

class CsvFolderCopies {
 public:
  // Copies the folder of each csv account of `flow` (its `dir`, else the flow file's folder), and
  // what is below it except hidden folders (.git, .flowc), into a new temporary folder. Throws
  // std::runtime_error when a folder cannot be copied.
  explicit CsvFolderCopies(const ir::Flow& flow);
  ~CsvFolderCopies();
  CsvFolderCopies(const CsvFolderCopies&) = delete;
  CsvFolderCopies& operator=(const CsvFolderCopies&) = delete;

  // {"dir", copy} for a csv account, so its relative paths land in the copy; none otherwise.
  std::vector<std::pair<std::string, std::string>> overrides(const ir::Account& account) const;

 private:
  void remove();

  std::filesystem::path root_;
  std::map<std::string, std::filesystem::path> copies_;  // account name -> its folder's copy
};

}  // namespace flowc::sandbox
