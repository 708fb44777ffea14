#include "connectors/email/email.hpp"

#include <gtest/gtest.h>

#include "runtime/json_util.hpp"
#include "connectors/email/mail_message.hpp"
#include "tools/sandbox/mail/smtp_sink.hpp"
#include "tests/connectors/test_support.hpp"

namespace flowc::runtime::testing {
namespace {

using connectors::email_send_action;
using connectors::encode_header_text;
using connectors::mail_problem;
using connectors::MailMessage;
using connectors::parse_mail_address;
using connectors::quoted_printable;
using connectors::render_mail;

class EmailTest : public ::testing::Test {
 protected:
  void SetUp() override { sink_.start(0); }

  ExchangeRun run(const std::string& fields_json, const std::string& extra_settings = "") {
    TestAccount account(
        R"({"smtp_url":"smtp://127.0.0.1:)" + std::to_string(sink_.port()) +
            R"(","username":"robot@example.com","password":"p@ss:word","from":"Robot <robot@example.com>")" +
            extra_settings + "}",
        "email");
    auto fields = json(fields_json);
    return run_exchange(email_send_action(), fields, account.config, http_);
  }

  sandbox::SmtpSink sink_;
  HttpClient http_;
};

TEST_F(EmailTest, DeliversAnRfc5322MessageToEveryRecipient) {
  auto result = run(R"({"to":["ops@example.com","Олена <olena@example.com>"],"cc":"boss@example.com",
                        "subject":"Замовлення 7 не створено","body":"Error: Validation failed\n.line starting with a dot\nПривіт"})");
  ASSERT_TRUE(result.outcome.success) << result.outcome.errors;
  EXPECT_EQ(result.outcome.status, 250);
  EXPECT_TRUE(connectors::text_field(result.outcome.response, "message_id").ends_with("@example.com>"));

  auto mails = sink_.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_from, "robot@example.com");
  EXPECT_EQ(mails[0].rcpt_to, (std::vector<std::string>{"ops@example.com", "olena@example.com", "boss@example.com"}));
  const std::string& data = mails[0].data;
  EXPECT_NE(data.find("From: Robot <robot@example.com>\r\n"), std::string::npos) << data;
  EXPECT_NE(data.find("To: ops@example.com, =?UTF-8?B?"), std::string::npos) << data;
  EXPECT_NE(data.find("Cc: boss@example.com\r\n"), std::string::npos) << data;
  EXPECT_NE(data.find("Subject: =?UTF-8?B?"), std::string::npos) << data;
  EXPECT_NE(data.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(data.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(data.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  EXPECT_NE(data.find("Date: "), std::string::npos);
  EXPECT_NE(data.find("Message-ID: <"), std::string::npos);
  EXPECT_NE(data.find("\r\n\r\nError: Validation failed\r\n=2Eline starting"), std::string::npos) << data;
  EXPECT_NE(data.find("=D0=9F=D1=80=D0=B8"), std::string::npos) << data;  // "При" in quoted-printable
}

TEST_F(EmailTest, LineBreakInASubjectNeverBecomesAHeader) {
  auto result = run(R"({"to":"ops@example.com","subject":"Hi\r\nBcc: victim@example.com","body":"x"})");
  EXPECT_FALSE(result.outcome.success);
  EXPECT_TRUE(result.requests.empty());
  EXPECT_EQ(result.outcome.errors, "email subject contains a line break (CR or LF); header values must be one line");
  EXPECT_TRUE(sink_.mails().empty());
}

TEST_F(EmailTest, LineBreakInAnAddressIsRefused) {
  auto to = run(R"({"to":"ops@example.com\nBcc: x@example.com","subject":"s","body":"x"})");
  EXPECT_FALSE(to.outcome.success);
  EXPECT_NE(to.outcome.errors.find("email to contains a line break"), std::string::npos) << to.outcome.errors;
  auto from = run(R"({"from":"a@example.com\r\nX: y","to":"ops@example.com","subject":"s","body":"x"})");
  EXPECT_FALSE(from.outcome.success);
  EXPECT_TRUE(sink_.mails().empty());
}

TEST_F(EmailTest, BadOrMissingAddressesFailBeforeSending) {
  EXPECT_EQ(run(R"({"to":"not an address","subject":"s","body":"x"})").outcome.errors,
            "email to \"not an address\" is not an email address");
  EXPECT_EQ(run(R"({"to":[],"subject":"s","body":"x"})").outcome.errors, "email needs at least one `to` address");
  EXPECT_TRUE(sink_.mails().empty());
}

TEST_F(EmailTest, CredentialsAreSentButNeverReported) {
  auto port = sink_.port();
  sink_.stop();  // nothing listens any more: the send fails at the transport
  TestAccount account(R"({"smtp_url":"smtp://127.0.0.1:)" + std::to_string(port) +
                          R"(","username":"robot","password":"hunter2-secret","from":"robot@example.com"})",
                      "email");
  auto fields = json(R"({"to":"ops@example.com","subject":"s","body":"x"})");
  auto result = run_exchange(email_send_action(), fields, account.config, http_);
  EXPECT_FALSE(result.outcome.success);
  EXPECT_FALSE(result.outcome.errors.empty());
  EXPECT_EQ(result.outcome.errors.find("hunter2"), std::string::npos) << result.outcome.errors;
}

