// The one temporary folder of the tests: a fresh directory under the system temp dir, removed with
// everything in it when the test ends, and whole-file helpers for what the test puts there.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/temp_folder.hpp"

namespace flowc::testing {

// A TempFolder named flowc-test-..., with the files a test puts there and reads back.
class TempDir : public TempFolder {
 public:
  TempDir() : TempFolder("flowc-test") {}

  // The path of `relative` in the folder, as a string.
  std::string file(const std::filesystem::path& relative) const { return (path() / relative).string(); }
  // Writes `text` to `relative` (creating its folders) and returns the file's path.
  std::string write(const std::filesystem::path& relative, const std::string& text) const {
    const auto target = path() / relative;
    std::filesystem::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << text;
    return target.string();
  }
  // The whole content of `relative` ("" when it does not exist).
  std::string read(const std::filesystem::path& relative) const {
    std::ifstream in(path() / relative, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
  }
};

}  // namespace flowc::testing
