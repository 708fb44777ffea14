// `flowc check --format sarif`. This test encodes the SARIF 2.1.0 schema's requirements for every
// object the output uses (sarifLog, run, tool, toolComponent, reportingDescriptor, result,
// message, location, physicalLocation, artifactLocation, region) and checks the output against them,
// with no dependency outside the build. The output is also validated against the schema itself,
// by a JSON-Schema validator, in tests/tools/node/sarif_schema.test.mjs (ctest: node.sarif_schema).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <string>

#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {
namespace {

using Json = rapidjson::Value;

constexpr const char* kMistakes = R"(flow "three mistakes"
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

// Collects schema violations as "path: problem" instead of stopping at the first.
class SarifValidator {
 public:
  std::vector<std::string> problems;

  void log(const Json& root) {
    if (!object(root, "$")) return;
    required(root, "$", {"version", "runs"});
    if (root.HasMember("version") &&
        (!root["version"].IsString() || std::string(root["version"].GetString()) != "2.1.0"))
      problems.push_back("$.version: must be \"2.1.0\"");
    if (root.HasMember("$schema")) string(root["$schema"], "$.$schema");
    if (!array(root, "runs", "$")) return;
    for (rapidjson::SizeType i = 0; i < root["runs"].Size(); ++i)
      run(root["runs"][i], "$.runs[" + std::to_string(i) + "]");
  }

