// The `flowc schedule` examples in docs/scheduling.md are what the command prints. Each example's
// flow is rebuilt from the schedule lines its output lists; an example that elides its header with
// "..." reuses the flow of the same file shown earlier in the doc.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "tests/docs/docs_support.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

constexpr std::string_view kDoc = "docs/scheduling.md";
constexpr std::string_view kPrompt = "$ flowc schedule ";
constexpr std::string_view kAfterNote = ": each time a run of that flow completes";

struct Example {
  std::string arguments;  // after "flowc schedule ", starting with the file name
  std::vector<std::string> output;
};

std::vector<Example> examples(const std::string& doc) {
  std::vector<Example> found;
  for (const docs_test::CodeBlock& block : docs_test::code_blocks(doc)) {
    std::istringstream in(block.text);
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with(kPrompt)) {
        found.push_back({line.substr(kPrompt.size()), {}});
      } else if (!found.empty() && block.text.starts_with(kPrompt)) {
        found.back().output.push_back(line);
      }
    }
  }
  // A blank line separates two commands in one block; it belongs to neither output.
  for (Example& example : found) {
    while (!example.output.empty() && example.output.back().empty()) example.output.pop_back();
  }
  return found;
}

// A flow named as the output's first line says, with the schedule lines the output lists.
std::string flow_text(const std::vector<std::string>& output) {
  const std::string& first = output.at(0);
  std::string text = first.substr(0, first.rfind(" (")) + "\n";
  text += R"(account files = csv { dir = "." }
source row = files.new_rows { path = "rows.csv" }
send files.append_row { path = "out.csv"  columns.title = row.title }
)";
  for (const std::string& line : output) {
    if (!line.starts_with("  schedule ")) continue;
    std::string schedule = line.substr(2);
    if (schedule.ends_with(kAfterNote)) schedule.resize(schedule.size() - kAfterNote.size());
    text += schedule + "\n";
  }
  return text;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST(SchedulingDoc, ScheduleExamplesAreWhatTheCommandPrints) {
  const std::vector<Example> found = examples(docs_test::read_doc(kDoc));
  ASSERT_GE(found.size(), 4u) << "the examples were not found in " << kDoc;
  TempDir dir;
  std::map<std::string, std::string> flows;  // file -> text, from the examples that show it whole
  for (const Example& example : found) {
    const std::string file = example.arguments.substr(0, example.arguments.find(' '));
    const auto elided = std::find(example.output.begin(), example.output.end(), "...");
    if (elided == example.output.end()) flows[file] = flow_text(example.output);
    ASSERT_TRUE(flows.count(file)) << file << " is elided before it is shown whole";
    dir.write(file, flows[file]);

    const CommandResult result = run_flowc("schedule " + example.arguments, "cd " + dir.path().string() + " &&");
    ASSERT_EQ(result.exit_code, 0) << example.arguments << "\n" << result.err;
    // An elided example shows the end of the output.
    const std::string expected = joined(std::vector<std::string>(
        elided == example.output.end() ? example.output.begin() : elided + 1, example.output.end()));
    EXPECT_TRUE(result.out.ends_with(expected)) << "flowc schedule " << example.arguments << "\nprints:\n"
                                                << result.out << "the doc says:\n"
                                                << expected;
  }
}

}  // namespace
}  // namespace flowc::testing
