// The tree stays easy to find one's way in: no folder of the product holds more than 15 source
// files (a larger one is split into subfolders named for what they hold), and no source file is
// over 600 lines unless its first lines say "Long on purpose" and why (docs/architecture.md).
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace flowc::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxSourcesPerFolder = 15;
constexpr std::size_t kMaxLines = 600;
constexpr std::size_t kReasonWithinLines = 10;
const char* const kProductFolders[] = {"base", "grammar", "ir", "compiler", "runtime", "connectors", "tools", "cli"};

bool is_source(const fs::path& file) { return file.extension() == ".cpp" || file.extension() == ".hpp"; }

struct LineCount {
  std::size_t lines = 0;
  bool says_why = false;  // "Long on purpose" in its first lines
};

LineCount count_lines(const fs::path& file) {
  LineCount count;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (++count.lines <= kReasonWithinLines && line.find("Long on purpose") != std::string::npos) count.says_why = true;
  }
  return count;
}

// Every problem under `folder` (itself and its subfolders), one line each.
std::vector<std::string> size_problems(const fs::path& folder) {
  std::vector<std::string> problems;
  std::vector<fs::path> folders{folder};
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_directory()) folders.push_back(entry.path());
  for (const fs::path& each : folders) {
    std::size_t sources = 0;
    for (const auto& entry : fs::directory_iterator(each)) {
      if (!entry.is_regular_file() || !is_source(entry.path())) continue;
      ++sources;
      const LineCount count = count_lines(entry.path());
      if (count.lines > kMaxLines && !count.says_why)
        problems.push_back(entry.path().string() + " has " + std::to_string(count.lines) +
                           " lines and no \"Long on purpose\" reason at its top");
    }
    if (sources > kMaxSourcesPerFolder)
      problems.push_back(each.string() + " holds " + std::to_string(sources) + " source files");
  }
  return problems;
}

TEST(FileSizes, NoFolderIsCrowdedAndNoFileLongWithoutAReason) {
  for (const char* folder : kProductFolders) {
    for (const std::string& problem : size_problems(fs::path(FLOWC_SOURCE_DIR) / folder)) ADD_FAILURE() << problem;
  }
}

// The check itself: a crowded subfolder and a long file are found; a long file that says why is not.
TEST(FileSizes, ACrowdedFolderAndALongFileAreFound) {
  const TempDir root;
  for (std::size_t i = 0; i <= kMaxSourcesPerFolder; ++i) root.write("layer/crowded/f" + std::to_string(i) + ".hpp", "");
  std::string long_text;
  for (std::size_t i = 0; i <= kMaxLines; ++i) long_text += "int x" + std::to_string(i) + ";\n";
  root.write("layer/long.cpp", long_text);
  root.write("layer/long_with_reason.cpp", "// Long on purpose: one thing.\n" + long_text);
  const std::vector<std::string> problems = size_problems(root.path() / "layer");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("long.cpp has 601 lines"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("crowded holds 16 source files"), std::string::npos) << problems[1];
}

}  // namespace
}  // namespace flowc::testing
