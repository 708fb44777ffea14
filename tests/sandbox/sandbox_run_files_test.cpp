// `flowc run --sandbox` never writes the user's files: a flow that appends to a CSV appends to a
// temporary copy of its folder, removed when the run ends, however often it is tried.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/flow_fixture.hpp"
#include "tools/sandbox/stand_ins.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The sandbox's copies of csv folders in `temp` (the run's TMPDIR, a folder of this test's own,
// so that sandbox runs of tests running beside it do not count).
std::set<fs::path> sandbox_copies(const fs::path& temp) {
  std::set<fs::path> copies;
  for (const auto& entry : fs::directory_iterator(temp)) {
    if (entry.path().filename().string().starts_with("flowc-sandbox-files-")) copies.insert(entry.path());
  }
  return copies;
}

TEST(SandboxRunFiles, AppendingFlowLeavesTheUsersDataFolderUntouched) {
  const fs::path samples = fs::path(FLOWC_SOURCE_DIR) / "samples";
  TempDir dir;
  fs::copy(samples / "data", dir.path() / "data", fs::copy_options::recursive);
  fs::copy_file(samples / "csv_telegram_digest.flow", dir.path() / "digest.flow");
  const std::string invoices = read_file(dir.path() / "data" / "invoices.csv");
  const fs::path temp = dir.path() / "tmp";
  fs::create_directories(temp);

  for (int attempt = 0; attempt < 2; ++attempt) {
    const CommandResult run = run_flowc("run --sandbox " + (dir.path() / "digest.flow").string(), "TMPDIR=" + temp.string());
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    // The append ran (in the copy): every paid invoice was announced and then noted.
    EXPECT_NE(run.out.find("send_1 success"), std::string::npos) << run.out;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "data" / "announced.csv")) << read_file(dir.path() / "data" / "announced.csv");
  EXPECT_EQ(read_file(dir.path() / "data" / "invoices.csv"), invoices);
  EXPECT_EQ(sandbox_copies(temp), std::set<fs::path>{}) << "a copy of the data folder was left behind";
}

TEST(SandboxRunFiles, AnAppendOutsideTheAccountsFolderIsRefusedBeforeAnythingRuns) {
  TempDir dir;
  dir.write("rows.csv", "id\n1\n");
  const fs::path outside = dir.path() / "elsewhere" / "log.csv";
  const std::string flow = dir.write("log.flow", R"(flow "log"
account files = csv {}
source row = files.new_rows { path = "rows.csv" }
send files.append_row { path = ")" + outside.string() + R"("  columns.id = row.id }
)");
  const CommandResult run = run_flowc("run --sandbox " + flow);
  EXPECT_NE(run.exit_code, 0) << run.out;
  EXPECT_NE(run.err.find("outside the folder of account files"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(outside));
}

// The first line of a sandbox run names what the sandbox stands in for, from the one list of
// stand-ins: a stand-in added to the list is announced without another edit.
TEST(SandboxRunFiles, TheBannerNamesEveryStandIn) {
  const CommandResult run = run_flowc("run --sandbox " + std::string(FLOWC_SOURCE_DIR) +
                                      "/samples/keepincrm_update_or_create.flow");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string banner = run.out.substr(0, run.out.find('\n'));
  ASSERT_EQ(banner.rfind("sandbox: ", 0), 0u) << run.out;
  for (const sandbox::StandIn& stand_in : sandbox::stand_ins()) {
    EXPECT_NE(banner.find(stand_in.title), std::string::npos) << stand_in.title << " missing from: " << banner;
  }
}

}  // namespace
}  // namespace flowc::testing
