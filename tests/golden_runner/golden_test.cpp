// Golden files: for each tests/golden/NAME.flow, the rendered diagnostics must equal NAME.diag
// (carets included) and, when the flow compiles, its IR JSON must equal NAME.ir.json.
// FLOWC_UPDATE_GOLDEN=1 rewrites the expected files instead; review the diff before committing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/compile.hpp"
#include "ir/json/ir_json.hpp"

namespace flowc {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = FLOWC_SOURCE_DIR;
const fs::path kGoldenDir = "tests/golden";  // relative, so messages do not depend on the checkout

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(kSourceDir / kGoldenDir)) {
    if (entry.path().extension() == ".flow") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool updating() {
  const char* update = std::getenv("FLOWC_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

// Compares `actual` with the expected file, or rewrites it; an empty `actual` means "no file".
void expect_golden(const fs::path& expected_path, const std::string& actual) {
  const fs::path absolute = kSourceDir / expected_path;
  if (updating()) {
    if (actual.empty()) {
      fs::remove(absolute);
    } else {
      std::ofstream(absolute, std::ios::binary) << actual;
    }
    return;
  }
  if (actual.empty()) {
    EXPECT_FALSE(fs::exists(absolute)) << expected_path << " exists but nothing was produced";
    return;
  }
  ASSERT_TRUE(fs::exists(absolute)) << expected_path << " is missing; run with FLOWC_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_file(absolute)) << "differs from " << expected_path;
}

class Golden : public testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesExpectedDiagnosticsAndIr) {
  const fs::path flow_path = kGoldenDir / (GetParam() + ".flow");
  const CompileResult result = compile_source(flow_path.string(), read_file(kSourceDir / flow_path));
  expect_golden(kGoldenDir / (GetParam() + ".diag"), render_text(result.source, result.diagnostics.items()));
  expect_golden(kGoldenDir / (GetParam() + ".ir.json"), result.flow ? ir_to_json(*result.flow) : std::string());
  if (result.flow) {
    // The golden IR must load back to the same bytes.
    std::string error;
    const std::optional<ir::Flow> loaded = ir_from_json(ir_to_json(*result.flow), error);
    ASSERT_TRUE(loaded) << error;
    EXPECT_EQ(ir_to_json(*loaded), ir_to_json(*result.flow));
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, testing::ValuesIn(golden_names()),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

}  // namespace
}  // namespace flowc
