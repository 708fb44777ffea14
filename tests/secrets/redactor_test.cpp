// The redactor on its own: which text a registered value masks, in the forms output gives it.
#include <gtest/gtest.h>

#include <string>

#include "base/redactor.hpp"

namespace flowc::runtime {
namespace {

struct Case {
  const char* name;
  std::string secret;
  std::string text;
  std::string expected;
};

class RedactorCases : public ::testing::TestWithParam<Case> {};

TEST_P(RedactorCases, MasksTheValueInTheFormsOutputGivesIt) {
  Redactor redactor;
  redactor.add(GetParam().secret);
  EXPECT_EQ(redactor.redact(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Values, RedactorCases,
    ::testing::Values(
        Case{"plain", "CrmKey-Zx81", "key CrmKey-Zx81 rejected", "key [redacted] rejected"},
        Case{"too_short_to_mask", "abc", "abc abc", "abc abc"},
        Case{"regex_specials", R"(a.b*c+(d)?[e]$^|)", R"(v=a.b*c+(d)?[e]$^| axbbc)", "v=[redacted] axbbc"},
        Case{"json_escaped", R"(pa"ss\word)", R"({"body":"pa\"ss\\word"})", R"({"body":"[redacted]"})"},
        Case{"percent_encoded", "s3cret/+key", "GET /x?auth=s3cret%2F%2Bkey", "GET /x?auth=[redacted]"},
        Case{"url_keeps_host", "https://hooks.slack.com/services/T0001ABCD/B0002EFGH/XXXXsecretXXXX123",
             "POST https://hooks.slack.com/services/T0001ABCD/B0002EFGH/XXXXsecretXXXX123 failed",
             "POST https://hooks.slack.com/[redacted] failed"},
        Case{"url_base_with_path_joined", "http://127.0.0.1:18098/rest/1/bitrixsecret77/",
             "POST http://127.0.0.1:18098/rest/1/bitrixsecret77/crm.deal.add.json",
             "POST http://127.0.0.1:18098/[redacted]/crm.deal.add.json"},
        Case{"url_path_alone", "http://127.0.0.1:18098/rest/1/bitrixsecret77/",
             "received POST /rest/1/bitrixsecret77/crm.deal.add.json", "received POST /[redacted]/crm.deal.add.json"},
        Case{"url_token_segment_alone", "http://127.0.0.1:18098/rest/1/bitrixsecret77/",
             "unknown webhook bitrixsecret77", "unknown webhook [redacted]"},
        Case{"url_plain_segments_stay", "http://127.0.0.1:18098/rest/1/bitrixsecret77/", "the rest of it",
             "the rest of it"},
        Case{"url_query", "https://api.example.com?key=Qk3yABCDEF99", "GET https://api.example.com?key=Qk3yABCDEF99",
             "GET https://api.example.com?[redacted]"},
        Case{"url_user_info", "smtps://mailer:pa55word-xyz@smtp.example.com",
             "login to smtps://mailer:pa55word-xyz@smtp.example.com denied for pa55word-xyz",
             "login to smtps://[redacted]@smtp.example.com denied for [redacted]"},
        Case{"url_host_only", "http://127.0.0.1:18098", "GET http://127.0.0.1:18098/orders",
             "GET [redacted]/orders"},
        Case{"telegram_path_without_registration", "unrelated-value",
             "POST https://api.telegram.org/bot123:ABCdef/sendMessage",
             "POST https://api.telegram.org/bot[redacted]/sendMessage"}),
    [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

TEST(Redactor, ALongerSecretContainingAShorterOneIsMaskedWhole) {
  Redactor redactor;
  redactor.add("token-1234");
  redactor.add("token-1234-and-more");
  EXPECT_EQ(redactor.redact("a token-1234-and-more b token-1234"), "a [redacted] b [redacted]");
}

}  // namespace
}  // namespace flowc::runtime
