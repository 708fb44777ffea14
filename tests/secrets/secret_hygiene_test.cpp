// Secret hygiene end to end: flows whose accounts hold distinctive secret values (API keys, a
// bot token, an SMTP password, a bearer token) go through every mode of the flowc executable —
// check, compile, run (plain, --verbose, --log-format json, --dry-run), failing sends (401s, a
// rejected order, a server that echoes the credential back), runs and show. No secret value may
// appear in stdout, stderr, the IR, the bytes of the state database, what the services logged,
// or what an alert carried to another service.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "tools/sandbox/sandbox.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/recording_server.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

// Values no ordinary output could contain by chance.
struct Secrets {
  std::string sheets_key;
  std::string crm_key;
  std::string bot_token;
  std::string smtp_password;
  std::string hook_token;

  std::vector<std::string> all() const { return {sheets_key, crm_key, bot_token, smtp_password, hook_token}; }
  // The environment for a flowc command line.
  std::string env() const {
    return fmt::format("SH_SHEETS_KEY='{}' SH_CRM_KEY='{}' SH_BOT_TOKEN='{}' SH_SMTP_PASSWORD='{}' SH_HOOK_TOKEN='{}'",
                       sheets_key, crm_key, bot_token, smtp_password, hook_token);
  }
};

const Secrets kGood{"SheetsKey-q7W2e9R4", "CrmKey-Zx81Lp0Qa3", "987654321:AAHsecretBotTok3nXyZ", "SmtpPass-Vb5Nm2Kj",
                    "HookTok-Ee4Rr6Tt8"};
// Wrong credentials (the services answer 401), just as distinctive.
const Secrets kWrong{"SheetsKey-q7W2e9R4", "CrmKey-WRONG-Uu3Ii5", "111111111:AAHwrongBotTok3nQqQ", "SmtpPass-WRONG-Ll9",
                     "HookTok-WRONG-Pp0Oo9"};

std::string flow_text(const sandbox::Sandbox& box, const std::string& hook_url) {
  return fmt::format(R"(flow "secret-hygiene"
account sheets = google_sheets {{ api_key = env.SH_SHEETS_KEY  base_url = "{}" }}
account crm    = keepincrm     {{ api_key = env.SH_CRM_KEY  base_url = "{}" }}
account bot    = telegram      {{ bot_token = env.SH_BOT_TOKEN  base_url = "{}" }}
account mail   = email         {{ smtp_url = "{}"  username = "robot@example.com"  password = env.SH_SMTP_PASSWORD  from = "robot@example.com" }}
account hooks  = http          {{ base_url = "{}"  bearer_token = env.SH_HOOK_TOKEN }}
source row = sheets.new_rows {{ spreadsheet = "s1"  sheet = "Orders"  key = order_id }}
send update = crm.update_order {{ find_by = id  id = row.order_id  title = "order {{{{row.order_id}}}}"  total = row.amount }}
if update.result == fail then
  send create = crm.create_order {{ title = "order {{{{row.order_id}}}}"  total = row.amount }}
  if create.result == fail then
    send bot.send_message {{ chat_id = "42"  text = "Order {{{{row.order_id}}}}: {{{{create.errors}}}}" }}
  end
end
send hook = hooks.request {{ url = "/v1/leads"  body.id = row.order_id }}
if hook.result == fail then
  send mail.send {{ to = ["ops@example.com"]  subject = "hook failed"  body = "{{{{hook.errors}}}}" }}
end
settings {{ retries = 1  timeout = 5s }}
)",
                     box.base_url("sheets"), box.base_url("keepincrm"), box.base_url("telegram"), box.smtp_url(),
                     hook_url);
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every file under `dir` (the state database and any journal beside it), concatenated.
std::string all_bytes_under(const std::filesystem::path& dir) {
  std::string bytes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += file_bytes(entry.path());
  }
  return bytes;
}

class SecretHygiene : public ::testing::Test {
 protected:
  // The webhook answers 401 and, as careless servers do, quotes the credential it was given.
  SecretHygiene()
      : hooks_([](const ReceivedRequest& request, std::size_t) {
          return Reply(401, fmt::format(R"({{"error":"token rejected: {}"}})", request.header("Authorization")));
        }) {}

