// Every command reports a failure the same way: one line `flowc: error: ...` on stderr and the
// exit code of its kind (2 usage, 4 system), whichever command met it. Before, the same kinds
// of failure came with `flowc:`, `error:`, `flowc sandbox: error:` or `flowc: error:`.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

struct Case {
  std::string arguments;
  int exit_code;
  std::string message;  // after `flowc: error: `
};

void expect_one_prefix(const Case& c) {
  const CommandResult result = run_flowc(c.arguments);
  EXPECT_EQ(result.exit_code, c.exit_code) << c.arguments << "\n" << result.err;
  EXPECT_NE(result.err.find("flowc: error: " + c.message), std::string::npos) << c.arguments << "\n" << result.err;
}

TEST(ErrorPrefix, UsageErrorsOfEveryCommandSayFlowcError) {
  TempDir dir;
  const std::string flow = dir.write("ok.flow", "flow \"ok\"\naccount files = csv {}\nsource row = files.new_rows { path = \"a.csv\" }\n");
  const std::string bad_env = dir.write("bad.env", "not a line\n");
  const std::string state = (dir.path() / "state.db").string();
  const std::string no_dir = (dir.path() / "no" / "such" / "ir.json").string();
  const std::string empty = (dir.path() / "empty").string();
  std::filesystem::create_directories(empty);
  for (const Case& c : std::vector<Case>{
           {"check " + empty, 2, "no .flow files found"},
           {"connectors nosuch", 2, "no connector `nosuch`"},
           {"connectors telegram.nosuch", 2, "connector `telegram` has no action `nosuch`"},
           {"explain XYZ", 2, "`XYZ` is not a flowc diagnostic code"},
           {"test " + empty, 2, "no .flowtest files found"},
           {"compile " + flow + " -o " + no_dir, 2, "cannot write " + no_dir},
           {"run " + flow + " --env-file " + bad_env + " --state " + state, 2, bad_env + ":1: expected NAME=VALUE"},
           {"run " + flow + " --run abc --state " + state, 2, "--run needs --again"},
           {"show no-such-run --state " + state, 2, "no run no-such-run in "},
           {"schedule " + flow + " --from tomorrow", 2, "--from: cannot read \"tomorrow\""},
       }) {
    expect_one_prefix(c);
  }
}

TEST(ErrorPrefix, SystemFailuresOfRunningCommandsExit4WithTheSamePrefix) {
  TempDir dir;
  // A state "file" that is a folder cannot be opened: a system failure, not the command line's.
  std::filesystem::create_directories(dir.path() / "state.db");
  const std::string state = (dir.path() / "state.db").string();
  expect_one_prefix({"runs --state " + state, 4, ""});
}

}  // namespace
}  // namespace flowc::testing
