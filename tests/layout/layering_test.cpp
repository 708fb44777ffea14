// The layers of the source tree point one way: a folder's code includes only headers of its own
// layer and of the layers below it (docs/architecture.md draws them). The build links each layer
// as its own target; this test reads every #include so that an arrow pointing back up fails even
// where the linker would not notice (a header-only use).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {
namespace {

namespace fs = std::filesystem;

// Each layer and the layers its code may include, its own included. Bottom first.
const std::map<std::string, std::set<std::string>>& allowed_includes() {
  static const std::map<std::string, std::set<std::string>> kLayers{
      {"base", {"base"}},
      {"grammar", {"base", "grammar"}},
      {"ir", {"base", "ir"}},
      {"compiler", {"base", "grammar", "ir", "compiler"}},
      {"runtime", {"base", "ir", "runtime"}},
      {"connectors", {"base", "ir", "runtime", "connectors"}},
      {"tools", {"base", "grammar", "ir", "compiler", "runtime", "connectors", "tools"}},
      {"cli", {"base", "grammar", "ir", "compiler", "runtime", "connectors", "tools", "cli"}},
  };
  return kLayers;
}

struct Violation {
  std::string file;
  int line;
  std::string header;
};

// Every project header `file` includes ("layer/..."), with its line number.
std::vector<std::pair<int, std::string>> project_includes(const fs::path& file) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"([^"]+)")re");
  std::vector<std::pair<int, std::string>> includes;
  std::ifstream in(file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::smatch match;
    if (std::regex_search(line, match, kInclude)) includes.emplace_back(number, match[1].str());
  }
  return includes;
}

std::vector<Violation> violations_under(const fs::path& root, const std::string& layer,
                                        const std::set<std::string>& allowed) {
  std::vector<Violation> found;
  for (const auto& entry : fs::recursive_directory_iterator(root / layer)) {
    const std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
    for (const auto& [line, header] : project_includes(entry.path())) {
      const std::string target = header.substr(0, header.find('/'));
      if (header.find('/') == std::string::npos || allowed_includes().count(target) == 0) continue;  // not ours
      if (allowed.count(target) == 0) {
        found.push_back({fs::relative(entry.path(), root).string(), line, header});
      }
    }
  }
  return found;
}

TEST(Layering, NoLayerIncludesAHeaderOfALayerAboveIt) {
  const fs::path root = FLOWC_SOURCE_DIR;
  for (const auto& [layer, allowed] : allowed_includes()) {
    ASSERT_TRUE(fs::is_directory(root / layer)) << layer;
    for (const Violation& violation : violations_under(root, layer, allowed)) {
      ADD_FAILURE() << violation.file << ":" << violation.line << ": the " << layer << " layer includes "
                    << violation.header << ", a header of a layer above it";
    }
  }
}

// The check itself: a file of the bottom layer that includes a runtime header is reported.
TEST(Layering, AnArrowPointingUpIsFound) {
  const TempDir root;
  fs::create_directories(root.path() / "base");
  root.write("base/bad.cpp", "#include <string>\n#include \"base/ok.hpp\"\n#include \"runtime/rows/row.hpp\"\n");
  const std::vector<Violation> found = violations_under(root.path(), "base", allowed_includes().at("base"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].line, 3);
  EXPECT_EQ(found[0].header, "runtime/rows/row.hpp");
}

}  // namespace
}  // namespace flowc::testing