TEST_F(EmailTest, AccountWithoutSmtpUrlFails) {
  TestAccount account(R"({"from":"robot@example.com"})", "email");
  auto fields = json(R"({"to":"ops@example.com","subject":"s","body":"x"})");
  auto result = run_exchange(email_send_action(), fields, account.config, http_);
  EXPECT_EQ(result.outcome.errors, "email account \"acct\" has no smtp_url");
}

TEST(MailMessage, EncodesNonAsciiSubjectsAsFoldedEncodedWords) {
  EXPECT_EQ(encode_header_text("Plain subject"), "Plain subject");
  EXPECT_EQ(encode_header_text("Привіт"), "=?UTF-8?B?0J/RgNC40LLRltGC?=");
  std::string long_subject;
  for (int i = 0; i < 30; ++i) long_subject += "Ж";
  std::string encoded = encode_header_text(long_subject);
  EXPECT_NE(encoded.find("?=\r\n =?UTF-8?B?"), std::string::npos) << encoded;
  for (std::size_t start = 0, end; start < encoded.size(); start = end + 3) {
    end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
  }
}

TEST(MailMessage, QuotedPrintableKeepsLinesShortAndCrlf) {
  std::string encoded = quoted_printable(std::string(200, 'a') + " \nb=c\t\n");
  for (std::size_t start = 0, end; start < encoded.size(); start = end + 2) {
    end = encoded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u);
  }
  EXPECT_NE(encoded.find("=20\r\nb=3Dc=09\r\n"), std::string::npos) << encoded;
}

TEST(MailMessage, ParsesAddressesWithDisplayNames) {
  auto plain = parse_mail_address(" a@b.example ");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->address, "a@b.example");
  auto named = parse_mail_address("\"Ops, Team\" <ops@example.com>");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->display, "Ops, Team");
  EXPECT_EQ(named->address, "ops@example.com");
  EXPECT_FALSE(parse_mail_address("nobody"));
  EXPECT_FALSE(parse_mail_address("a b@example.com"));
}

TEST(MailMessage, RendersHeadersInOrderWithADate) {
  MailMessage message{"robot@example.com", {"ops@example.com"}, {}, "Hi", "Body"};
  ASSERT_FALSE(mail_problem(message));
  std::string text = render_mail(message, std::chrono::system_clock::from_time_t(0), "<id@example.com>");
  EXPECT_TRUE(text.starts_with("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nFrom: robot@example.com\r\n")) << text;
  EXPECT_TRUE(text.ends_with("\r\n\r\nBody")) << text;
}

}  // namespace
}  // namespace flowc::runtime::testing
