// `flowc check` / `lint` / `compile` as a user runs them: exit codes, clang-style text with
// carets, JSON and GitHub formats, and IR files that run like the flow they came from.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <rapidjson/document.h>

#include <unistd.h>

#include <filesystem>
#include <regex>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

const std::string kSamples = std::string(FLOWC_SOURCE_DIR) + "/samples";

// An unknown field, a reference to an undefined send, a bad time zone: independent mistakes.
constexpr const char* kThreeMistakes = R"(flow "three mistakes"
account files = csv {}
account bot   = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }
source row = files.new_rows { path = "orders.csv" }
send bot.send_message {
  chat_id = "42"
  text    = "order {{row.id}}: {{ghost.errors}}"
  titel   = "x"
}
schedule at 09:00 timezone "Europe/Kiyv"
)";

TEST(CheckCommand, SamplesAreCleanAndSayOnlyOk) {
  std::size_t samples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) samples += entry.path().extension() == ".flow";
  ASSERT_GE(samples, 15u);
  const CommandResult result = run_flowc("check " + kSamples + "/*.flow");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, fmt::format("ok: {} flows checked\n", samples));
}

TEST(CheckCommand, ReportsEveryIndependentMistakeWithCaret) {
  TempDir dir;
  const std::string file = dir.write("three.flow", kThreeMistakes);
  const CommandResult result = run_flowc("check " + file);
  EXPECT_EQ(result.exit_code, 1);
  const std::string expected = file + ":7:34: error[E040]: unknown name `ghost`\n"
                               "    7 |   text    = \"order {{row.id}}: {{ghost.errors}}\"\n"
                               "      | " + std::string(33, ' ') + "^~~~~\n";
  EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(file + ":8:3: error[E030]: unknown field `titel`"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("      |   ^~~~~\n"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(file + ":10:28: error[E062]: unknown time zone \"Europe/Kiyv\""), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("3 errors"), std::string::npos) << result.err;
}

TEST(CheckCommand, JsonFormatIsValidJsonWithTheSameProblems) {
  TempDir dir;
  const std::string file = dir.write("three.flow", kThreeMistakes);
  const CommandResult result = run_flowc("check --format json " + file);
  EXPECT_EQ(result.exit_code, 1);
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(result.out.c_str()).HasParseError()) << result.out;
  ASSERT_TRUE(json.IsArray());
  std::vector<std::string> found;
  for (const auto& item : json.GetArray()) {
    if (std::string(item["severity"].GetString()) != "error") continue;
    found.push_back(std::string(item["code"].GetString()) + "@" + std::to_string(item["line"].GetInt()) + ":" +
                    std::to_string(item["column"].GetInt()));
  }
  EXPECT_EQ(found, (std::vector<std::string>{"E040@7:34", "E030@8:3", "E062@10:28"}));
}

TEST(CheckCommand, GithubFormatEmitsWorkflowAnnotations) {
  TempDir dir;
  const std::string file = dir.write("three.flow", kThreeMistakes);
  const CommandResult result = run_flowc("lint --format github " + file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("::error file=" + file + ",line=8,col=3,"), std::string::npos) << result.out;
}

TEST(CheckCommand, WarningsFailOnlyWithWerror) {
  TempDir dir;
  const std::string file = dir.write("warn.flow", R"(flow "w"
account files = csv {}
account api = http { base_url = "http://127.0.0.1:9" }
source row = files.new_rows { path = "x.csv" }
send unused = api.request { url = "/x" }
)");
  EXPECT_EQ(run_flowc("check " + file).exit_code, 0);
  EXPECT_EQ(run_flowc("check --werror " + file).exit_code, 1);
}

TEST(CheckCommand, MissingFileIsAUsageError) {
  EXPECT_EQ(run_flowc("check /nonexistent/flow.flow").exit_code, 2);
}

// A flow whose csv source reads orders.csv with `source_fields` added, and appends `row.COLUMN`.
std::string orders_flow(const std::string& source_fields, const std::string& column) {
  return "flow \"orders\"\naccount files = csv {}\nsource row = files.new_rows { path = \"orders.csv\"" +
         source_fields + " }\nsend files.append_row { path = \"out.csv\"  columns.id = row." + column + " }\n";
}

// A csv source whose file is there: `row.NAME` and `key` are checked against its header, read as
// the run reads it (byte order mark, the `delimiter` option, quoted names, the account's `dir`).
TEST(CheckCommand, ColumnsOfALocalCsvAreCheckedAgainstItsHeader) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "data");
  dir.write("data/orders.csv", "\xEF\xBB\xBF\"order_id\";\"total; UAH\";status\r\n1;2;new\r\n");
  dir.write("orders.flow", R"(flow "orders"
account files = csv      { dir = "data" }
account bot   = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }
source row = files.new_rows {
  path      = "orders.csv"
  delimiter = ";"
  key       = order_id
  where row.status != "draft"
}
send bot.send_message { chat_id = "1"  text = "{{row.ordr_id}} is row {{row.number}}" }
)");
  const CommandResult result = run_flowc("check orders.flow", "cd " + dir.path().string() + " &&");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err,
            "orders.flow:10:54: warning[W007]: `ordr_id` is not a column of data/orders.csv\n"
            "   10 | send bot.send_message { chat_id = \"1\"  text = \"{{row.ordr_id}} is row {{row.number}}\" }\n"
            "      |                                                      ^~~~~~~\n"
            "      = help: did you mean `order_id`?\n"
            "0 errors, 1 warning\n");
}

