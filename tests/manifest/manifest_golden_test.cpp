// Golden diagnostics of malformed manifests: for each tests/golden/manifests/NAME.connector, the
// rendered diagnostics (carets included) must equal NAME.diag. FLOWC_UPDATE_GOLDEN=1 rewrites
// the expected files instead; review the diff before committing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "manifest_support.hpp"

namespace flowc {
namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = "tests/golden/manifests";  // relative, so messages do not depend on the checkout

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(FLOWC_SOURCE_DIR) / kGoldenDir)) {
    if (entry.path().extension() == ".connector") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool updating() {
  const char* update = std::getenv("FLOWC_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

class ManifestGolden : public testing::TestWithParam<std::string> {};

TEST_P(ManifestGolden, MatchesExpectedDiagnostics) {
  const fs::path manifest = kGoldenDir / (GetParam() + ".connector");
  const fs::path expected = kGoldenDir / (GetParam() + ".diag");
  const manifest::ManifestResult result =
      manifest::read_manifest(manifest.string(), manifest_test::read_source_file(manifest.string()));
  EXPECT_FALSE(result.manifest) << "a golden manifest is a malformed one";
  const std::string actual = render_text(result.source, result.diagnostics.items());
  if (updating()) {
    std::ofstream(fs::path(FLOWC_SOURCE_DIR) / expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(fs::path(FLOWC_SOURCE_DIR) / expected)) << expected << " is missing; run with FLOWC_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, manifest_test::read_source_file(expected.string())) << "differs from " << expected;
}

INSTANTIATE_TEST_SUITE_P(Files, ManifestGolden, testing::ValuesIn(golden_names()),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace flowc