  void start_sandbox(sandbox::SandboxOptions options) {
    options.keepincrm_token = kGood.crm_key;
    options.telegram_token = kGood.bot_token;
    options.sheets_api_key = kGood.sheets_key;
    box_ = std::make_unique<sandbox::Sandbox>(std::move(options));
    box_->start();
    box_->set_sheet("", "Orders", {{"order_id", "amount"}, {"1", "10"}, {"2", "20"}, {"3", "30"}});
    flow_ = dir_.write("secrets.flow", flow_text(*box_, hooks_.url()));
    state_dir_ = dir_.path() / "state";
    std::filesystem::create_directories(state_dir_);
    state_ = (state_dir_ / "state.db").string();
  }

  // Runs `flowc ARGS` with `secrets` in the environment; fails the test where any of them shows.
  CommandResult flowc(const std::string& args, const Secrets& secrets = kGood) { return flowc(args, secrets.env()); }
  CommandResult flowc(const std::string& args, const std::string& env) {
    CommandResult result = run_flowc(args, env);
    expect_clean("stdout of `flowc " + args + "`", result.out);
    expect_clean("stderr of `flowc " + args + "`", result.err);
    return result;
  }

  void expect_clean(const std::string& where, const std::string& text) {
    for (const std::string& secret : watched_) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "secret '" << secret << "' appears in " << where << ":\n"
                                                      << text;
    }
  }

  // `flowc runs` and `flowc show` of every recorded run, in text and JSON; expects `count` runs.
  void show_every_run(std::size_t count, const std::string& env = kGood.env()) {
    flowc("runs --state " + state_, env);
    const CommandResult listed = flowc("runs --format json --state " + state_, env);
    rapidjson::Document runs;
    runs.Parse(listed.out.c_str());
    ASSERT_TRUE(runs.IsArray()) << listed.out << listed.err;
    EXPECT_EQ(runs.Size(), count);
    for (const auto& run : runs.GetArray()) {
      const std::string id = run["id"].GetString();
      const CommandResult show = flowc("show " + id + " --state " + state_, env);
      EXPECT_EQ(show.exit_code, 0) << show.err;
      EXPECT_EQ(flowc("show " + id + " --format json --state " + state_, env).exit_code, 0);
    }
  }

  // What left the process by other ways than its output: the state database and the services.
  void expect_stores_clean() {
    expect_clean("the state database files", all_bytes_under(state_dir_));
    expect_clean("the sandbox request log", box_->requests_json());
    expect_clean("the sandbox state", box_->state_json());
    for (const auto& mail : box_->mails()) expect_clean("a mail the SMTP sink received", mail.data);
    for (const auto& request : hooks_.requests()) expect_clean("a webhook request body", request.body);
  }

  // The values no output may show: both sets of account secrets unless a test watches others.
  std::vector<std::string> watched_ = [] {
    std::vector<std::string> all = kGood.all();
    for (const std::string& secret : kWrong.all()) all.push_back(secret);
    return all;
  }();
  TempDir dir_;
  RecordingServer hooks_;
  std::unique_ptr<sandbox::Sandbox> box_;
  std::string flow_;
  std::filesystem::path state_dir_;
  std::string state_;
};

TEST_F(SecretHygiene, CheckAndCompileNeverHoldSecretValues) {
  start_sandbox({});
  const CommandResult check = flowc("check " + flow_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const std::string ir = (dir_.path() / "flow.ir.json").string();
  const CommandResult compile = flowc("compile " + flow_ + " -o " + ir);
  ASSERT_EQ(compile.exit_code, 0) << compile.err;
  expect_clean("the IR", file_bytes(ir));
  EXPECT_NE(file_bytes(ir).find("SH_CRM_KEY"), std::string::npos) << "the IR should name the variable";
  flowc("compile " + flow_);  // IR on stdout
}

TEST_F(SecretHygiene, RunsInEveryOutputModeWithoutShowingSecrets) {
  start_sandbox({});
  const CommandResult dry = flowc("run --dry-run --verbose " + flow_);
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("[redacted]"), std::string::npos) << "a dry run shows credentials masked:\n" << dry.out;
  EXPECT_NE(dry.out.find("  Content-Type: application/json\n"), std::string::npos)
      << "a dry run shows the headers requests share too:\n" << dry.out;
  EXPECT_NE(dry.out.find(": {{create.errors}}"), std::string::npos)
      << "an earlier send's outcome reads as its placeholder in a dry run:\n" << dry.out;

  const CommandResult verbose = flowc("run --verbose --state " + state_ + " " + flow_);
  EXPECT_EQ(verbose.exit_code, 0) << verbose.out << verbose.err;
  // The webhook quoted the bearer token back; the mail alert carries that error text.
  ASSERT_FALSE(box_->mails().empty()) << "the hook's failure should have been mailed";
  box_->set_sheet("", "Orders", {{"order_id", "amount"}, {"4", "40"}, {"5", "50"}});
  const CommandResult json = flowc("run --log-format json --verbose --state " + state_ + " " + flow_);
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;

  show_every_run(2);
  expect_stores_clean();
}

