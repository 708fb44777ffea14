// docs/language.md against the compiler: its table of diagnostic codes lists exactly the codes
// that exist, its filter table is rendered from template_filters(), and its flow examples compile.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>

#include "compiler/report/catalog_markdown.hpp"
#include "compiler/compile.hpp"
#include "ir/diagnostic_codes.hpp"
#include "ir/template_filters.hpp"
#include "docs_support.hpp"
#include "grammar/error_messages.hpp"

namespace flowc {
namespace {

using namespace docs_test;

constexpr std::string_view kLanguageDoc = "docs/language.md";
constexpr std::string_view kFiltersOpen = "<!-- filters: generated from ir/template_filters.cpp -->";
constexpr std::string_view kFiltersClose = "<!-- end of generated filters -->";

struct DocumentedCode {
  std::string title;
  std::string example;
  int line = 0;
};

// Rows of the form | `E030` | title | example |, wherever they are in the file.
std::multimap<std::string, DocumentedCode> documented_codes(const std::string& doc) {
  static const std::regex kCode("`([EW][0-9]{3})`");
  std::multimap<std::string, DocumentedCode> codes;
  std::istringstream in(doc);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::vector<std::string> cells = table_cells(line);
    std::smatch match;
    if (cells.size() < 3 || !std::regex_match(cells[0], match, kCode)) continue;
    codes.emplace(match[1].str(), DocumentedCode{cells[1], cells[2], number});
  }
  return codes;
}

// Every code the tools can report, with the title the docs must show.
std::map<std::string, std::string> known_codes() {
  std::map<std::string, std::string> codes;
  for (const grammar::SyntaxErrorCode& code : grammar::syntax_error_codes()) {
    codes.emplace(std::string(code.code), std::string(code.meaning));
  }
  for (const DiagnosticCode& code : diagnostic_codes()) {
    codes.emplace(std::string(code.code), std::string(code.title));
  }
  return codes;
}

TEST(LanguageDoc, ListsEveryDiagnosticCode) {
  const std::multimap<std::string, DocumentedCode> documented = documented_codes(read_doc(kLanguageDoc));
  for (const auto& [code, title] : known_codes()) {
    const auto [first, last] = documented.equal_range(code);
    if (first == last) {
      ADD_FAILURE() << code << " (" << title << ") is missing from the table of codes in " << kLanguageDoc;
      continue;
    }
    EXPECT_EQ(std::next(first), last) << code << " is listed more than once in " << kLanguageDoc;
    EXPECT_EQ(first->second.title, title) << kLanguageDoc << ":" << first->second.line << ": the title of " << code;
    EXPECT_FALSE(first->second.example.empty())
        << kLanguageDoc << ":" << first->second.line << ": " << code << " needs an example";
  }
}

TEST(LanguageDoc, ListsOnlyCodesThatExist) {
  const std::map<std::string, std::string> known = known_codes();
  for (const auto& [code, entry] : documented_codes(read_doc(kLanguageDoc))) {
    EXPECT_TRUE(known.count(code)) << kLanguageDoc << ":" << entry.line << ": " << code
                                   << " is not a code the compiler reports";
  }
}

TEST(LanguageDoc, FilterTableIsRenderedFromTheFilters) {
  std::string doc = read_doc(kLanguageDoc);
  const Section table = section_between(doc, kFiltersOpen, kFiltersClose);
  ASSERT_TRUE(table.found()) << kLanguageDoc << " needs the lines " << kFiltersOpen << " and " << kFiltersClose;
  const std::string expected = template_filters_markdown();
  if (doc.substr(table.begin, table.end - table.begin) == expected) return;
  if (updating_docs()) {
    doc.replace(table.begin, table.end - table.begin, expected);
    write_doc(kLanguageDoc, doc);
    GTEST_SKIP() << "rewrote the filter table of " << kLanguageDoc;
  }
  ADD_FAILURE() << "the filter table of " << kLanguageDoc << " is out of date with ir/template_filters.cpp; "
                << kRegenerateHint << "\nexpected:\n"
                << expected;
}

TEST(LanguageDoc, DocumentsEveryFilter) {
  const std::string doc = read_doc(kLanguageDoc);
  for (const TemplateFilterSpec& filter : template_filters()) {
    EXPECT_NE(doc.find("| `" + std::string(filter.usage) + "` |"), std::string::npos)
        << "filter " << filter.name << " is not in the filter table of " << kLanguageDoc;
  }
}

// Diagnostics with the line of the doc they point at (the block's text starts after its fence).
std::string describe(const std::vector<Diagnostic>& diagnostics, const CodeBlock& block) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += "\n  " + std::string(kLanguageDoc) + ":" + std::to_string(block.line + static_cast<int>(d.span.line)) +
           ": " + severity_name(d.severity) + "[" + d.code + "] " + d.message;
  }
  return out;
}

bool is_syntax_code(const std::string& code) {
  for (const grammar::SyntaxErrorCode& syntax : grammar::syntax_error_codes()) {
    if (syntax.code == code) return true;
  }
  return false;
}

// A ```flow block that starts with `flow "..."` (after comments) is a whole flow.
bool is_complete_flow(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    return line.compare(start, 6, "flow \"") == 0;
  }
  return false;
}

TEST(LanguageDoc, CompleteFlowExamplesCompile) {
  int complete = 0;
  for (const CodeBlock& block : code_blocks(read_doc(kLanguageDoc))) {
    if (block.info != "flow" || !is_complete_flow(block.text)) continue;
    ++complete;
    const std::string where = std::string(kLanguageDoc) + ":" + std::to_string(block.line);
    const CompileResult result = compile_source(where, block.text);
    EXPECT_FALSE(result.diagnostics.has_errors())
        << "the example at " << where << " does not compile:" << describe(result.diagnostics.items(), block);
  }
  EXPECT_GE(complete, 5) << "expected the reference to show whole flows";
}

// Shorter ```flow blocks are statements without the rest of their flow: they must parse, even
// though names they use are defined elsewhere.
TEST(LanguageDoc, FlowFragmentsParse) {
  for (const CodeBlock& block : code_blocks(read_doc(kLanguageDoc))) {
    if (block.info != "flow" || is_complete_flow(block.text)) continue;
    const std::string where = std::string(kLanguageDoc) + ":" + std::to_string(block.line);
    const CompileResult result = compile_source(where, block.text);
    std::vector<Diagnostic> syntax;
    for (const Diagnostic& d : result.diagnostics.items()) {
      if (is_syntax_code(d.code)) syntax.push_back(d);
    }
    EXPECT_TRUE(syntax.empty()) << "the fragment at " << where << " does not parse:" << describe(syntax, block);
  }
}

}  // namespace
}  // namespace flowc
