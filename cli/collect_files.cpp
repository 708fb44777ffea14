#include "cli/collect_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace flowc::cli {
namespace {

bool collect_one(const std::string& path, std::string_view extension, std::vector<std::string>& files) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    files.push_back(path);
    return true;
  }
  if (!std::filesystem::is_directory(path, error)) {
    fmt::print(stderr, "error: {}: no such file or folder\n", path);
    return false;
  }
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) found.push_back(entry.path().string());
  }
  std::ranges::sort(found);
  files.insert(files.end(), found.begin(), found.end());
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> collect_files(const std::vector<std::string>& paths,
                                                      std::string_view extension) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (!collect_one(path, extension, files)) return std::nullopt;
  }
  if (files.empty()) {
    fmt::print(stderr, "error: no {} files found\n", extension);
    return std::nullopt;
  }
  return files;
}

}  // namespace flowc::cli
