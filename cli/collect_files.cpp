#include "cli/collect_files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "cli/errors.hpp"

namespace flowc::cli {
namespace {

void collect_one(const std::string& path, std::string_view extension, std::vector<std::string>& files) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    files.push_back(path);
    return;
  }
  if (!std::filesystem::is_directory(path, error)) throw UsageError(fmt::format("{}: no such file or folder", path));
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) found.push_back(entry.path().string());
  }
  std::ranges::sort(found);
  files.insert(files.end(), found.begin(), found.end());
}

}  // namespace

std::vector<std::string> collect_files(const std::vector<std::string>& paths, std::string_view extension) {
  std::vector<std::string> files;
  for (const std::string& path : paths) collect_one(path, extension, files);
  if (files.empty()) throw UsageError(fmt::format("no {} files found", extension));
  return files;
}

}  // namespace flowc::cli
