// IR <-> JSON: deterministic output, faithful round trip, and loader errors that name the JSON path.
#include "ir/json/ir_json.hpp"

#include <gtest/gtest.h>

namespace flowc {
namespace {

ir::Value symbol(std::string name) {
  ir::Value value;
  value.kind = ir::Value::Kind::Symbol;
  value.text = std::move(name);
  value.span = Span{0, 9, 28, 4};
  return value;
}

ir::Value send_ref(std::string send, std::string field) {
  ir::Value value;
  value.kind = ir::Value::Kind::Ref;
  value.ref = ir::Ref{ir::RefRoot::Send, std::move(send), {std::move(field)}, Span{0, 9, 4, 13}};
  value.span = value.ref.span;
  return value;
}

ir::Field field(std::vector<std::string> path, ir::Value value) {
  return ir::Field{std::move(path), std::move(value), Span{0, 3, 3, 20}};
}

// A small flow touching every kind of value, condition and schedule.
ir::Flow sample_flow() {
  ir::Flow flow;
  flow.name = "orders";
  flow.file = "samples/orders.flow";
  ir::Value token;
  token.kind = ir::Value::Kind::Ref;
  token.ref = ir::Ref{ir::RefRoot::Env, "", {"TELEGRAM_BOT_TOKEN"}, Span{0, 2, 30, 22}};
  ir::Value rate;
  rate.kind = ir::Value::Kind::Rate;
  rate.count = 20;
  rate.millis = 60'000;
  flow.accounts.push_back(
      {"bot", "telegram", {field({"bot_token"}, token), field({"rate_limit"}, rate)}, Span{0, 2, 1, 50}});
  flow.accounts.push_back({"files", "csv", {}, Span{0, 3, 1, 20}});

  flow.source.name = "row";
  flow.source.account = "files";
  flow.source.connector = "csv";
  flow.source.action = "new_rows";
  ir::Value path;
  path.parts = {ir::TemplatePart{false, "orders.csv", {}, {}}};
  flow.source.fields.push_back(field({"path"}, path));
  ir::Condition where;
  where.op = ir::CompareOp::IsNotEmpty;
  ir::Value column;
  column.kind = ir::Value::Kind::Ref;
  column.ref = ir::Ref{ir::RefRoot::Row, "", {"order_id"}, Span{0, 5, 9, 12}};
  where.lhs = column;
  flow.source.where = where;

  ir::Send message;
  message.name = "notify";
  message.named = true;
  message.index = 0;
  message.account = "bot";
  message.connector = "telegram";
  message.action = "send_message";
  ir::Value text;
  ir::TemplatePart id_part{true, "", column.ref, {ir::Filter{"default", {"-"}}, ir::Filter{"upper", {}}}};
  text.parts = {ir::TemplatePart{false, "Order \"", {}, {}}, id_part, ir::TemplatePart{false, "\"\nnext line", {}, {}}};
  ir::Value amount;
  amount.kind = ir::Value::Kind::Number;
  amount.text = "12.50";
  amount.number = 12.5;
  ir::Value flag;
  flag.kind = ir::Value::Kind::Bool;
  flag.boolean = true;
  ir::Value list;
  list.kind = ir::Value::Kind::List;
  list.items = {amount, column};
  message.fields = {field({"chat_id"}, amount), field({"text"}, text), field({"disable_preview"}, flag),
                    field({"parse_mode"}, symbol("HTML"))};
  message.result_examined = true;
  flow.steps.push_back(ir::Step{ir::Step::Kind::Send, message, {}});

  ir::If check;
  ir::Condition failed;
  failed.op = ir::CompareOp::Eq;
  failed.lhs = send_ref("notify", "result");
  failed.rhs = symbol("fail");
  ir::Condition either;
  either.kind = ir::Condition::Kind::Or;
  ir::Condition negated;
  negated.kind = ir::Condition::Kind::Not;
  negated.operands = {failed};
  either.operands = {failed, negated};
  ir::Send fallback = message;
  fallback.name = "send_1";
  fallback.named = false;
  fallback.index = 1;
  fallback.result_examined = false;
  fallback.fields = {field({"chat_id"}, list), field({"text"}, text)};
  check.branches.push_back({either, {ir::Step{ir::Step::Kind::Send, fallback, {}}}});
  check.span = Span{0, 9, 1, 2};
  flow.steps.push_back(ir::Step{ir::Step::Kind::If, {}, check});

  ir::Schedule every;
  every.kind = ir::Schedule::Kind::Every;
  every.every_millis = 900'000;
  ir::Schedule at;
  at.kind = ir::Schedule::Kind::At;
  at.minutes_of_day = {540, 1110};
  at.timezone = "Europe/Kyiv";
  ir::Schedule after;
  after.kind = ir::Schedule::Kind::After;
  after.after = "clients-sync";
  flow.schedules = {every, at, after};
  flow.settings.concurrency = 4;
  flow.send_count = 2;
  return flow;
}

TEST(IrJson, RoundTripIsByteIdentical) {
  const std::string json = ir_to_json(sample_flow());
  std::string error;
  const std::optional<ir::Flow> loaded = ir_from_json(json, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(ir_to_json(*loaded), json);
}

TEST(IrJson, OutputIsDeterministicAndVersioned) {
  const std::string json = ir_to_json(sample_flow());
  EXPECT_EQ(ir_to_json(sample_flow()), json);
  EXPECT_EQ(json.rfind("{\n  \"flowc_ir\": 1,\n", 0), 0u) << json.substr(0, 40);
  EXPECT_NE(json.find("\"at\": [9, 1, 2]"), std::string::npos) << "spans are kept on one line";
}

TEST(IrJson, EnvReferencesStayReferences) {
  const std::string json = ir_to_json(sample_flow());
  EXPECT_NE(json.find("\"TELEGRAM_BOT_TOKEN\""), std::string::npos);
  EXPECT_NE(json.find("\"root\": \"env\""), std::string::npos);
}

TEST(IrJson, LoadedValuesMatch) {
  std::string error;
  const std::optional<ir::Flow> loaded = ir_from_json(ir_to_json(sample_flow()), error);
  ASSERT_TRUE(loaded) << error;
  ASSERT_EQ(loaded->steps.size(), 2u);
  const ir::Send& send = loaded->steps[0].send;
  EXPECT_EQ(send.fields[0].value.number, 12.5);
  EXPECT_EQ(send.fields[0].value.text, "12.50");
  EXPECT_EQ(send.fields[1].value.parts[1].filters[0].args, std::vector<std::string>{"-"});
  EXPECT_EQ(send.fields[1].value.parts[2].text, "\"\nnext line");
  EXPECT_EQ(loaded->accounts[0].fields[1].value.count, 20);
  EXPECT_EQ(loaded->schedules[1].minutes_of_day, (std::vector<int>{540, 1110}));
  EXPECT_EQ(loaded->steps[1].if_.branches[0].condition.operands[1].kind, ir::Condition::Kind::Not);
  EXPECT_EQ(loaded->source.where->op, ir::CompareOp::IsNotEmpty);
}

struct LoaderCase {
  std::string name;
  std::string find;     // text in the valid JSON to replace (first occurrence)
  std::string replace;  // its replacement
  std::string error;    // expected error message
};

void PrintTo(const LoaderCase& c, std::ostream* out) {
  *out << c.name;
}

class IrLoaderError : public testing::TestWithParam<LoaderCase> {};

TEST_P(IrLoaderError, NamesThePath) {
  const LoaderCase& c = GetParam();
  std::string json = ir_to_json(sample_flow());
  const std::size_t at = json.find(c.find);
  ASSERT_NE(at, std::string::npos) << c.find;
  json.replace(at, c.find.size(), c.replace);
  std::string error;
  EXPECT_FALSE(ir_from_json(json, error));
  EXPECT_EQ(error, c.error);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, IrLoaderError,
    testing::Values(
        LoaderCase{"WrongVersion", "\"flowc_ir\": 1", "\"flowc_ir\": 7",
                   "flowc_ir: unsupported IR version (this flowc reads version 1); recompile the .flow file"},
        LoaderCase{"MissingVersion", "\"flowc_ir\": 1,", "", "not flowc IR: missing \"flowc_ir\" version"},
        LoaderCase{"UnknownOperator", "\"op\": \"eq\"", "\"op\": \"==\"",
                   "steps[1].if.branches[0].condition.operands[0].op: unknown operator \"==\""},
        LoaderCase{"WrongType", "\"named\": true", "\"named\": \"yes\"",
                   "steps[0].send.named: expected true or false, found a string"},
        LoaderCase{"MissingKey", "\"action\": \"new_rows\",", "", "source.action: missing"},
        LoaderCase{"UnknownRoot", "\"root\": \"env\"", "\"root\": \"secret\"",
                   "accounts[0].fields[0].value.ref.root: unknown reference root \"secret\""},
        LoaderCase{"BadSpan", "\"at\": [9, 1, 2]", "\"at\": [9, 1]", "steps[1].if.at: expected [line, column, length]"},
        LoaderCase{"SettingRange", "\"concurrency\": 4", "\"concurrency\": 0",
                   "settings.concurrency: 0 is out of range 1..1000"},
        LoaderCase{"MinuteRange", "540", "1440", "schedules[1].minutes_of_day[0]: 1440 is out of range 0..1439"},
        LoaderCase{"UnknownScheduleKind", "\"kind\": \"after\"", "\"kind\": \"later\"",
                   "schedules[2].kind: unknown schedule kind \"later\""}),
    [](const testing::TestParamInfo<LoaderCase>& param) { return param.param.name; });

TEST(IrJson, RejectsTruncatedJson) {
  const std::string json = ir_to_json(sample_flow());
  std::string error;
  EXPECT_FALSE(ir_from_json(std::string_view(json).substr(0, json.size() / 2), error));
  EXPECT_EQ(error.rfind("not valid JSON at byte ", 0), 0u) << error;
}

TEST(IrJson, RejectsNonObjectRoot) {
  std::string error;
  EXPECT_FALSE(ir_from_json("[1, 2]", error));
  EXPECT_EQ(error, "expected an object, found an array");
}

}  // namespace
}  // namespace flowc
