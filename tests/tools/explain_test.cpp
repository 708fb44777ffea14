// `flowc explain`: every code of the parser and the checker has an explanation, each example written
// as a flow really reports its code, and each fix really makes that code (and every error) go away.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "compiler/compile.hpp"
#include "ir/diagnostic_codes.hpp"
#include "compiler/report/diagnostic_explanations.hpp"
#include "ir/manifest/manifest_codes.hpp"
#include "grammar/error_messages.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

std::string with_base(std::string_view lines) {
  return std::string(explanation_base_flow()) + std::string(lines) + "\n";
}

std::string codes_of(const CompileResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics.items()) out += " " + d.code;
  return out.empty() ? " nothing" : out;
}

bool reports(const CompileResult& result, std::string_view code) {
  for (const Diagnostic& d : result.diagnostics.items()) {
    if (d.code == code) return true;
  }
  return false;
}

std::string_view find_manifest_title(std::string_view code) {
  for (const DiagnosticCode& entry : manifest::manifest_codes())
    if (entry.code == code) return entry.title;
  return "(none)";
}

TEST(Explain, EveryCodeHasOneExplanationInCodeOrder) {
  std::vector<std::string> codes;
  for (const auto& entry : grammar::syntax_error_codes()) codes.emplace_back(entry.code);
  for (const DiagnosticCode& entry : diagnostic_codes()) codes.emplace_back(entry.code);
  std::vector<std::string> explained;
  for (const DiagnosticExplanation& entry : diagnostic_explanations()) {
    explained.emplace_back(entry.code);
    EXPECT_FALSE(entry.explanation.empty()) << entry.code;
    EXPECT_FALSE(entry.example.empty()) << entry.code;
    EXPECT_FALSE(entry.fix.empty()) << entry.code;
    EXPECT_FALSE(diagnostic_title(entry.code).empty()) << entry.code;
  }
  EXPECT_EQ(explained, codes);
}

TEST(Explain, EveryManifestCodeHasOneExplanationInCodeOrder) {
  std::vector<std::string> codes;
  for (const DiagnosticCode& entry : manifest::manifest_codes()) codes.emplace_back(entry.code);
  std::vector<std::string> explained;
  for (const DiagnosticExplanation& entry : manifest_explanations()) {
    explained.emplace_back(entry.code);
    EXPECT_FALSE(entry.explanation.empty() || entry.example.empty() || entry.fix.empty()) << entry.code;
    EXPECT_EQ(diagnostic_title(entry.code), find_manifest_title(entry.code)) << entry.code;
    EXPECT_EQ(find_explanation(entry.code), &entry) << entry.code;
  }
  EXPECT_EQ(explained, codes);
}

TEST(Explain, TheBaseFlowCompilesCleanly) {
  const CompileResult result = compile_source("base.flow", std::string(explanation_base_flow()));
  EXPECT_TRUE(result.diagnostics.items().empty()) << codes_of(result);
}

TEST(Explain, EachFlowExampleReportsItsCode) {
  int checked = 0;
  for (const DiagnosticExplanation& entry : diagnostic_explanations()) {
    if (!entry.example_is_flow) continue;
    ++checked;
    const CompileResult result = compile_source("example.flow", with_base(entry.example));
    EXPECT_TRUE(reports(result, entry.code))
        << "the example of " << entry.code << " reports" << codes_of(result) << ":\n"
        << entry.example;
  }
  EXPECT_GE(checked, 50);
}

TEST(Explain, EachFixRemovesTheCodeAndLeavesNoError) {
  for (const DiagnosticExplanation& entry : diagnostic_explanations()) {
    if (!entry.example_is_flow) continue;
    const CompileResult result = compile_source("fixed.flow", with_base(entry.fixed_example));
    EXPECT_FALSE(reports(result, entry.code) || result.diagnostics.has_errors())
        << "the fix of " << entry.code << " reports" << codes_of(result) << ":\n"
        << entry.fixed_example;
  }
}

TEST(ExplainCommand, PrintsTheExplanationExampleAndFix) {
  const CommandResult result = run_flowc("explain e030");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(result.out.starts_with("E030: unknown field\n")) << result.out;
  EXPECT_NE(result.out.find("    send bot.send_message { chat_id = \"1\"  txet = \"x\" }\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Fix: Spell the field right."), std::string::npos) << result.out;
}

TEST(ExplainCommand, UnknownCodeFailsClearly) {
  const CommandResult result = run_flowc("explain E999");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("`E999` is not a flowc diagnostic code"), std::string::npos) << result.err;
}

TEST(ExplainCommand, WithoutACodeListsThemAll) {
  const CommandResult result = run_flowc("explain");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("E001  unexpected text where a statement should start\n"), std::string::npos);
  EXPECT_NE(result.out.find("W004  schedule repeats another\n"), std::string::npos);
}

}  // namespace
}  // namespace flowc::testing
