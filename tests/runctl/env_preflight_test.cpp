// A flow that reads an unset (or misspelt) env.NAME stops before its first row, naming every such
// variable, instead of failing each row's send and letting the flow's `if` mark the rows handled.
// A dry run shows `<unset env.NAME>` where the value would go, and the sandbox still needs none.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/runctl/runctl_support.hpp"
#include "tests/support/recording_server.hpp"

namespace flowc::testing {
namespace {

constexpr const char* kUnset = "env -u RUNCTL_UNSET_TOKEN -u RUNCTL_UNSET_KEY -u RUNCTL_UNSET_MODE -u RUNCTL_UNSET_CRM";

// Reads three variables: in an account, in a send's field, in a condition.
std::string flow_reading_env(const TempDir& dir, const std::string& base_url) {
  return posting_flow(dir, "env preflight", base_url, 2, R"(
account bot = telegram { bot_token = env.RUNCTL_UNSET_TOKEN  base_url = ")" + base_url + R"(" }
send tagged = api.request { url = "/tagged"  body.key = env.RUNCTL_UNSET_KEY }
if tagged.result == fail and env.RUNCTL_UNSET_MODE == "loud" then
  send bot.send_message { chat_id = "1"  text = "failed" }
end
)");
}

TEST(EnvPreflight, ARunWithUnsetVariablesStopsBeforeItsFirstRowAndNamesThemAll) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply(200, "{}"); });
  TempDir dir;
  const std::string flow = flow_reading_env(dir, server.url());
  const std::string state = (dir.path() / "state" / "state.db").string();

  const CommandResult run = run_flowc("run " + flow + " --state " + state, kUnset);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  for (const char* name : {"env.RUNCTL_UNSET_TOKEN", "env.RUNCTL_UNSET_KEY", "env.RUNCTL_UNSET_MODE"}) {
    EXPECT_NE(run.err.find(name), std::string::npos) << name << " not listed:\n" << run.err;
  }
  EXPECT_NE(run.err.find("3 environment variables"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(account bot, "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(send tagged, "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(condition, "), std::string::npos) << run.err;
  EXPECT_TRUE(server.requests().empty()) << "a row was sent";
  EXPECT_FALSE(std::filesystem::exists(state)) << "state was written";

  // Set, the same rows go out: nothing was used up.
  const CommandResult set =
      run_flowc("run " + flow + " --state " + state,
                "RUNCTL_UNSET_TOKEN=123:abc RUNCTL_UNSET_KEY=k RUNCTL_UNSET_MODE=quiet");
  EXPECT_EQ(set.exit_code, 0) << set.out << set.err;
  EXPECT_EQ(server.requests().size(), 4u);  // post and tagged, for both rows
}

TEST(EnvPreflight, ADryRunShowsUnsetVariablesAsPlaceholders) {
  RecordingServer server([](const ReceivedRequest&, std::size_t) { return Reply(200, "{}"); });
  TempDir dir;
  const std::string flow = posting_flow(dir, "env dry run", server.url(), 1, R"(
account crm = keepincrm { api_key = env.RUNCTL_UNSET_CRM  base_url = ")" + server.url() + R"(" }
send tagged = api.request { url = "/tagged"  body.key = env.RUNCTL_UNSET_KEY }
send crm.update_order { find_by = id  id = row.id  title = "t" }
)");
  const CommandResult dry = run_flowc("run --dry-run " + flow, kUnset);
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("<unset env.RUNCTL_UNSET_KEY>"), std::string::npos) << dry.out;
  // In a credential header too: the placeholder is no secret, and it is what the reader must see.
  EXPECT_NE(dry.out.find("<unset env.RUNCTL_UNSET_CRM>"), std::string::npos) << dry.out;
  EXPECT_TRUE(server.requests().empty());
}

TEST(EnvPreflight, TheSandboxNeedsNoVariables) {
  const std::string sample = std::string(FLOWC_SOURCE_DIR) + "/samples/keepincrm_update_or_create.flow";
  const CommandResult run = run_flowc(
      "run --sandbox " + sample,
      "env -u GOOGLE_API_KEY -u KEEPINCRM_API_KEY -u TELEGRAM_BOT_TOKEN -u TELEGRAM_CHAT_ID");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.err.find("not set"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace flowc::testing