TEST_F(SecretHygiene, FailingSendsAndRejectedCredentialsDoNotLeak) {
  sandbox::SandboxOptions options;
  options.faults.reject_orders_matching = "order 2";  // one create is refused with 422
  start_sandbox(std::move(options));
  // The right keys: update fails (no such order), create fails for row 2, Telegram is alerted.
  const CommandResult rejected = flowc("run --verbose --state " + state_ + " " + flow_);
  EXPECT_NE(rejected.out.find("422"), std::string::npos) << rejected.out;

  // Wrong CRM key and bot token: every KeepinCRM send and the Telegram alert meet 401.
  box_->set_sheet("", "Orders", {{"order_id", "amount"}, {"7", "70"}});
  const CommandResult unauthorized = flowc("run --verbose --state " + state_ + " " + flow_, kWrong);
  EXPECT_NE(unauthorized.out.find("401"), std::string::npos) << unauthorized.out;
  box_->set_sheet("", "Orders", {{"order_id", "amount"}, {"8", "80"}});
  flowc("run --log-format json --state " + state_ + " " + flow_, kWrong);
  flowc("run --dry-run --log-format json " + flow_, kWrong);

  show_every_run(3, kWrong.env());
  expect_stores_clean();
}

TEST_F(SecretHygiene, UnreachableServicesDoNotLeakUrlsWithTokens) {
  start_sandbox({});
  // Telegram's token travels in the URL path; a connection error must not print that URL.
  const std::string flow = dir_.write("down.flow", fmt::format(R"(flow "down"
account sheets = google_sheets {{ api_key = env.SH_SHEETS_KEY  base_url = "{}" }}
account bot    = telegram      {{ bot_token = env.SH_BOT_TOKEN  base_url = "http://127.0.0.1:1" }}
source row = sheets.new_rows {{ spreadsheet = "s1"  sheet = "Orders" }}
send note = bot.send_message {{ chat_id = "42"  text = "row {{{{row.order_id}}}}" }}
if note.result == fail then
end
settings {{ retries = 0  timeout = 2s }}
)",
                                                               box_->base_url("sheets")));
  const CommandResult result = flowc("run --verbose --state " + state_ + " " + flow);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  show_every_run(1);
  // The source itself failing (the service is gone) is a system failure with an error message.
  box_->stop();
  const CommandResult source_down = flowc("run --state " + state_ + " " + flow);
  EXPECT_NE(source_down.exit_code, 0);
  expect_clean("the state database files", all_bytes_under(state_dir_));
}

