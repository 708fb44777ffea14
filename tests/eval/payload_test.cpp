#include "runtime/eval/payload.hpp"

#include <gtest/gtest.h>
#include <rapidjson/error/en.h>

#include <map>

#include "eval_test_support.hpp"
#include "runtime/eval/eval_error.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

using namespace flowc::runtime::testing;

ir::Field field(const std::string& dotted, ir::Value value) {
  ir::Field out;
  for (std::size_t start = 0, dot = 0; dot != std::string::npos; start = dot + 1) {
    dot = dotted.find('.', start);
    out.path.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
  }
  out.value = std::move(value);
  return out;
}

// A catalog stand-in: field types by dotted path, Auto for the rest.
FieldTypeFn types(std::map<std::string, JsonType> by_path) {
  return [by_path = std::move(by_path)](const std::vector<std::string>& path) {
    std::string dotted;
    for (const std::string& part : path) dotted += (dotted.empty() ? "" : ".") + part;
    const auto found = by_path.find(dotted);
    return found == by_path.end() ? JsonType::Auto : found->second;
  };
}

// The payload as JSON text, or the EvalError's message prefixed "error: ".
template <typename Build>
std::string outcome_of(Build build) {
  try {
    return to_json(build());
  } catch (const EvalError& error) {
    return std::string("error: ") + error.what();
  }
}

// Builds the payload both ways and requires them to agree: with a plan made for the call (keys
// copied), and the interpreter's way, with a plan kept across rows (keys referred to) and an arena
// and render buffer reused from send to send. Throws the EvalError as the first way throws it.
std::string build(const std::vector<ir::Field>& fields, const Scope& scope,
                  std::map<std::string, JsonType> by_path = {}) {
  const std::string once = outcome_of([&] { return build_payload(fields, scope, types(by_path)); });
  const PayloadPlan plan = plan_payload(fields, types(by_path));
  rapidjson::MemoryPoolAllocator<> arena;
  std::string scratch = "left over from an earlier send";
  for (int row = 1; row <= 2; ++row) {
    EXPECT_EQ(outcome_of([&] { return build_payload(fields, scope, plan, &arena, scratch); }), once) << "row " << row;
  }
  return to_json(build_payload(fields, scope, types(std::move(by_path))));
}

TEST(Payload, AutoTypesFollowTheValueKind) {
  const MapScope scope{{"row.product", "Tea"}, {"row.qty", "3"}, {"row.id", "0042"}};
  EXPECT_EQ(build({field("title", tmpl({part("row.product"), lit(" x "), part("row.qty")})), field("count", num("12")),
                   field("price", num("2.50")), field("active", boolean(true)), field("id", refv("row.id")),
                   field("find_by", sym("id"))},
                  scope),
            R"({"title":"Tea x 3","count":12,"price":2.5,"active":true,"id":"0042","find_by":"id"})");
}

TEST(Payload, DottedPathsNest) {
  const MapScope scope{{"row.customer", "Ann"}, {"row.phone", "+380"}};
  EXPECT_EQ(build({field("client.person", refv("row.customer")), field("client.contact.phone", refv("row.phone")),
                   field("title", text("x"))},
                  scope),
            R"({"client":{"person":"Ann","contact":{"phone":"+380"}},"title":"x"})");
}

TEST(Payload, ListsBecomeArraysWithoutBlankItems) {
  const MapScope scope{{"row.phone", "+380501"}, {"row.phone2", " "}};
  EXPECT_EQ(build({field("client.phones", list({refv("row.phone"), refv("row.phone2"), num("7")}))}, scope),
            R"({"client":{"phones":["+380501",7]}})");
  EXPECT_EQ(build({field("tags", refv("row.phone"))}, scope, {{"tags", JsonType::List}}), R"({"tags":["+380501"]})");
  EXPECT_EQ(build({field("tags", list({}))}, scope), R"({"tags":[]})");
}

struct CoercionCase {
  JsonType type;
  std::string cell;
  std::string expected_json;  // the whole payload
};

class Coercion : public ::testing::TestWithParam<CoercionCase> {};

TEST_P(Coercion, ConvertsCellText) {
  const MapScope scope{{"row.v", GetParam().cell}};
  EXPECT_EQ(build({field("v", refv("row.v"))}, scope, {{"v", GetParam().type}}), GetParam().expected_json);
}

INSTANTIATE_TEST_SUITE_P(Types, Coercion,
                         ::testing::Values(CoercionCase{JsonType::Number, "1 234,50", R"({"v":1234.5})"},
                                           CoercionCase{JsonType::Number, "42", R"({"v":42})"},
                                           CoercionCase{JsonType::Number, "-7", R"({"v":-7})"},
                                           CoercionCase{JsonType::Number, "", "{}"},  // blank: left out
                                           CoercionCase{JsonType::Bool, "yes", R"({"v":true})"},
                                           CoercionCase{JsonType::Bool, " FALSE ", R"({"v":false})"},
                                           CoercionCase{JsonType::Bool, "1", R"({"v":true})"},
                                           CoercionCase{JsonType::Bool, "", "{}"},
                                           CoercionCase{JsonType::String, "", R"({"v":""})"},
                                           CoercionCase{JsonType::String, "12", R"({"v":"12"})"},
                                           CoercionCase{JsonType::Auto, "12", R"({"v":"12"})"}));

