#include "base/temp_folder.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

#include "base/remove_folder.hpp"

namespace flowc {

TempFolder::TempFolder(std::string_view prefix) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() / fmt::format("{}-{}-{}", prefix, ::getpid(), counter.fetch_add(1));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() { remove(); }

void TempFolder::remove() const { remove_folder(path_); }

}  // namespace flowc