// Secrets that are whole URLs or sit inside them: a Bitrix24 inbound webhook as the base URL, a
// Slack webhook URL as a send's url, a token in a query, and a value full of regex and JSON
// specials in a header and a body. The service answers 500 quoting everything it was sent, so the
// error texts, the alert carrying them, and the history hold the values too unless masked.
class UrlSecrets : public SecretHygiene {
 protected:
  UrlSecrets()
      : echo_([](const ReceivedRequest& request, std::size_t) {
          std::string query;
          for (const auto& [name, value] : request.params) query += name + "=" + value + "&";
          return Reply(500, fmt::format(R"({{"error":"cannot serve {} {}?{} with X-Odd {} and body {}"}})",
                                        request.method, request.path, query, request.header("X-Odd"), request.body));
        }) {
    const std::string bitrix_url = echo_.url() + "/rest/1/bitrixsecret77/";
    const std::string slack_url = echo_.url() + "/services/T0001ABCD/B0002EFGH/XXXXsecretXXXX123";
    const std::string query_token = "qtok3nABCDEF12";
    const std::string odd = R"(Re.g*x+(s)?[e]{2}$^|c\r"q)";
    watched_ = {bitrix_url, "bitrixsecret77", slack_url, "XXXXsecretXXXX123", query_token, odd};
    variables_ = {{"BITRIX_URL", bitrix_url}, {"SLACK_WEBHOOK_URL", slack_url}, {"QUERY_TOKEN", query_token},
                  {"ODD_VALUE", odd}};
    for (const auto& [name, value] : variables_) env_ += fmt::format("{}='{}' ", name, value);
    state_dir_ = dir_.path() / "state";
    std::filesystem::create_directories(state_dir_);
    state_ = (state_dir_ / "state.db").string();
  }

  // The flow in `folder` (relative to the test's directory), reading rows.csv beside it.
  std::string write_flow(const std::string& folder, const std::string& schedule = "") {
    std::filesystem::create_directories(dir_.path() / folder);
    dir_.write(folder + "/rows.csv", "id,title\n1,chair\n");
    return dir_.write(folder + "/urls.flow", R"(flow "url-secrets"
account files  = csv
account bitrix = http { base_url = env.BITRIX_URL }
account slack  = http {}
source row = files.new_rows { path = "rows.csv" }
send deal = bitrix.request {
  method = "POST"
  url = "crm.deal.add.json?auth={{env.QUERY_TOKEN}}"
  headers.X-Odd = env.ODD_VALUE
  body.title = "{{row.title}} {{env.ODD_VALUE}}"
}
if deal.result == fail then
  send alert = slack.request { url = env.SLACK_WEBHOOK_URL  body.text = "deal failed: {{deal.errors}}" }
  if alert.result == fail then
  end
end
settings { retries = 0  timeout = 5s }
)" + schedule);
  }

  // Every request that reached the Slack URL carried no secret; returns how many did.
  std::size_t expect_clean_alerts() {
    std::size_t alerts = 0;
    for (const ReceivedRequest& request : echo_.requests()) {
      if (request.path.find("/services/") == std::string::npos) continue;
      ++alerts;
      expect_clean("the alert carrying the error text", request.body);
    }
    return alerts;
  }

  RecordingServer echo_;
  std::vector<std::pair<std::string, std::string>> variables_;
  std::string env_;  // the variables as a command line's prefix
};

TEST_F(UrlSecrets, AreMaskedInRunsDryRunsLogsHistoryAndState) {
  const std::string flow = write_flow("run");
  const CommandResult dry = flowc("run --dry-run --verbose " + flow, env_);
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find(echo_.url() + "/[redacted]/crm.deal.add.json"), std::string::npos)
      << "the host of a secret URL stays readable:\n" << dry.out;
  const CommandResult verbose = flowc("run --verbose --state " + state_ + " " + flow, env_);
  EXPECT_NE(verbose.out.find("500"), std::string::npos) << verbose.out << verbose.err;
  dir_.write("run/rows.csv", "id,title\n1,chair\n2,table\n");
  flowc("run --log-format json --verbose --state " + state_ + " " + flow, env_);
  show_every_run(2, env_);
  expect_clean("the state database files", all_bytes_under(state_dir_));
  EXPECT_EQ(expect_clean_alerts(), 2u) << "each row's failed deal is alerted at the Slack URL";
}

TEST_F(UrlSecrets, AreMaskedInServesLog) {
  write_flow("served", "schedule every 1s\n");
  for (const auto& [name, value] : variables_) setenv(name.c_str(), value.c_str(), 1);
  const std::string out = (dir_.path() / "serve.out").string();
  const std::string err = (dir_.path() / "serve.err").string();
  const pid_t serve = spawn_flowc({"serve", (dir_.path() / "served").string(), "--state", state_}, out, err);
  ChildGuard guard(serve);
  ASSERT_GT(serve, 0);
  EXPECT_TRUE(wait_until([&] { return expect_clean_alerts() >= 1; })) << read_file(out) << read_file(err);
  kill(serve, SIGTERM);
  waitpid(serve, nullptr, 0);
  for (const auto& [name, value] : variables_) unsetenv(name.c_str());
  expect_clean("serve's output", read_file(out));
  expect_clean("serve's errors", read_file(err));
  EXPECT_NE(read_file(out).find("url-secrets"), std::string::npos) << "serve logged the run:\n" << read_file(out);
  expect_clean("the state database files", all_bytes_under(state_dir_));
}

}  // namespace
}  // namespace flowc::testing
