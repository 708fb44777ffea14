// Lowering (AST -> IR) and the IR validator that re-checks loaded IR.
#include <gtest/gtest.h>

#include "compiler/compile.hpp"
#include "ir/json/ir_json.hpp"
#include "ir/ir_validate.hpp"

namespace flowc {
namespace {

constexpr std::string_view kFlow = R"(flow "lowering"
account crm = keepincrm { api_key = env.KEEPINCRM_API_KEY  rate_limit = 100/min }
account files = csv
source item = files.new_rows { path = "orders.csv" }
send update = crm.update_order { find_by = id  id = item.id  on_many = first }
if update.result == fail then
  send crm.create_order { title = "{{item.title | upper}}"  total = 12.50 }
  send other = crm.create_order { title = "{{update.errors}} at {{now}} {{run.id}}" }
end
if other.created_at is not empty then
end
settings { retries = 2  timeout = 1500ms }
schedule every 2h
schedule at 09:05, 18:30 timezone "UTC"
)";

ir::Flow compiled() {
  const CompileResult result = compile_source("lowering.flow", std::string(kFlow));
  EXPECT_FALSE(result.diagnostics.has_errors()) << render_text(result.source, result.diagnostics.items());
  return result.flow.value_or(ir::Flow{});
}

TEST(Lower, ResolvesReferencesAndSymbols) {
  const ir::Flow flow = compiled();
  ASSERT_EQ(flow.steps.size(), 3u);
  const ir::Send& update = flow.steps[0].send;
  EXPECT_EQ(update.fields[0].value.kind, ir::Value::Kind::Symbol);
  EXPECT_EQ(update.fields[0].value.text, "id");
  const ir::Ref& id = update.fields[1].value.ref;
  EXPECT_EQ(id.root, ir::RefRoot::Row) << "the source is named `item`, so item.id is a row column";
  EXPECT_EQ(id.path, std::vector<std::string>{"id"});
  EXPECT_EQ(update.fields[2].value.text, "first");

  const ir::Condition& condition = flow.steps[1].if_.branches[0].condition;
  EXPECT_EQ(condition.lhs.ref.root, ir::RefRoot::Send);
  EXPECT_EQ(condition.lhs.ref.send, "update");
  EXPECT_EQ(condition.rhs.kind, ir::Value::Kind::Symbol);
  EXPECT_EQ(condition.rhs.text, "fail");

  const std::vector<ir::TemplatePart>& parts = flow.steps[1].if_.branches[0].body[1].send.fields[0].value.parts;
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(parts[0].ref.root, ir::RefRoot::Send);
  EXPECT_EQ(parts[2].ref.root, ir::RefRoot::Now);
  EXPECT_EQ(parts[4].ref.root, ir::RefRoot::Run);
}

TEST(Lower, NamesIndexesAndExaminedResults) {
  const ir::Flow flow = compiled();
  const ir::Send& update = flow.steps[0].send;
  const ir::Send& unnamed = flow.steps[1].if_.branches[0].body[0].send;
  const ir::Send& other = flow.steps[1].if_.branches[0].body[1].send;
  EXPECT_EQ(update.index, 0);
  EXPECT_TRUE(update.result_examined);
  EXPECT_EQ(unnamed.name, "send_1");
  EXPECT_FALSE(unnamed.named);
  EXPECT_EQ(other.index, 2);
  EXPECT_FALSE(other.result_examined) << "other.created_at is read, not other.result";
  EXPECT_EQ(flow.send_count, 3);
  EXPECT_EQ(flow.source.name, "item");
  EXPECT_EQ(flow.source.connector, "csv");
}

TEST(Lower, NumbersDurationsRatesTimesAndSettings) {
  const ir::Flow flow = compiled();
  const ir::Value& rate = flow.accounts[0].fields[1].value;
  EXPECT_EQ(rate.kind, ir::Value::Kind::Rate);
  EXPECT_EQ(rate.count, 100);
  EXPECT_EQ(rate.millis, 60'000);
  const ir::Value& total = flow.steps[1].if_.branches[0].body[0].send.fields[1].value;
  EXPECT_EQ(total.number, 12.5);
  EXPECT_EQ(total.text, "12.50");
  EXPECT_EQ(flow.settings.retries, 2);
  EXPECT_EQ(flow.settings.timeout_millis, 1500);
  EXPECT_EQ(flow.settings.concurrency, 8) << "default";
  ASSERT_EQ(flow.schedules.size(), 2u);
  EXPECT_EQ(flow.schedules[0].every_millis, 2 * 3'600'000);
  EXPECT_EQ(flow.schedules[1].minutes_of_day, (std::vector<int>{545, 1110}));
  EXPECT_EQ(flow.schedules[1].timezone, "UTC");
}

TEST(Lower, UnnamedFlowTakesTheFileStem) {
  const CompileResult result = compile_source(
      "dir/nightly-export.flow", "account files = csv\nsource row = files.new_rows { path = \"a.csv\" }\n");
  ASSERT_TRUE(result.flow);
  EXPECT_EQ(result.flow->name, "nightly-export");
}

TEST(Lower, SameSourceSameBytes) {
  EXPECT_EQ(ir_to_json(compiled()), ir_to_json(compiled()));
}

TEST(ValidateIr, CompiledFlowIsValid) {
  Diagnostics diagnostics;
  validate_ir(compiled(), diagnostics);
  EXPECT_TRUE(diagnostics.items().empty());
}

struct EditCase {
  std::string name;
  std::string find;
  std::string replace;
  std::string code;
};

void PrintTo(const EditCase& c, std::ostream* out) {
  *out << c.name;
}

class ValidateEditedIr : public testing::TestWithParam<EditCase> {};

// A hand-edited IR file still loads (its shape is fine) but must not run.
TEST_P(ValidateEditedIr, Reports) {
  const EditCase& c = GetParam();
  std::string json = ir_to_json(compiled());
  const std::size_t at = json.find(c.find);
  ASSERT_NE(at, std::string::npos) << c.find;
  json.replace(at, c.find.size(), c.replace);
  std::string error;
  const std::optional<ir::Flow> flow = ir_from_json(json, error);
  ASSERT_TRUE(flow) << error;
  Diagnostics diagnostics;
  validate_ir(*flow, diagnostics);
  ASSERT_FALSE(diagnostics.items().empty());
  EXPECT_EQ(diagnostics.items()[0].code, c.code) << diagnostics.items()[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Edits, ValidateEditedIr,
    testing::Values(EditCase{"UnknownConnector", "\"connector\": \"csv\"", "\"connector\": \"ftp\"", "E020"},
                    EditCase{"UnknownAction", "\"action\": \"update_order\"", "\"action\": \"upsert_order\"", "E022"},
                    EditCase{"UnknownField", "\"path\": [\"on_many\"]", "\"path\": [\"on_lots\"]", "E030"},
                    EditCase{"MissingRequired", "\"path\": [\"find_by\"]", "\"path\": [\"title\"]", "E031"},
                    EditCase{"SecretLiteral", "\"ref\": {\n              \"root\": \"env\"",
                             "\"ref\": {\n              \"root\": \"row\"", "E035"},
                    EditCase{"LaterSend", "\"send\": \"update\"", "\"send\": \"other\"", "E040"},
                    EditCase{"NoSuchResponseField", "[\"created_at\"]", "[\"created\"]", "E043"},
                    EditCase{"UnknownFilter", "\"name\": \"upper\"", "\"name\": \"shout\"", "E045"},
                    EditCase{"IndexOutOfOrder", "\"index\": 2", "\"index\": 5", "E090"},
                    EditCase{"UnknownTimeZone", "\"timezone\": \"UTC\"", "\"timezone\": \"Mars/Base\"", "E062"}),
    [](const testing::TestParamInfo<EditCase>& param) { return param.param.name; });

}  // namespace
}  // namespace flowc