 private:
  bool object(const Json& v, const std::string& path) {
    if (v.IsObject()) return true;
    problems.push_back(path + ": must be an object");
    return false;
  }
  void required(const Json& v, const std::string& path, std::initializer_list<const char*> names) {
    for (const char* name : names) {
      if (!v.HasMember(name)) problems.push_back(path + ": missing required property " + name);
    }
  }
  bool array(const Json& v, const char* name, const std::string& path) {
    if (!v.HasMember(name)) return false;
    if (v[name].IsArray()) return true;
    problems.push_back(path + "." + name + ": must be an array");
    return false;
  }
  void string(const Json& v, const std::string& path) {
    if (!v.IsString()) problems.push_back(path + ": must be a string");
  }
  void integer_at_least(const Json& v, const char* name, int minimum, const std::string& path) {
    if (!v.HasMember(name)) return;
    if (!v[name].IsInt() || v[name].GetInt() < minimum)
      problems.push_back(path + "." + name + ": must be an integer >= " + std::to_string(minimum));
  }
  void message(const Json& v, const std::string& path) {
    // message: anyOf required [text] or [id].
    if (!object(v, path)) return;
    if (!v.HasMember("text") && !v.HasMember("id")) problems.push_back(path + ": needs text or id");
    if (v.HasMember("text")) string(v["text"], path + ".text");
  }
  void level(const Json& v, const std::string& path) {
    static const std::set<std::string> kLevels{"none", "note", "warning", "error"};
    if (!v.IsString() || kLevels.count(v.GetString()) == 0) problems.push_back(path + ": not a SARIF level");
  }
  void run(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    required(v, path, {"tool"});
    if (!v.HasMember("tool") || !object(v["tool"], path + ".tool")) return;
    required(v["tool"], path + ".tool", {"driver"});
    if (v["tool"].HasMember("driver")) driver(v["tool"]["driver"], path + ".tool.driver");
    if (array(v, "results", path)) {
      for (rapidjson::SizeType i = 0; i < v["results"].Size(); ++i)
        result(v["results"][i], path + ".results[" + std::to_string(i) + "]");
    }
  }
  void driver(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    required(v, path, {"name"});
    if (v.HasMember("name")) string(v["name"], path + ".name");
    if (!array(v, "rules", path)) return;
    for (rapidjson::SizeType i = 0; i < v["rules"].Size(); ++i) {
      const Json& rule = v["rules"][i];
      const std::string at = path + ".rules[" + std::to_string(i) + "]";
      if (!object(rule, at)) continue;
      required(rule, at, {"id"});
      // multiformatMessageString requires text.
      for (const char* name : {"shortDescription", "fullDescription", "help"}) {
        if (rule.HasMember(name) && object(rule[name], at + "." + name))
          required(rule[name], at + "." + name, {"text"});
      }
      if (rule.HasMember("defaultConfiguration") && rule["defaultConfiguration"].HasMember("level"))
        level(rule["defaultConfiguration"]["level"], at + ".defaultConfiguration.level");
    }
  }
  void result(const Json& v, const std::string& path) {
    if (!object(v, path)) return;
    required(v, path, {"message"});
    if (v.HasMember("message")) message(v["message"], path + ".message");
    if (v.HasMember("ruleId")) string(v["ruleId"], path + ".ruleId");
    integer_at_least(v, "ruleIndex", -1, path);
    if (v.HasMember("level")) level(v["level"], path + ".level");
    if (!array(v, "locations", path)) return;
    for (rapidjson::SizeType i = 0; i < v["locations"].Size(); ++i) {
      location(v["locations"][i], path + ".locations[" + std::to_string(i) + "]");
    }
  }
  void location(const Json& v, const std::string& path) {
    if (!object(v, path) || !v.HasMember("physicalLocation")) return;
    const Json& physical = v["physicalLocation"];
    const std::string at = path + ".physicalLocation";
    if (!object(physical, at)) return;
    // physicalLocation: anyOf required [address] or [artifactLocation].
    if (!physical.HasMember("artifactLocation") && !physical.HasMember("address"))
      problems.push_back(at + ": needs artifactLocation or address");
    if (physical.HasMember("artifactLocation") && physical["artifactLocation"].HasMember("uri"))
      string(physical["artifactLocation"]["uri"], at + ".artifactLocation.uri");
    if (physical.HasMember("region")) {
      for (const char* name : {"startLine", "startColumn", "endLine", "endColumn"})
        integer_at_least(physical["region"], name, 1, at + ".region");
    }
  }
};

struct Reported {
  std::string rule;
  std::string level;
  int line = 0;
  int column = 0;
  int end_column = 0;
  std::string uri;
};

std::vector<Reported> results_of(const rapidjson::Document& log) {
  std::vector<Reported> out;
  const Json& run = log["runs"][0];
  const Json& rules = run["tool"]["driver"]["rules"];
  for (const Json& r : run["results"].GetArray()) {
    Reported item;
    item.rule = r["ruleId"].GetString();
    item.level = r["level"].GetString();
    // ruleIndex must point at the rule of the same id.
    EXPECT_EQ(std::string(rules[r["ruleIndex"].GetUint()]["id"].GetString()), item.rule);
    const Json& physical = r["locations"][0]["physicalLocation"];
    item.uri = physical["artifactLocation"]["uri"].GetString();
    item.line = physical["region"]["startLine"].GetInt();
    item.column = physical["region"]["startColumn"].GetInt();
    item.end_column = physical["region"]["endColumn"].GetInt();
    out.push_back(item);
  }
  return out;
}

TEST(SarifFormat, FlowWithErrorsGivesAValidLogWithOneResultPerDiagnostic) {
  TempDir dir;
  const std::string file = dir.write("three.flow", kMistakes);
  dir.write("orders.csv", "id\n");  // the source's file, so its columns are checked and found
  const CommandResult result = run_flowc("check --format sarif " + file);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  rapidjson::Document log;
  ASSERT_FALSE(log.Parse(result.out.c_str()).HasParseError()) << result.out;
  SarifValidator validator;
  validator.log(log);
  EXPECT_TRUE(validator.problems.empty()) << ::testing::PrintToString(validator.problems);
  ASSERT_EQ(log["runs"].Size(), 1u);
  EXPECT_STREQ(log["runs"][0]["tool"]["driver"]["name"].GetString(), "flowc");

  const std::vector<Reported> reported = results_of(log);
  ASSERT_EQ(reported.size(), 3u) << result.out;
  EXPECT_EQ(reported[0].rule, "E040");
  EXPECT_EQ(reported[0].level, "error");
  EXPECT_EQ(reported[0].line, 7);
  EXPECT_EQ(reported[0].column, 34);
  EXPECT_EQ(reported[0].end_column, 39);  // exclusive: `ghost` is 5 columns
  EXPECT_EQ(reported[0].uri, "file://" + file);
  EXPECT_EQ(reported[1].rule, "E030");
  EXPECT_EQ(reported[1].line, 8);
  EXPECT_EQ(reported[2].rule, "E062");
  EXPECT_EQ(reported[2].line, 10);
}

TEST(SarifFormat, RulesCoverEverySyntaxAndCheckerCodeOnce) {
  const CommandResult result = run_flowc("check --format sarif " + std::string(FLOWC_SOURCE_DIR) + "/samples/*.flow");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  rapidjson::Document log;
  ASSERT_FALSE(log.Parse(result.out.c_str()).HasParseError()) << result.out;
  EXPECT_EQ(log["runs"][0]["results"].Size(), 0u);
  std::set<std::string> ids;
  for (const Json& rule : log["runs"][0]["tool"]["driver"]["rules"].GetArray()) {
    EXPECT_TRUE(ids.insert(rule["id"].GetString()).second) << "rule listed twice: " << rule["id"].GetString();
  }
  for (const char* code : {"E001", "E019", "E020", "E072", "E090", "W001", "W004"})
    EXPECT_EQ(ids.count(code), 1u) << code;
}

TEST(SarifFormat, WarningsAndSyntaxErrorsKeepTheirLevelsAndRelativePathsStayRelative) {
  TempDir dir;
  dir.write("warn.flow", R"(flow "w"
account files = csv {}
account bot   = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }
source row = files.new_rows { path = "orders.csv" }
send spare = bot.send_message { chat_id = "1"  text = "x" }
)");
  dir.write("orders.csv", "id\n");
  dir.write("my flow.flow", "flow \"x\"\nsned x\n");
  const CommandResult result =
      run_flowc("check --format sarif warn.flow 'my flow.flow'", "cd " + dir.path().string() + " &&");
  rapidjson::Document log;
  ASSERT_FALSE(log.Parse(result.out.c_str()).HasParseError()) << result.out;
  SarifValidator validator;
  validator.log(log);
  EXPECT_TRUE(validator.problems.empty()) << ::testing::PrintToString(validator.problems);
  const std::vector<Reported> reported = results_of(log);
  ASSERT_GE(reported.size(), 2u) << result.out;
  EXPECT_EQ(reported[0].rule, "W001");
  EXPECT_EQ(reported[0].level, "warning");
  EXPECT_EQ(reported[0].uri, "warn.flow");
  EXPECT_EQ(reported[1].rule, "E001");
  EXPECT_EQ(reported[1].uri, "my%20flow.flow");
}

}  // namespace
}  // namespace flowc::testing
