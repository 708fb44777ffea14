// The parser builds the AST the checker expects: precedence, branches, template parts, dedent,
// dotted names, lists, durations, rates, schedules, and the spans of names and nodes.
#include <gtest/gtest.h>

#include <string>

#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

using Kind = ast::Condition::Kind;

const ast::Condition& condition_of(const Parsed& parsed) {
  return parsed.flow.steps.at(0).if_.branches.at(0).condition;
}

Parsed parse_condition(const std::string& condition) {
  return parse("if " + condition + " then\nend\n");
}

// A compact picture of a condition tree: `or(a==1, and(b==2, not(c==3)))`.
std::string shape(const ast::Condition& c) {
  switch (c.kind) {
    case Kind::Compare: return c.lhs.reference.dotted() + "#" + std::to_string(static_cast<int>(c.op));
    case Kind::Not: return "not(" + shape(c.operands.at(0)) + ")";
    case Kind::And:
    case Kind::Or: {
      std::string out = c.kind == Kind::And ? "and(" : "or(";
      for (std::size_t i = 0; i < c.operands.size(); ++i) out += (i ? ", " : "") + shape(c.operands[i]);
      return out + ")";
    }
  }
  return "?";
}

struct PrecedenceCase {
  const char* condition;
  const char* shape;
};

class Precedence : public ::testing::TestWithParam<PrecedenceCase> {};

TEST_P(Precedence, BuildsTheTree) {
  const Parsed parsed = parse_condition(GetParam().condition);
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  EXPECT_EQ(shape(condition_of(parsed)), GetParam().shape);
}

INSTANTIATE_TEST_SUITE_P(Conditions, Precedence,
                         ::testing::Values(PrecedenceCase{"a == 1", "a#0"},
                                           PrecedenceCase{"a == 1 or b == 2 and c == 3", "or(a#0, and(b#0, c#0))"},
                                           PrecedenceCase{"a == 1 and b == 2 or c == 3", "or(and(a#0, b#0), c#0)"},
                                           PrecedenceCase{"a == 1 and b == 2 and c == 3", "and(a#0, b#0, c#0)"},
                                           PrecedenceCase{"not a == 1 and b == 2", "and(not(a#0), b#0)"},
                                           PrecedenceCase{"not not a == 1", "not(not(a#0))"},
                                           PrecedenceCase{"(a == 1 or b == 2) and c == 3", "and(or(a#0, b#0), c#0)"},
                                           PrecedenceCase{"not (a == 1 or b == 2)", "not(or(a#0, b#0))"},
                                           PrecedenceCase{"((a == 1))", "a#0"}));

struct OperatorCase {
  const char* text;
  ast::CompareOp op;
  bool has_rhs;
};

class Operators : public ::testing::TestWithParam<OperatorCase> {};