TEST(CheckCommand, AKeyThatIsNotAColumnIsAWarningListingTheColumns) {
  TempDir dir;
  dir.write("orders.csv", "order_id,status\n");
  const std::string file = dir.write("orders.flow", orders_flow("  key = invoice", "order_id"));
  const CommandResult result = run_flowc("check " + file);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("warning[W007]: `invoice` is not a column of " + (dir.path() / "orders.csv").string()),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("help: its columns: `order_id`, `status`"), std::string::npos) << result.err;
}

// The file may be written by something else before the run: a warning that says so, not an error.
TEST(CheckCommand, AMissingSourceFileIsAWarningThatSaysItMayComeLater) {
  TempDir dir;
  dir.write("orders.flow", orders_flow("", "order_id"));
  const CommandResult result = run_flowc("check orders.flow", "cd " + dir.path().string() + " &&");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("orders.flow:3:38: warning[W008]: cannot open orders.csv: No such file or directory"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("help: fine if the file will be there when the flow runs"), std::string::npos)
      << result.err;
  EXPECT_EQ(run_flowc("check --werror orders.flow", "cd " + dir.path().string() + " &&").exit_code, 1);
  // In CI the data is not there: --no-source-files reads no file, so --werror passes.
  const CommandResult unread = run_flowc("check --werror --no-source-files orders.flow", "cd " + dir.path().string() + " &&");
  EXPECT_EQ(unread.exit_code, 0) << unread.err;
  EXPECT_EQ(unread.err.find("W008"), std::string::npos) << unread.err;
}

// Without a header the columns are A, B, C...: nothing to read, so nothing to warn about.
TEST(CheckCommand, ASourceWithoutAHeaderReadsNoFile) {
  TempDir dir;
  const std::string file = dir.write("orders.flow", orders_flow("  header = false", "A"));
  const CommandResult result = run_flowc("check " + file);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "ok: 1 flow checked\n");
}

TEST(CheckCommand, AFolderChecksEveryFlowUnderItInOrder) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "b" / "deep");
  std::filesystem::create_directories(dir.path() / "a");
  const std::string clean = "flow \"x\"\naccount files = csv {}\nsource row = files.new_rows { path = \"x.csv\" }\n";
  const std::string broken = "flow \"x\"\naccount files = csv {}\nsource row = files.new_rows { path = 1x }\n";
  dir.write("b/deep/two.flow", broken);
  dir.write("a/one.flow", broken);
  dir.write("b/notes.txt", "not a flow");
  const std::string root = dir.path().string();
  CommandResult result = run_flowc("check " + root);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const std::size_t one = result.err.find(root + "/a/one.flow:3:38: error[E008]");
  const std::size_t two = result.err.find(root + "/b/deep/two.flow:3:38: error[E008]");
  EXPECT_NE(one, std::string::npos) << result.err;
  EXPECT_NE(two, std::string::npos) << result.err;
  EXPECT_LT(one, two) << result.err;
  EXPECT_NE(result.err.find("\n2 errors, 0 warnings\n"), std::string::npos) << result.err;

  for (const char* flow : {"a/one.flow", "b/deep/two.flow"}) dir.write(flow, clean);
  for (const char* csv : {"a/x.csv", "b/deep/x.csv"}) dir.write(csv, "id\n");
  result = run_flowc("check " + root);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "ok: 2 flows checked\n");
}

TEST(CheckCommand, AFolderWithoutFlowsIsAUsageError) {
  TempDir dir;
  const CommandResult result = run_flowc("check " + dir.path().string());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no .flow files found"), std::string::npos) << result.err;
}

TEST(CompileCommand, IrIsDeterministicAndRunsLikeTheFlow) {
  TempDir dir;
  const std::string ir_a = (dir.path() / "a.json").string();
  const std::string ir_b = (dir.path() / "b.json").string();
  const std::string flow = kSamples + "/csv_telegram_digest.flow";
  ASSERT_EQ(run_flowc("compile " + flow + " -o " + ir_a).exit_code, 0);
  ASSERT_EQ(run_flowc("compile " + flow + " -o " + ir_b).exit_code, 0);
  std::ifstream a(ir_a), b(ir_b);
  std::stringstream text_a, text_b;
  text_a << a.rdbuf();
  text_b << b.rdbuf();
  EXPECT_EQ(text_a.str(), text_b.str());
  EXPECT_EQ(text_a.str().find("sandbox"), std::string::npos);

  // A dry run of the IR prints exactly what a dry run of the flow prints (bar the run id, and the
  // time that `now` reads: the two runs may fall in different seconds).
  const std::string env = "cd " + std::string(FLOWC_SOURCE_DIR) + " && TELEGRAM_BOT_TOKEN=1:x TELEGRAM_CHAT_ID=7";
  const CommandResult from_flow = run_flowc("run --dry-run " + flow, env);
  const CommandResult from_ir = run_flowc("run --dry-run " + ir_a, env);
  EXPECT_EQ(from_flow.exit_code, 0) << from_flow.err;
  EXPECT_EQ(from_ir.exit_code, 0) << from_ir.err;
  auto comparable = [](std::string text) {
    static const std::regex kTime(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    return std::regex_replace(text.substr(0, text.find("\nrun ")), kTime, "<time>");
  };
  EXPECT_EQ(comparable(from_flow.out), comparable(from_ir.out));
}

TEST(CompileCommand, EditedIrIsRejectedWithItsPath) {
  TempDir dir;
  const std::string ir = dir.write("bad.json", R"({"flowc_ir": 99})");
  const CommandResult result = run_flowc("run --dry-run " + ir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bad.json"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace flowc::testing
