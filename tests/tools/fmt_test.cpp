// `flowc fmt`: the canonical layout, kept comments, idempotence and unchanged meaning over every
// sample and golden flow, and `--check` for CI.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/report/formatter.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> flows_under(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FLOWC_SOURCE_DIR) + "/" + dir)) {
    if (entry.path().extension() == ".flow") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Formatter, CanonicalLayout) {
  const std::string messy = R"(# orders
flow   "layout"


account files=csv{}
account bot = telegram {bot_token=env.TELEGRAM_BOT_TOKEN}   # the alert bot
source row = files.new_rows {
path = "orders.csv"
        key= id
  where row.total>=10 and (row.kind=="a" or row.tags contains "x")
}
send update = bot.send_message { chat_id = "1" text = "{{row.name | default("}} #")}}"  }
if update.result==fail then
# say it twice
send bot.send_message {
      chat_id = "1"
   text = """
        failed: {{update.errors}}
        """
    }
else if update.status > 400 then
      send bot.send_message { chat_id = "2"  text = "x" } # trailing
end
)";
  const std::string expected = R"(# orders
flow "layout"

account files = csv {}
account bot   = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }  # the alert bot
source row = files.new_rows {
  path = "orders.csv"
  key  = id
  where row.total >= 10 and (row.kind == "a" or row.tags contains "x")
}
send update = bot.send_message { chat_id = "1"  text = "{{row.name | default("}} #")}}" }
if update.result == fail then
  # say it twice
  send bot.send_message {
    chat_id = "1"
    text    = """
        failed: {{update.errors}}
        """
  }
else if update.status > 400 then
  send bot.send_message { chat_id = "2"  text = "x" }  # trailing
end
)";
  EXPECT_EQ(layout_flow(messy), expected);
  EXPECT_EQ(flow_meaning("a.flow", messy), flow_meaning("a.flow", expected));
  const FormatResult result = format_flow("a.flow", messy);
  ASSERT_TRUE(result.text) << result.internal_error;
  EXPECT_EQ(*result.text, expected);
}

TEST(Formatter, EverySampleAndGoldenFlowKeepsItsCommentsAndMeaningAndIsIdempotent) {
  int formatted = 0;
  for (const std::string dir : {"samples", "tests/golden"}) {
    for (const std::filesystem::path& path : flows_under(dir)) {
      const std::string text = read(path);
      const FormatResult once = format_flow(path.string(), text);
      if (!once.text) {
        EXPECT_TRUE(once.internal_error.empty()) << path << ": " << once.internal_error;
        continue;  // does not parse: nothing to format
      }
      ++formatted;
      EXPECT_EQ(layout_flow(*once.text), *once.text) << path << " is not formatted idempotently";
      EXPECT_EQ(flow_comments(*once.text), flow_comments(text)) << path;
      EXPECT_EQ(flow_meaning(path.string(), *once.text), flow_meaning(path.string(), text)) << path;
    }
  }
  EXPECT_GE(formatted, 10);
}

TEST(Formatter, MeaningSeesTheDifferenceLayoutMustNotMake) {
  const std::string base = "flow \"m\"\naccount files = csv {}\nsource row = files.new_rows { path = \"a.csv\" }\n";
  EXPECT_NE(flow_meaning("m.flow", base), flow_meaning("m.flow", base + "schedule every 5m\n"));
  EXPECT_EQ(flow_meaning("m.flow", base), flow_meaning("m.flow", "\n\n" + base));
}

TEST(FmtCommand, CheckListsChangedFilesThenFmtFixesThem) {
  TempDir dir;
  const std::string ugly =
      dir.write("ugly.flow", "flow \"x\"\naccount files=csv {}\nsource row = files.new_rows { path = \"a.csv\" }\n");
  const std::string tidy =
      dir.write("tidy.flow", "flow \"x\"\naccount files = csv {}\nsource row = files.new_rows { path = \"a.csv\" }\n");
  CommandResult result = run_flowc("fmt --check " + ugly + " " + tidy);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, ugly + "\n");
  EXPECT_EQ(read(ugly).find("files=csv") != std::string::npos, true) << "--check writes nothing";
  result = run_flowc("fmt " + ugly + " " + tidy);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read(ugly), read(tidy));
  EXPECT_EQ(run_flowc("fmt --check " + ugly).exit_code, 0);
}

// The samples are what users copy: each one is in the canonical layout, as `fmt --check` in CI
// (docs/ci.md) would demand of theirs.
TEST(FmtCommand, EverySampleIsFormatted) {
  const std::vector<std::filesystem::path> samples = flows_under("samples");
  ASSERT_GE(samples.size(), 3U);
  std::string files;
  for (const std::filesystem::path& path : samples) files += " " + path.string();
  const CommandResult result = run_flowc("fmt --check" + files);
  EXPECT_EQ(result.exit_code, 0) << "not formatted (run `flowc fmt` on them):\n" << result.out << result.err;
  EXPECT_EQ(result.out, "");
}

// A file saved with a byte order mark and CRLF line ends keeps both: the mark with nothing added
// after it, and CRLF on every line, inside a `"""` string too.
TEST(FmtCommand, KeepsTheByteOrderMarkAndCrlfLineEnds) {
  TempDir dir;
  auto flow = [](const std::string& files_account, const std::string& text_field) {
    return "\xEF\xBB\xBF# orders\r\n"
           "flow \"x\"\r\n" +
           files_account +
           "\r\n"
           "account bot   = telegram { bot_token = env.BOT_TOKEN }\r\n"
           "source row = files.new_rows { path = \"a.csv\" }\r\n"
           "send bot.send_message {\r\n"
           "  chat_id = \"1\"\r\n" +
           text_field +
           " = \"\"\"\r\n"
           "    order {{row.id}}\r\n"
           "    \"\"\"\r\n"
           "}\r\n";
  };
  const std::string file = dir.write("crlf.flow", flow("account files=csv {}", "  text"));
  const CommandResult result = run_flowc("fmt " + file);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read(file), flow("account files = csv {}", "  text   "));
  EXPECT_EQ(run_flowc("fmt --check " + file).exit_code, 0) << "formatting it again changes nothing";
}

TEST(FmtCommand, SyntaxErrorsLeaveTheFileAlone) {
  TempDir dir;
  const std::string text = "flow  \"x\"\nsned x\n";
  const std::string file = dir.write("bad.flow", text);
  const CommandResult result = run_flowc("fmt " + file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("error[E001]"), std::string::npos) << result.err;
  EXPECT_EQ(read(file), text);
}

}  // namespace
}  // namespace flowc::testing
