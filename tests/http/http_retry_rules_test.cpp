// The pure rules behind the client: Retry-After, backoff, default advice, rate limiter arithmetic,
// URL redaction and loopback detection.
#include <gtest/gtest.h>

#include <ctime>
#include <stdexcept>

#include "runtime/http/http.hpp"
#include "base/http_redact.hpp"
#include "runtime/http/http_retry.hpp"
#include "runtime/http/http_transfer.hpp"

namespace flowc::runtime {
namespace {

using namespace std::chrono_literals;
using http_retry::backoff_delay;
using http_retry::parse_retry_after;

std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

HttpResponse answer(int status, std::string error = "", Headers headers = {}) {
  HttpResponse response;
  response.status = status;
  response.error = std::move(error);
  response.headers = std::move(headers);
  return response;
}

TEST(RetryAfter, ReadsDeltaSeconds) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(parse_retry_after("1", now), 1000ms);
  EXPECT_EQ(parse_retry_after(" 120 ", now), 120'000ms);
  EXPECT_EQ(parse_retry_after("0", now), 0ms);
}

TEST(RetryAfter, ReadsHttpDate) {
  const auto now = std::chrono::system_clock::now();
  const auto wait = parse_retry_after(http_date(now + 30s), now);
  ASSERT_TRUE(wait.has_value());
  EXPECT_GE(*wait, 28'000ms);
  EXPECT_LE(*wait, 31'000ms);
  EXPECT_EQ(parse_retry_after(http_date(now - 1h), now), 0ms);
}

TEST(RetryAfter, CapsLongWaitsAndRejectsNonsense) {
  const auto now = std::chrono::system_clock::now();
  EXPECT_EQ(parse_retry_after("86400", now), kMaxServerRetryDelay);
  EXPECT_EQ(parse_retry_after("999999999999999999999", now), kMaxServerRetryDelay);
  EXPECT_EQ(parse_retry_after(http_date(now + 24h), now), kMaxServerRetryDelay);
  EXPECT_FALSE(parse_retry_after("soon", now).has_value());
  EXPECT_FALSE(parse_retry_after("", now).has_value());
  EXPECT_FALSE(parse_retry_after("-5", now).has_value());
}

TEST(Backoff, DoublesWithJitterWithinHalfAndFull) {
  RetryPolicy policy;
  policy.base_delay = 100ms;
  policy.max_delay = 10'000ms;
  for (std::uint64_t random : {0ull, 7ull, 123456789ull, ~0ull}) {
    for (int retry = 0; retry < 5; ++retry) {
      const auto full = std::chrono::milliseconds{100 << retry};
      const auto delay = backoff_delay(policy, retry, random);
      EXPECT_GE(delay, full / 2) << retry;
      EXPECT_LE(delay, full) << retry;
    }
  }
  EXPECT_EQ(backoff_delay(policy, 0, 0), 50ms);
}

TEST(Backoff, StopsAtMaxDelayWithoutOverflow) {
  RetryPolicy policy;
  policy.base_delay = 250ms;
  policy.max_delay = 30'000ms;
  for (int retry : {10, 62, 63, 1000}) {
    const auto delay = backoff_delay(policy, retry, 42);
    EXPECT_GE(delay, 15'000ms) << retry;
    EXPECT_LE(delay, 30'000ms) << retry;
  }
}

TEST(Backoff, ServerRequestedWaitWins) {
  RetryPolicy policy;
  EXPECT_EQ(http_retry::retry_delay(3000ms, policy, 0, 1), 3000ms);
  EXPECT_EQ(http_retry::retry_delay(24h, policy, 0, 1), kMaxServerRetryDelay);
  EXPECT_LE(http_retry::retry_delay(0ms, policy, 0, 1), policy.base_delay);
}

TEST(DefaultRetryAdvice, RetriesOnlyTransientAnswers) {
  for (int status : {408, 429, 500, 502, 503, 504}) EXPECT_EQ(default_retry_advice(answer(status)), 0ms) << status;
  for (int status : {200, 201, 204, 301, 400, 401, 403, 404, 409, 422}) {
    EXPECT_FALSE(default_retry_advice(answer(status)).has_value()) << status;
  }
  EXPECT_EQ(default_retry_advice(answer(0, "Couldn't connect to server")), 0ms);
}

TEST(DefaultRetryAdvice, UsesRetryAfterHeader) {
  EXPECT_EQ(default_retry_advice(answer(429, "", {{"retry-after", "2"}})), 2000ms);
  EXPECT_EQ(default_retry_advice(answer(503, "", {{"retry-after", "garbage"}})), 0ms);
  EXPECT_FALSE(default_retry_advice(answer(200, "", {{"retry-after", "2"}})).has_value());
}

TEST(DefaultSmtpRetryAdvice, RetriesTransientRepliesOnly) {
  EXPECT_FALSE(default_smtp_retry_advice(answer(250)).has_value());
  EXPECT_FALSE(default_smtp_retry_advice(answer(550, "RCPT failed: 550")).has_value());
  EXPECT_FALSE(default_smtp_retry_advice(answer(535, "Login denied")).has_value());
  EXPECT_EQ(default_smtp_retry_advice(answer(451, "RCPT failed: 451")), 0ms);
  EXPECT_EQ(default_smtp_retry_advice(answer(421)), 0ms);
  EXPECT_EQ(default_smtp_retry_advice(answer(0, "Couldn't connect to server")), 0ms);
}

TEST(RateLimiterArithmetic, BurstThenOneSlotPerInterval) {
  RateLimiter limiter(2, 1000ms);
  const std::chrono::steady_clock::time_point t0 = std::chrono::steady_clock::time_point{} + 10s;
  EXPECT_EQ(limiter.reserve(t0), t0);
  EXPECT_EQ(limiter.reserve(t0), t0);
  EXPECT_EQ(limiter.reserve(t0), t0 + 500ms);
  EXPECT_EQ(limiter.reserve(t0), t0 + 1000ms);
  // Long idle refills to the burst size, not beyond.
  const auto later = t0 + 1h;
  EXPECT_EQ(limiter.reserve(later), later);
  EXPECT_EQ(limiter.reserve(later), later);
  EXPECT_EQ(limiter.reserve(later), later + 500ms);
}

TEST(RateLimiterArithmetic, RejectsNonPositiveLimits) {
  EXPECT_THROW(RateLimiter(0, 1000ms), std::invalid_argument);
  EXPECT_THROW(RateLimiter(5, 0ms), std::invalid_argument);
  EXPECT_THROW(RateLimiter(-1, 1000ms), std::invalid_argument);
}

TEST(RedactUrl, RemovesPathQueryAndUserInfoButKeepsHost) {
  const std::string url = "https://api.telegram.org/bot123456:ABCdefGHI/sendMessage?chat_id=998877";
  const std::string text = redact_url("Failed for " + url + " and /bot123456:ABCdefGHI/ and 123456:ABCdefGHI", url);
  EXPECT_EQ(text.find("ABCdefGHI"), std::string::npos) << text;
  EXPECT_EQ(text.find("998877"), std::string::npos) << text;
  EXPECT_NE(text.find("[redacted]"), std::string::npos) << text;

  const std::string smtp = "smtps://mailer:pa55word-xyz@smtp.example.com:465";
  const std::string login = redact_url("Login denied for mailer:pa55word-xyz at smtp.example.com", smtp);
  EXPECT_EQ(login.find("pa55word"), std::string::npos) << login;
  EXPECT_NE(login.find("smtp.example.com"), std::string::npos) << login;

  EXPECT_EQ(redact_url("Operation timed out after 300 milliseconds", url),
            "Operation timed out after 300 milliseconds");
}

TEST(LoopbackHost, RecognisesOnlyLoopbackAddresses) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host :
       {"128.0.0.1", "10.0.0.1", "example.com", "localhost.example.com", "::2", "", "[::ffff:8.8.8.8]"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

}  // namespace
}  // namespace flowc::runtime