TEST(Payload, LiteralsFollowTheDeclaredType) {
  const MapScope scope;
  EXPECT_EQ(build({field("id", num("123")), field("on", boolean(false))}, scope,
                  {{"id", JsonType::String}, {"on", JsonType::String}}),
            R"({"id":"123","on":"false"})");
  EXPECT_EQ(build({field("total", text("1,5"))}, scope, {{"total", JsonType::Number}}), R"({"total":1.5})");
}

struct RejectCase {
  std::vector<ir::Field> fields;
  std::map<std::string, JsonType> types;
  std::string message;
};

class PayloadRejects : public ::testing::TestWithParam<RejectCase> {};

TEST_P(PayloadRejects, ThrowsEvalError) {
  const MapScope scope{{"row.total", "abc"}, {"row.flag", "maybe"}};
  try {
    build(GetParam().fields, scope, GetParam().types);
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_EQ(error.what(), GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Errors, PayloadRejects,
    ::testing::Values(RejectCase{{field("total", refv("row.total"))},
                                 {{"total", JsonType::Number}},
                                 "field total: \"abc\" is not a number"},
                      RejectCase{{field("paid", refv("row.flag"))},
                                 {{"paid", JsonType::Bool}},
                                 "field paid: \"maybe\" is not true/false, yes/no or 1/0"},
                      RejectCase{{field("x", refv("row.qty"))}, {}, "row 7 has no column \"row.qty\""},
                      RejectCase{{field("client", text("a")), field("client.person", text("b"))},
                                 {},
                                 "field client.person: client is already set to a value"},
                      RejectCase{{field("a", text("1")), field("a", text("2"))}, {}, "field a is set twice"},
                      RejectCase{{field("client.person", text("b")), field("client", text("a"))},
                                 {},
                                 "field client is set twice"},
                      RejectCase{{field("l", list({list({})}))}, {}, "field l: lists cannot be nested"}));

// Only a send whose fields could meet at one place is checked for it row by row.
TEST(Payload, PlanSaysWhetherFieldsCanMeet) {
  EXPECT_TRUE(plan_payload({field("a", text("1")), field("b.c", text("2")), field("b.d", text("3"))}, {}).distinct_places);
  EXPECT_FALSE(plan_payload({field("b.c", text("1")), field("b", text("2"))}, {}).distinct_places);
  EXPECT_FALSE(plan_payload({field("a", text("1")), field("a", text("2"))}, {}).distinct_places);
}

bool is_valid_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
  return !document.HasParseError();
}

TEST(Payload, HostileCellsStayInsideTheirStrings) {
  const std::vector<std::string> hostile{"\"},\"admin\":true,{\"",
                                         "back\\slash\\",
                                         "line\nbreak\r\n\ttab",
                                         "{{env.SECRET}}",
                                         "bad utf8 \xFF\xFE \xC3 \xED\xA0\x80 end",
                                         std::string("nul\0byte", 8),
                                         "Київ 😀"};
  for (const std::string& cell : hostile) {
    const MapScope scope{{"row.x", cell}};
    const std::string json =
        build({field("note", refv("row.x")), field("title", tmpl({lit("«"), part("row.x")}))}, scope);
    EXPECT_TRUE(utf8::is_valid(json)) << json;
    ASSERT_TRUE(is_valid_json(json)) << json;
    rapidjson::Document parsed;
    parsed.Parse(json.c_str(), json.size());
    ASSERT_TRUE(parsed.IsObject());
    EXPECT_EQ(parsed.MemberCount(), 2u) << json;
    const std::string note(parsed["note"].GetString(), parsed["note"].GetStringLength());
    EXPECT_EQ(note, utf8::sanitize(cell));
  }
}

TEST(Payload, EnvValuesAreNotQuotedInErrors) {
  const MapScope scope{{"env.TOKEN", "secret-token"}};
  try {
    build({field("total", tmpl({lit("x"), part("env.TOKEN")}))}, scope, {{"total", JsonType::Number}});
    FAIL() << "no error";
  } catch (const EvalError& error) {
    EXPECT_STREQ(error.what(), "field total: the env value (not shown) is not a number");
  }
}

TEST(Payload, NoTypeFunctionMeansAuto) {
  const MapScope scope{{"row.v", "5"}};
  EXPECT_EQ(to_json(build_payload({field("v", refv("row.v"))}, scope, nullptr)), R"({"v":"5"})");
}

}  // namespace
}  // namespace flowc::runtime
