#include "base/remove_folder.hpp"

#include <system_error>

namespace flowc {

void remove_folder(const std::filesystem::path& folder) {
  if (folder.empty()) return;
  constexpr int kAttempts = 100;  // each attempt races a writer for a moment only
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::error_code error;
    std::filesystem::remove_all(folder, error);
    if (!std::filesystem::exists(std::filesystem::symlink_status(folder, error))) return;
  }
}

}  // namespace flowc
