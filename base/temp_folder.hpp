// A fresh folder under the system temp dir, removed with everything in it when the object goes:
// where `flowc test` lets csv sends write, the sandbox's scratch state and csv copies, and the
// base of the tests' temporary folders.
#pragma once

#include <filesystem>
#include <string_view>

namespace flowc {

class TempFolder {
 public:
  // Creates <temp dir>/<prefix>-<process id>-<count> (emptied first, should an earlier process
  // with the same id have left it behind).
  explicit TempFolder(std::string_view prefix);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Removes the folder now (remove_folder.hpp: safe while another thread still writes into it),
  // for a process about to end without unwinding. The destructor does the same.
  void remove() const;

 private:
  std::filesystem::path path_;
};

}  // namespace flowc