TEST_P(Operators, MapToCompareOp) {
  const OperatorCase& c = GetParam();
  const std::string condition = std::string("row.x ") + c.text + (c.has_rhs ? " 5" : "");
  const Parsed parsed = parse_condition(condition);
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Condition& compare = condition_of(parsed);
  EXPECT_EQ(compare.kind, Kind::Compare);
  EXPECT_EQ(compare.op, c.op);
  EXPECT_EQ(compare.lhs.reference.dotted(), "row.x");
  EXPECT_EQ(compare.op_span.column, 10u);  // "if row.x " is 9 bytes
  EXPECT_EQ(compare.op_span.length, std::string(c.text).size());
  if (c.has_rhs) {
    EXPECT_EQ(compare.rhs.number_text, "5");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Conditions, Operators,
    ::testing::Values(OperatorCase{"==", ast::CompareOp::Eq, true}, OperatorCase{"!=", ast::CompareOp::Ne, true},
                      OperatorCase{"<", ast::CompareOp::Lt, true}, OperatorCase{"<=", ast::CompareOp::Le, true},
                      OperatorCase{">", ast::CompareOp::Gt, true}, OperatorCase{">=", ast::CompareOp::Ge, true},
                      OperatorCase{"contains", ast::CompareOp::Contains, true},
                      OperatorCase{"not contains", ast::CompareOp::NotContains, true},
                      OperatorCase{"starts with", ast::CompareOp::StartsWith, true},
                      OperatorCase{"ends with", ast::CompareOp::EndsWith, true},
                      OperatorCase{"matches", ast::CompareOp::Matches, true},
                      OperatorCase{"is empty", ast::CompareOp::IsEmpty, false},
                      OperatorCase{"is not empty", ast::CompareOp::IsNotEmpty, false}));

TEST(IfShape, ElseIfChainHasOneBranchPerConditionAndAnElseBody) {
  const Parsed parsed = parse(
      "if a == 1 then\n"
      "  send x.one\n"
      "else if a == 2 then\n"
      "  send x.two\n"
      "  send x.three\n"
      "else if a == 3 then\n"
      "else\n"
      "  send x.other\n"
      "end\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
  const ast::If& chain = parsed.flow.steps[0].if_;
  ASSERT_EQ(chain.branches.size(), 3u);
  EXPECT_EQ(chain.branches[0].body.size(), 1u);
  EXPECT_EQ(chain.branches[1].body.size(), 2u);
  EXPECT_EQ(chain.branches[1].body[1].send.action.text, "three");
  EXPECT_TRUE(chain.branches[2].body.empty());
  EXPECT_EQ(chain.branches[2].condition.rhs.number_text, "3");
  ASSERT_TRUE(chain.else_body.has_value());
  ASSERT_EQ(chain.else_body->size(), 1u);
  EXPECT_EQ((*chain.else_body)[0].send.action.text, "other");
  // A branch's span is its keyword: `if` on line 1, `else if` on line 3.
  EXPECT_EQ(chain.branches[0].span, (Span{0, 1, 1, 2}));
  EXPECT_EQ(chain.branches[1].span.line, 3u);
  EXPECT_EQ(chain.branches[1].span.length, 7u);
  EXPECT_EQ(chain.span.line, 1u);
}

TEST(IfShape, WithoutElseHasNoElseBody) {
  const Parsed parsed = parse("if a == 1 then\nend\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  EXPECT_FALSE(parsed.flow.steps.at(0).if_.else_body.has_value());
}

TEST(IfShape, NestedIfIsAStepOfItsBranch) {
  const Parsed parsed = parse("if a == 1 then\n  if b == 2 then\n    send x.y\n  end\nend\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Step& inner = parsed.flow.steps.at(0).if_.branches.at(0).body.at(0);
  ASSERT_EQ(inner.kind, ast::Step::Kind::If);
  EXPECT_EQ(inner.if_.branches.at(0).body.at(0).send.account.text, "x");
}

TEST(TemplateShape, SplitsTextAndInterpolationsWithFilters) {
  const Parsed parsed = parse("send a.b { t = \"Hi {{ row.name | upper | default(\"-\") | truncate(20) }}!\" }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Value& value = field_value(parsed);
  ASSERT_EQ(value.kind, ast::Value::Kind::String);
  EXPECT_FALSE(value.string.multiline);
  const auto& parts = value.string.parts;
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "Hi ");
  EXPECT_EQ(parts[2].text, "!");
  ASSERT_TRUE(parts[1].is_interpolation);
  const ast::Interpolation& interpolation = parts[1].interpolation;
  EXPECT_EQ(interpolation.ref.dotted(), "row.name");
  EXPECT_EQ(interpolation.span.column, 20u);
  EXPECT_EQ(interpolation.span.length, 52u);
  ASSERT_EQ(interpolation.filters.size(), 3u);
  EXPECT_EQ(interpolation.filters[0].name.text, "upper");
  EXPECT_TRUE(interpolation.filters[0].args.empty());
  EXPECT_EQ(interpolation.filters[1].name.text, "default");
  ASSERT_EQ(interpolation.filters[1].args.size(), 1u);
  EXPECT_EQ(interpolation.filters[1].args[0].kind, ast::Literal::Kind::String);
  EXPECT_EQ(interpolation.filters[1].args[0].text, "-");
  EXPECT_EQ(interpolation.filters[2].args.at(0).kind, ast::Literal::Kind::Number);
  EXPECT_EQ(interpolation.filters[2].args.at(0).text, "20");
  // The whole literal, quotes included.
  EXPECT_EQ(value.string.span.column, 16u);
  EXPECT_EQ(value.span, value.string.span);
}

TEST(TemplateShape, DecodesEscapesIntoText) {
  const Parsed parsed = parse(R"(send a.b { t = "a\"b\\c\nd\te\u{263A}\{{x}}" })"
                              "\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const auto& parts = field_value(parsed).string.parts;
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, "a\"b\\c\nd\te\xE2\x98\xBA{{x}}");
}

TEST(TemplateShape, EmptyStringHasNoParts) {
  const Parsed parsed = parse("send a.b { t = \"\" }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  EXPECT_TRUE(field_value(parsed).string.parts.empty());
}

struct DedentCase {
  const char* name;
  const char* literal;  // the `"""` string as written, at field position
  const char* text;     // its text after dedent (interpolations shown as `<ref>`)
};

std::string flatten(const ast::TemplateString& string) {
  std::string out;
  for (const ast::TemplatePart& part : string.parts) {
    if (!part.is_interpolation) {
      out += part.text;
      continue;
    }
    out += '<';
    out += part.interpolation.ref.dotted();
    out += '>';
  }
  return out;
}

class Dedent : public ::testing::TestWithParam<DedentCase> {};

TEST_P(Dedent, RemovesCommonIndentation) {
  const Parsed parsed = parse(std::string("send a.b {\n  t = ") + GetParam().literal + "\n}\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Value& value = field_value(parsed);
  EXPECT_TRUE(value.string.multiline);
  EXPECT_EQ(flatten(value.string), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    MultilineStrings, Dedent,
    ::testing::Values(
        DedentCase{"Basic", "\"\"\"\n    one\n    two\n    \"\"\"", "one\ntwo\n"},
        DedentCase{"KeepsDeeperIndentation", "\"\"\"\n    one\n      two\n    \"\"\"", "one\n  two\n"},
        DedentCase{"ClosingLessIndented", "\"\"\"\n    one\n    two\n  \"\"\"", "one\ntwo\n"},
        DedentCase{"ClosingOnLastTextLine", "\"\"\"\n    one\n    two\"\"\"", "one\ntwo"},
        DedentCase{"BlankLinesDoNotCount", "\"\"\"\n    one\n\n  \n    two\n    \"\"\"", "one\n\n\ntwo\n"},
        DedentCase{"TextRightAfterQuotes", "\"\"\"one\n    two\"\"\"", "one\n    two"},
        DedentCase{"SpacesBeforeFirstBreak", "\"\"\"   \n  one\n  \"\"\"", "one\n"},
        DedentCase{"InterpolationAtLineStart", "\"\"\"\n    {{row.a}} x\n    y {{row.b}}\n    \"\"\"",
                   "<row.a> x\ny <row.b>\n"},
        DedentCase{"EscapeIsContentNotIndentation", "\"\"\"\n    \\tone\n    two\n    \"\"\"", "\tone\ntwo\n"},
        DedentCase{"QuotesInside", "\"\"\"\n  say \"hi\" and \"\"twice\"\"\n  \"\"\"",
                   "say \"hi\" and \"\"twice\"\"\n"},
        DedentCase{"CrLf", "\"\"\"\r\n    one\r\n    two\r\n    \"\"\"", "one\ntwo\n"},
        DedentCase{"Empty", "\"\"\"\"\"\"", ""}),
    [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(FieldShape, DottedPathWithSpans) {
  const Parsed parsed = parse("send a.b {\n  client.person = row.customer\n}\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Field& field = only_send(parsed).fields.at(0);
  EXPECT_EQ(field.dotted(), "client.person");
  ASSERT_EQ(field.path.size(), 2u);
  EXPECT_EQ(field.path[0].span, (Span{13, 2, 3, 6}));
  EXPECT_EQ(field.path[1].span, (Span{20, 2, 10, 6}));
  EXPECT_EQ(field.span, (Span{13, 2, 3, 28}));  // `client.person = row.customer`
  EXPECT_EQ(field.value.kind, ast::Value::Kind::Reference);
  ASSERT_EQ(field.value.reference.parts.size(), 2u);
  EXPECT_EQ(field.value.reference.parts[1].text, "customer");
  EXPECT_EQ(field.value.reference.span.length, 12u);
}

TEST(FieldShape, HeaderNamesKeepTheirDashes) {
  const Parsed parsed = parse("send a.b {\n  headers.X-Request-Id = row.id\n}\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Field& field = only_send(parsed).fields.at(0);
  EXPECT_EQ(field.dotted(), "headers.X-Request-Id");
}

TEST(FieldShape, DashCannotStartOrEndAFieldName) {
  EXPECT_FALSE(parse("send a.b {\n  -x = 1\n}\n").errors().empty());
  EXPECT_FALSE(parse("send a.b {\n  x- = 1\n}\n").errors().empty());
}

TEST(ValueShape, ListsNestAndKeepItemKinds) {
  const Parsed parsed = parse("send a.b { l = [1, \"two\", row.three, [true], []] }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Value& list = field_value(parsed);
  ASSERT_EQ(list.kind, ast::Value::Kind::List);
  ASSERT_EQ(list.items.size(), 5u);
  EXPECT_EQ(list.items[0].kind, ast::Value::Kind::Number);
  EXPECT_EQ(list.items[1].kind, ast::Value::Kind::String);
  EXPECT_EQ(list.items[2].kind, ast::Value::Kind::Reference);
  ASSERT_EQ(list.items[3].kind, ast::Value::Kind::List);
  EXPECT_TRUE(list.items[3].items.at(0).boolean);
  EXPECT_TRUE(list.items[4].items.empty());
  EXPECT_EQ(list.span.column, 16u);
  EXPECT_EQ(list.span.length, 33u);
}

struct ScalarCase {
  const char* text;
  ast::Value::Kind kind;
  const char* number_text;
  ast::TimeUnit unit;
};

class Scalars : public ::testing::TestWithParam<ScalarCase> {};

TEST_P(Scalars, KeepTheAmountAsWrittenAndTheUnit) {
  const ScalarCase& c = GetParam();
  const Parsed parsed = parse(std::string("send a.b { v = ") + c.text + " }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Value& value = field_value(parsed);
  EXPECT_EQ(value.kind, c.kind);
  EXPECT_EQ(value.number_text, c.number_text);
  if (c.kind == ast::Value::Kind::Duration || c.kind == ast::Value::Kind::Rate) {
    EXPECT_EQ(value.unit, c.unit);
  }
  EXPECT_EQ(value.span.length, std::string(c.text).size());
}

INSTANTIATE_TEST_SUITE_P(Values, Scalars,
                         ::testing::Values(ScalarCase{"42", ast::Value::Kind::Number, "42", {}},
                                           ScalarCase{"-7", ast::Value::Kind::Number, "-7", {}},
                                           ScalarCase{"3.25", ast::Value::Kind::Number, "3.25", {}},
                                           ScalarCase{"500ms", ast::Value::Kind::Duration, "500",
                                                      ast::TimeUnit::Milliseconds},
                                           ScalarCase{"30s", ast::Value::Kind::Duration, "30", ast::TimeUnit::Seconds},
                                           ScalarCase{"15m", ast::Value::Kind::Duration, "15", ast::TimeUnit::Minutes},
                                           ScalarCase{"2h", ast::Value::Kind::Duration, "2", ast::TimeUnit::Hours},
                                           ScalarCase{"1d", ast::Value::Kind::Duration, "1", ast::TimeUnit::Days},
                                           ScalarCase{"10/s", ast::Value::Kind::Rate, "10", ast::TimeUnit::Seconds},
                                           ScalarCase{"10/sec", ast::Value::Kind::Rate, "10", ast::TimeUnit::Seconds},
                                           ScalarCase{"100/min", ast::Value::Kind::Rate, "100", ast::TimeUnit::Minutes},
                                           ScalarCase{"5/h", ast::Value::Kind::Rate, "5", ast::TimeUnit::Hours},
                                           ScalarCase{"5/hour", ast::Value::Kind::Rate, "5", ast::TimeUnit::Hours}));

TEST(ValueShape, BooleansAndBareSymbols) {
  const Parsed parsed = parse("send a.b { t = true  f = false  s = first  r = truex }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const auto& fields = only_send(parsed).fields;
  EXPECT_EQ(fields[0].value.kind, ast::Value::Kind::Bool);
  EXPECT_TRUE(fields[0].value.boolean);
  EXPECT_EQ(fields[1].value.kind, ast::Value::Kind::Bool);
  EXPECT_FALSE(fields[1].value.boolean);
  EXPECT_EQ(fields[2].value.kind, ast::Value::Kind::Reference);
  EXPECT_EQ(fields[2].value.reference.dotted(), "first");
  EXPECT_EQ(fields[3].value.reference.dotted(), "truex");
}

TEST(StatementShape, SendNameIsOptional) {
  const Parsed parsed = parse("send update = crm.update_order\nsend bot.send_message { text = \"x\" }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 2u);
  const ast::Send& named = parsed.flow.steps[0].send;
  ASSERT_TRUE(named.name.has_value());
  EXPECT_EQ(named.name->span, (Span{5, 1, 6, 6}));
  EXPECT_EQ(named.account.span, (Span{14, 1, 15, 3}));
  EXPECT_EQ(named.action.span, (Span{18, 1, 19, 12}));
  EXPECT_EQ(named.span.length, 30u);
  const ast::Send& anonymous = parsed.flow.steps[1].send;
  EXPECT_FALSE(anonymous.name.has_value());
  EXPECT_EQ(anonymous.span, (Span{31, 2, 1, 36}));  // `send` through `}`
}

TEST(StatementShape, AccountSourceAndSettings) {
  const Parsed parsed = parse(
      "account crm = keepincrm { api_key = env.KEY  rate_limit = 100/min }\n"
      "source row = sheets.new_rows {\n  sheet = \"Orders\"\n  where row.id is not empty\n}\n"
      "settings { concurrency = 8  timeout = 30s }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const ast::Account& account = parsed.flow.accounts.at(0);
  EXPECT_EQ(account.name.span, (Span{8, 1, 9, 3}));
  EXPECT_EQ(account.connector.text, "keepincrm");
  ASSERT_EQ(account.fields.size(), 2u);
  EXPECT_EQ(account.fields[1].value.kind, ast::Value::Kind::Rate);
  const ast::Source& source = parsed.flow.sources.at(0);
  EXPECT_EQ(source.name.text, "row");
  EXPECT_EQ(source.account.text, "sheets");
  EXPECT_EQ(source.action.text, "new_rows");
  ASSERT_EQ(source.fields.size(), 1u);
  ASSERT_TRUE(source.where.has_value());
  EXPECT_EQ(source.where->op, ast::CompareOp::IsNotEmpty);
  EXPECT_EQ(source.where->span.line, 4u);
  EXPECT_EQ(source.span.line, 2u);
  ASSERT_EQ(parsed.flow.settings.size(), 1u);
  EXPECT_EQ(parsed.flow.settings[0].fields.size(), 2u);
  EXPECT_EQ(parsed.flow.settings[0].fields[1].value.unit, ast::TimeUnit::Seconds);
}

TEST(ScheduleShape, EveryAtAndAfter) {
  const Parsed parsed = parse(
      "schedule every 500ms\n"
      "schedule at 09:00, 18:30, 7:05 timezone \"Europe/Kyiv\"\n"
      "schedule at 23:59\n"
      "schedule after \"clients-sync\"\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const auto& schedules = parsed.flow.schedules;
  ASSERT_EQ(schedules.size(), 4u);
  EXPECT_EQ(schedules[0].kind, ast::Schedule::Kind::Every);
  EXPECT_EQ(schedules[0].every.kind, ast::Value::Kind::Duration);
  EXPECT_EQ(schedules[0].every.unit, ast::TimeUnit::Milliseconds);
  EXPECT_EQ(schedules[0].every.span, (Span{15, 1, 16, 5}));
  EXPECT_EQ(schedules[1].kind, ast::Schedule::Kind::At);
  ASSERT_EQ(schedules[1].times.size(), 3u);
  EXPECT_EQ(schedules[1].times[1].hour, 18);
  EXPECT_EQ(schedules[1].times[1].minute, 30);
  EXPECT_EQ(schedules[1].times[2].hour, 7);
  EXPECT_EQ(schedules[1].times[2].span.column, 27u);
  ASSERT_TRUE(schedules[1].timezone.has_value());
  EXPECT_EQ(schedules[1].timezone->text, "Europe/Kyiv");
  EXPECT_EQ(schedules[1].timezone->span.length, 13u);  // the string with its quotes
  EXPECT_FALSE(schedules[2].timezone.has_value());
  EXPECT_EQ(schedules[3].kind, ast::Schedule::Kind::After);
  EXPECT_EQ(schedules[3].after.text, "clients-sync");
}

TEST(FlowShape, EmptyFileIsAnEmptyFlow) {
  const Parsed parsed = parse("");
  EXPECT_TRUE(parsed.errors().empty());
  EXPECT_FALSE(parsed.flow.name.has_value());
  EXPECT_TRUE(parsed.flow.accounts.empty());
  EXPECT_TRUE(parsed.flow.sources.empty());
  EXPECT_TRUE(parsed.flow.steps.empty());
  EXPECT_TRUE(parsed.flow.schedules.empty());
  EXPECT_TRUE(parsed.flow.settings.empty());
}

}  // namespace
}  // namespace flowc::testing
