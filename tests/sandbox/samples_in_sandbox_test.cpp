// Every sample runs in the sandbox as a new user would try it (`flowc run --sandbox FILE`): it
// ends well, each of its HTTP accounts is answered by a stand-in (a request that went out to the
// real service would fail here, where there is no network), and the sandbox says what it received.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

std::vector<std::filesystem::path> sample_flows() {
  std::vector<std::filesystem::path> flows;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(FLOWC_SOURCE_DIR) / "samples"))
    if (entry.path().extension() == ".flow") flows.push_back(entry.path());
  return flows;
}

TEST(SamplesInSandbox, EverySampleRunsAgainstStandInsOnly) {
  const std::vector<std::filesystem::path> flows = sample_flows();
  ASSERT_GE(flows.size(), 3u);
  for (const std::filesystem::path& flow : flows) {
    const CommandResult run = run_flowc("run --sandbox " + flow.string());
    const std::string output = run.out + run.err;
    EXPECT_EQ(run.exit_code, 0) << flow << "\n" << output;
    EXPECT_NE(run.out.find("What the sandbox received:"), std::string::npos) << flow << "\n" << output;
    EXPECT_EQ(output.find("Could not resolve host"), std::string::npos) << flow << "\n" << output;
    EXPECT_EQ(output.find("Could not connect"), std::string::npos) << flow << "\n" << output;
  }
}

// The `http` connector's stand-in takes any request under its path and answers it with a new id.
TEST(SamplesInSandbox, AWebhookSampleReachesTheHttpStandIn) {
  const CommandResult run =
      run_flowc("run --sandbox " + std::string(FLOWC_SOURCE_DIR) + "/samples/sheet_webhook_email.flow");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("http POST /http/v1/leads -> 200"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("lead (hooks.request)         3         0"), std::string::npos) << run.out;
}

// As a user types it in the sample's own folder: the flow's folder is the current one.
TEST(SamplesInSandbox, AFlowNamedWithoutItsFolderRunsFromTheCurrentOne) {
  const std::string samples = std::string(FLOWC_SOURCE_DIR) + "/samples";
  const CommandResult run = run_flowc("run --sandbox keepincrm_update_or_create.flow", "cd " + samples + " &&");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("What the sandbox received:"), std::string::npos) << run.out << run.err;
}

}  // namespace
}  // namespace flowc::testing
