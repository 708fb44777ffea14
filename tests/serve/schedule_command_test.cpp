// `flowc schedule` prints the next run times of a flow; `flowc serve` refuses what it cannot serve.
#include <gtest/gtest.h>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kBody = R"(account files = csv { dir = "." }
account crm = keepincrm { api_key = env.SERVE_CLI_KEY }
source row = files.new_rows { path = "rows.csv" }
send crm.create_order { title = row.title }
)";

std::string flow(const std::string& name, const std::string& schedules) {
  return "flow \"" + name + "\"\n" + kBody + schedules;
}

TEST(ScheduleCommand, PrintsTheNextRunsAcrossASpringForward) {
  TempDir dir;
  const std::string file = dir.write("kyiv.flow", flow("kyiv", "schedule at 03:30, 12:00 timezone \"Europe/Kyiv\"\n"));
  const CommandResult result = run_flowc("schedule " + file + " --next 3 --from 2026-03-28T12:00:00Z");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("  schedule at 03:30, 12:00 timezone \"Europe/Kyiv\"\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("next 3 runs after 2026-03-28T12:00:00.000Z:\n"
                            "  2026-03-29T01:00:00.000Z  2026-03-29 04:00:00 EEST"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  2026-03-29T09:00:00.000Z  2026-03-29 12:00:00 EEST"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  2026-03-30T00:30:00.000Z  2026-03-30 03:30:00 EEST"), std::string::npos) << result.out;
}

TEST(ScheduleCommand, IntervalsAndAfterLines) {
  TempDir dir;
  const std::string file = dir.write("mix.flow", flow("mix", "schedule every 15m\nschedule after \"other\"\n"));
  const CommandResult result = run_flowc("schedule " + file + " --next 2 --from \"2026-11-29 16:07\"");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("schedule after \"other\": each time a run of that flow completes"), std::string::npos);
  EXPECT_NE(result.out.find("  2026-11-29T16:15:00.000Z  2026-11-29 16:15:00 UTC     every 15m\n"
                            "  2026-11-29T16:30:00.000Z"),
            std::string::npos)
      << result.out;
}

TEST(ScheduleCommand, AnUnreadableFromIsAUsageError) {
  TempDir dir;
  const std::string file = dir.write("x.flow", flow("x", "schedule every 1h\n"));
  const CommandResult result = run_flowc("schedule " + file + " --from tomorrow");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("cannot read \"tomorrow\""), std::string::npos) << result.err;
}

TEST(ServeCommand, RefusesToStartWhenNoFlowIsValidAndReportsEveryProblem) {
  TempDir dir;
  dir.write("a.flow", flow("a", "schedule every 0s\n"));
  dir.write("b.flow", "flow \"b\"\nsource row = nowhere.rows {}\n");
  const CommandResult result = run_flowc("serve " + dir.path().string() + " --state " + (dir.path() / "s.db").string());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("a.flow"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("b.flow"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("no valid flow to serve"), std::string::npos) << result.err;
}

TEST(ServeCommand, RefusesAfterCycles) {
  TempDir dir;
  dir.write("a.flow", flow("a", "schedule after \"b\"\n"));
  dir.write("b.flow", flow("b", "schedule after \"a\"\n"));
  const CommandResult result = run_flowc("serve " + dir.path().string() + " --state " + (dir.path() / "s.db").string());
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("forms a cycle: "), std::string::npos) << result.err;
}

}  // namespace
}  // namespace flowc::testing
