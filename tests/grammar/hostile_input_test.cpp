// Hostile input never crashes, hangs or floods: empty and binary files, huge files, huge strings,
// deep nesting, invalid UTF-8, and files with an error on every line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <random>
#include <string>

#include "grammar/error_messages.hpp"
#include "tests/grammar/parse_support.hpp"

namespace flowc::testing {
namespace {

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(HostileInput, EmptyFileParsesToAnEmptyFlow) {
  const Parsed parsed = parse("");
  EXPECT_TRUE(parsed.errors().empty());
  EXPECT_TRUE(parsed.flow.steps.empty());
}

TEST(HostileInput, BinaryGarbageGetsOneDiagnostic) {
  std::mt19937 random(42);
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
  const Parsed parsed = parse(garbage);
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E018");
  EXPECT_TRUE(parsed.flow.steps.empty());
}

TEST(HostileInput, NulByteInOtherwiseTextGetsOneDiagnostic) {
  const Parsed parsed = parse(std::string("flow \"x\"\nsend a.b { t = \"a\0b\" }\n", 33));
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E018");
  EXPECT_EQ(parsed.errors()[0].span.line, 2u);
  EXPECT_EQ(parsed.errors()[0].span.column, 18u);
  EXPECT_THAT(parsed.errors()[0].message, ::testing::HasSubstr("NUL byte"));
}

struct Utf8Case {
  const char* name;
  std::string text;
  std::uint32_t line;
  std::uint32_t column;
};

class InvalidUtf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(InvalidUtf8, IsReportedWithItsPosition) {
  const Parsed parsed = parse(GetParam().text);
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  const Diagnostic& d = parsed.errors()[0];
  EXPECT_EQ(d.code, "E018");
  EXPECT_THAT(d.message, ::testing::HasSubstr("invalid UTF-8"));
  EXPECT_EQ(d.span.line, GetParam().line);
  EXPECT_EQ(d.span.column, GetParam().column);
}

INSTANTIATE_TEST_SUITE_P(HostileInput, InvalidUtf8,
                         ::testing::Values(Utf8Case{"Latin1InComment", "flow \"x\"\n# caf\xE9\n", 2, 6},
                                           Utf8Case{"Latin1InString", "send a.b { t = \"\xFF\" }\n", 1, 17},
                                           Utf8Case{"TruncatedSequence", "send a.b { t = \"\xE2\x98\" }\n", 1, 17},
                                           Utf8Case{"Overlong", "# \xC0\xAF\n", 1, 3},
                                           Utf8Case{"EncodedSurrogate", "# \xED\xA0\x80\n", 1, 3},
                                           Utf8Case{"PastMaxCodePoint", "\n\n# \xF4\x90\x80\x80\n", 3, 3},
                                           Utf8Case{"LoneContinuationByte", "flow \"\x80\"\n", 1, 7}),
                         [](const auto& test_case) { return std::string(test_case.param.name); });

TEST(HostileInput, ValidUtf8IsAccepted) {
  const Parsed parsed = parse("flow \"café ☺ 😀 Київ\"  # ✓\n");
  EXPECT_TRUE(parsed.errors().empty()) << parsed.rendered();
  EXPECT_EQ(parsed.flow.name->text, "café ☺ 😀 Київ");
}

TEST(HostileInput, AnErrorOnEveryLineIsCappedWithANote) {
  const Parsed parsed = parse(repeat("send @\n", 10'000));
  const auto& items = parsed.errors();
  ASSERT_EQ(items.size(), static_cast<std::size_t>(grammar::kMaxSyntaxErrors) + 1) << parsed.rendered();
  EXPECT_EQ(items.front().code, "E007");
  EXPECT_EQ(items[grammar::kMaxSyntaxErrors - 1].span.line, static_cast<std::uint32_t>(grammar::kMaxSyntaxErrors));
  EXPECT_EQ(items.back().severity, Severity::Note);
  EXPECT_EQ(items.back().code, "E019");
}

TEST(HostileInput, TextWithoutStatementsGetsOneError) {
  const Parsed parsed = parse(repeat("lorem ipsum dolor { sit } [amet] \"consectetur\n", 20'000));
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E001");
}

// Builds `depth` nested `if`s, each closed by its own `end`, with `body` innermost.
std::string nested_ifs(std::size_t depth, std::string_view body = "send x.y\n") {
  return repeat("if a == 1 then\n", depth) + std::string(body) + repeat("end\n", depth);
}

TEST(HostileInput, DeeplyNestedIfsStopAtTheLimitWithoutCascading) {
  const Parsed parsed = parse(nested_ifs(10'000) + "schedule every 5m\n");
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  const Diagnostic& d = parsed.errors()[0];
  EXPECT_EQ(d.code, "E017");
  EXPECT_EQ(d.span.line, static_cast<std::uint32_t>(grammar::kMaxNesting) + 1);
  // Recovery skipped to the end of the nest: the statement after it is read.
  EXPECT_EQ(parsed.flow.schedules.size(), 1u);
}

TEST(HostileInput, NestingUpToTheLimitIsFine) {
  const Parsed parsed = parse(nested_ifs(grammar::kMaxNesting));
  EXPECT_TRUE(parsed.errors().empty()) << parsed.rendered();
  ASSERT_EQ(parsed.flow.steps.size(), 1u);
}

// Runs `work` on a thread with only `stack_bytes` of stack (the main thread has megabytes to spare).
void run_with_stack(std::size_t stack_bytes, void (*work)()) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, stack_bytes);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attributes,
                [](void* w) -> void* {
                  reinterpret_cast<void (*)()>(w)();
                  return nullptr;
                },
                reinterpret_cast<void*>(work)),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
}

// The nesting limit keeps the deepest legal flow within a small thread stack.
TEST(HostileInput, DeepestLegalNestingFitsInASmallStack) {
  run_with_stack(1 << 20, [] {
    const std::size_t parens = grammar::kMaxNesting / 2;
    const std::string deep = repeat("if a == 1 then\n", grammar::kMaxNesting / 2 - 1) + "if " + repeat("(", parens) +
                             "a == 1" + repeat(")", parens) + " then\nend\n" +
                             repeat("end\n", grammar::kMaxNesting / 2 - 1);
    const Parsed parsed = parse(deep + nested_ifs(grammar::kMaxNesting + 1));
    EXPECT_EQ(parsed.errors().size(), 1u);  // only the second nest goes one level too deep
    EXPECT_EQ(parsed.flow.steps.size(), 1u);
  });
}

TEST(HostileInput, DeeplyNestedParenthesesStopAtTheLimit) {
  const Parsed parsed = parse("if " + repeat("(", 10'000) + "a == 1" + repeat(")", 10'000) + " then\nend\n");
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E017");
  // The `if` is the first level, so the 64th `(` (at column 3 + 64) is one too many.
  EXPECT_EQ(parsed.errors()[0].span.column, 3u + grammar::kMaxNesting);
}

TEST(HostileInput, DeeplyNestedListsStopAtTheLimit) {
  const Parsed parsed = parse("send a.b { l = " + repeat("[", 10'000) + repeat("]", 10'000) + " }\nsend c.d\n");
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E017");
  EXPECT_EQ(parsed.flow.steps.size(), 1u);  // `send c.d`
}

TEST(HostileInput, LongNotChainsStopAtTheLimit) {
  const Parsed parsed = parse("if " + repeat("not ", 100'000) + "a == 1 then\nend\n");
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E017");
}

TEST(HostileInput, LongAndChainsAreFlat) {
  std::string condition = "a == 0";
  for (int i = 1; i < 10'000; ++i) condition += " and a == " + std::to_string(i);
  const Parsed parsed = parse("if " + condition + " then\nend\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  EXPECT_EQ(parsed.flow.steps.at(0).if_.branches.at(0).condition.operands.size(), 10'000u);
}

TEST(HostileInput, OneMegabyteStringLiteral) {
  const std::string big(1 << 20, 'x');
  const Parsed parsed = parse("send a.b { t = \"" + big + "\" }\n");
  ASSERT_TRUE(parsed.errors().empty()) << parsed.rendered();
  const auto& parts = field_value(parsed).string.parts;
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, big);
}

TEST(HostileInput, OneMegabyteUnterminatedStringIsOneError) {
  const Parsed parsed = parse("send a.b { t = \"" + std::string(1 << 20, 'x') + "\n}\nsend c.d\n");
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_EQ(parsed.errors()[0].code, "E003");
  EXPECT_EQ(parsed.errors()[0].span.column, 16u);
  EXPECT_EQ(parsed.flow.steps.size(), 1u);
}

// A guard against hangs, not a speed target (bench/ measures speed): a quadratic slip on 10 MB
// takes hours, while a linear parse stays far below this even unoptimised, under a sanitizer or
// on a loaded machine.
constexpr double kTenMegabyteSeconds = 30.0;

double seconds_to_parse(const std::string& text, Parsed& parsed) {
  const auto start = std::chrono::steady_clock::now();
  parsed = parse(text);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(HostileInput, TenMegabyteFileParsesInSeconds) {
  const std::string statement =
      "send update = crm.update_order {\n"
      "  id    = row.order_id\n"
      "  title = \"{{row.product | upper}} x {{row.qty}}\"\n"
      "  tags  = [\"a\", \"b\", 3]\n"
      "}\n"
      "if update.result == fail and not (row.total > 100 or row.note contains \"vip\") then\n"
      "  send bot.send_message { text = \"failed: {{update.errors}}\" }\n"
      "end\n";
  const std::string text = repeat(statement, (10u << 20) / statement.size() + 1);
  Parsed parsed;
  const double seconds = seconds_to_parse(text, parsed);
  EXPECT_TRUE(parsed.errors().empty());
  EXPECT_GT(parsed.flow.steps.size(), 50'000u);
  EXPECT_LT(seconds, kTenMegabyteSeconds);
  RecordProperty("seconds", std::to_string(seconds));
}

TEST(HostileInput, TenMegabyteLineOfGarbageParsesInSeconds) {
  Parsed parsed;
  const double seconds = seconds_to_parse("send a.b { x = " + std::string(10u << 20, '(') + " }\n", parsed);
  ASSERT_EQ(parsed.errors().size(), 1u) << parsed.rendered();
  EXPECT_LT(seconds, kTenMegabyteSeconds);
}

}  // namespace
}  // namespace flowc::testing
