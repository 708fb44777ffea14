// The examples in docs/language.md's table of diagnostic codes really trigger their codes. An
// example written as code (`...`) is added to the end of the doc's base flow and compiled; an
// example in words (a NUL byte, 50 errors) is not checked.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "compiler/compile.hpp"
#include "docs_support.hpp"

namespace flowc {
namespace {

using namespace docs_test;

constexpr std::string_view kLanguageDoc = "docs/language.md";
constexpr std::string_view kBaseMarker = "# the base of the diagnostic examples";

std::string base_flow(const std::string& doc) {
  for (const CodeBlock& block : code_blocks(doc)) {
    if (block.info == "flow" && block.text.starts_with(kBaseMarker)) return block.text;
  }
  return {};
}

struct Example {
  std::string code;
  std::string text;  // the code spans of the cell, one a line
  int line = 0;
};

std::vector<Example> code_examples(const std::string& doc) {
  static const std::regex kCode("`([EW][0-9]{3})`");
  static const std::regex kSpan("`([^`]*)`");
  std::vector<Example> examples;
  std::istringstream in(doc);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::vector<std::string> cells = table_cells(line);
    std::smatch match;
    if (cells.size() < 3 || !std::regex_match(cells[0], match, kCode) || !cells[2].starts_with('`')) continue;
    Example example{match[1].str(), {}, number};
    for (auto it = std::sregex_iterator(cells[2].begin(), cells[2].end(), kSpan); it != std::sregex_iterator(); ++it) {
      example.text += (*it)[1].str() + "\n";
    }
    examples.push_back(example);
  }
  return examples;
}

TEST(DiagnosticExamples, BaseFlowCompilesCleanly) {
  const std::string base = base_flow(read_doc(kLanguageDoc));
  ASSERT_FALSE(base.empty()) << kLanguageDoc << " needs a ```flow block starting with " << kBaseMarker;
  const CompileResult result = compile_source("base.flow", base);
  EXPECT_TRUE(result.diagnostics.items().empty()) << "the base flow of the diagnostic examples has diagnostics";
}

TEST(DiagnosticExamples, EachExampleTriggersItsCode) {
  const std::string doc = read_doc(kLanguageDoc);
  const std::string base = base_flow(doc);
  ASSERT_FALSE(base.empty());
  const std::vector<Example> examples = code_examples(doc);
  EXPECT_GE(examples.size(), 40u) << "most codes should have an example written as code";
  for (const Example& example : examples) {
    const CompileResult result = compile_source("example.flow", base + example.text);
    std::string reported;
    bool found = false;
    for (const Diagnostic& d : result.diagnostics.items()) {
      reported += " " + d.code;
      found = found || d.code == example.code;
    }
    EXPECT_TRUE(found) << kLanguageDoc << ":" << example.line << ": the example of " << example.code
                       << " reports" << (reported.empty() ? " nothing" : reported) << ":\n"
                       << example.text;
  }
}

}  // namespace
}  // namespace flowc
