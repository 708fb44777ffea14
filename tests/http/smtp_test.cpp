// Mail through HttpClient to a loopback SMTP sink: envelope, body, reply codes and retry classes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include "runtime/http/http.hpp"
#include "smtp_sink.hpp"

namespace flowc::runtime {
namespace {

using namespace std::chrono_literals;
using test::SmtpSink;

RetryPolicy quick_policy(int max_retries) {
  RetryPolicy policy;
  policy.max_retries = max_retries;
  policy.base_delay = 5ms;
  policy.max_delay = 20ms;
  policy.timeout = 5s;
  policy.connect_timeout = 2s;
  return policy;
}

HttpRequest mail_to(const std::string& host, int port, std::vector<std::string> recipients) {
  HttpRequest request;
  request.url = "smtp://" + host + ":" + std::to_string(port);
  request.mail_from = "flows@example.com";
  request.mail_rcpt = std::move(recipients);
  request.body =
      "From: flows@example.com\r\n"
      "To: ann@example.com\r\n"
      "Subject: New order\r\n"
      "\r\n"
      "Order 42 arrived.\r\n"
      ".a line starting with a dot\r\n";
  return request;
}

TEST(Smtp, DeliversEnvelopeAndMessage) {
  SmtpSink sink;
  HttpClient client;
  const HttpRequest request = mail_to("127.0.0.1", sink.port(), {"ann@example.com", "<bob@example.com>"});
  const HttpResponse response = client.perform(request, quick_policy(2));

  EXPECT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 250);
  EXPECT_EQ(response.attempts, 1);
  const auto mails = sink.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "flows@example.com");
  EXPECT_EQ(mails[0].recipients, (std::vector<std::string>{"ann@example.com", "bob@example.com"}));
  EXPECT_EQ(mails[0].data, request.body);
}

TEST(Smtp, LocalhostNameCountsAsLoopback) {
  SmtpSink sink;
  HttpClient client;
  const HttpResponse response = client.perform(mail_to("localhost", sink.port(), {"ann@example.com"}), quick_policy(0));
  // localhost may resolve to ::1 first; curl falls back to 127.0.0.1 where the sink listens.
  EXPECT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(sink.mails().size(), 1u);
}

TEST(Smtp, PermanentRejectionIsNotRetried) {
  SmtpSink sink("550 no such user");
  HttpClient client;
  const HttpResponse response =
      client.perform(mail_to("127.0.0.1", sink.port(), {"ghost@example.com"}), quick_policy(3));
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.status, 550);
  EXPECT_FALSE(response.error.empty());
  EXPECT_EQ(response.attempts, 1);
  EXPECT_EQ(sink.rcpt_commands(), 1);
  EXPECT_TRUE(sink.mails().empty());
}

TEST(Smtp, TransientRejectionIsRetried) {
  SmtpSink sink("451 mailbox busy, try later");
  HttpClient client;
  const HttpResponse response = client.perform(mail_to("127.0.0.1", sink.port(), {"ann@example.com"}), quick_policy(2));
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.status, 451);
  EXPECT_EQ(response.attempts, 3);
  EXPECT_EQ(sink.rcpt_commands(), 3);
}

TEST(Smtp, MissingEnvelopeIsAClearError) {
  HttpClient client;
  HttpRequest request = mail_to("127.0.0.1", 25, {});
  HttpResponse response = client.perform(request, quick_policy(0));
  EXPECT_EQ(response.error, "an email needs at least one recipient");
  EXPECT_EQ(response.attempts, 0);
  request.mail_rcpt = {"ann@example.com"};
  request.mail_from.clear();
  response = client.perform(request, quick_policy(0));
  EXPECT_EQ(response.error, "an email needs a sender address");
}

// An address of this machine that is not loopback, or "" when there is none.
std::string non_loopback_ipv4() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* entry = list; entry != nullptr && found.empty(); entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET) continue;
    const auto* address = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
    if ((ntohl(address->sin_addr.s_addr) >> 24) == 127) continue;
    char text[INET_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET, &address->sin_addr, text, sizeof(text)) != nullptr) found = text;
  }
  freeifaddrs(list);
  return found;
}

TEST(Smtp, RemoteServerWithoutStartTlsIsRefused) {
  const std::string address = non_loopback_ipv4();
  if (address.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
  SmtpSink sink("250 OK", /*all_interfaces=*/true);
  HttpClient client;
  const HttpResponse response = client.perform(mail_to(address, sink.port(), {"ann@example.com"}), quick_policy(3));
  EXPECT_FALSE(response.ok());
  EXPECT_FALSE(response.error.empty());
  EXPECT_EQ(response.attempts, 1);  // a missing STARTTLS will not appear on retry
  EXPECT_EQ(sink.rcpt_commands(), 0);
  EXPECT_TRUE(sink.mails().empty());
}

}  // namespace
}  // namespace flowc::runtime
