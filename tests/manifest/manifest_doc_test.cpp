// docs/connector-format.md against the reader: its table of codes lists exactly the manifest
// codes with their titles, and its worked example is the KeepinCRM manifest as it is.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>

#include "ir/manifest/manifest_codes.hpp"
#include "manifest_support.hpp"

namespace flowc {
namespace {

constexpr std::string_view kDoc = "docs/connector-format.md";

// Rows `| `M010` | title | example |` of the doc, by code.
std::map<std::string, std::string> documented_codes(const std::string& doc) {
  static const std::regex kRow(R"(^\| `(M[0-9]{3})` \| ([^|]+) \|)");
  std::map<std::string, std::string> codes;
  std::istringstream in(doc);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch match;
    if (!std::regex_search(line, match, kRow)) continue;
    std::string title = match[2].str();
    title.erase(title.find_last_not_of(' ') + 1);
    EXPECT_TRUE(codes.emplace(match[1].str(), title).second) << match[1] << " is listed twice in " << kDoc;
  }
  return codes;
}

TEST(ConnectorFormatDoc, ListsEveryManifestCodeWithItsTitle) {
  const std::map<std::string, std::string> documented =
      documented_codes(manifest_test::read_source_file(kDoc));
  std::map<std::string, std::string> known;
  for (const DiagnosticCode& code : manifest::manifest_codes()) known.emplace(code.code, code.title);
  EXPECT_EQ(documented, known);
}

TEST(ConnectorFormatDoc, WorkedExampleIsTheKeepincrmManifest) {
  const std::string doc = manifest_test::read_source_file(kDoc);
  const std::string open = "```connector\n";
  const std::size_t begin = doc.find(open);
  ASSERT_NE(begin, std::string::npos) << kDoc << " needs a ```connector block";
  const std::size_t end = doc.find("```\n", begin + open.size());
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(doc.substr(begin + open.size(), end - begin - open.size()),
            manifest_test::read_source_file(manifest_test::manifest_path("keepincrm")));
}

}  // namespace
}  // namespace flowc
