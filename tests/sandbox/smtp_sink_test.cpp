// The SMTP sink: the conversation rules, a raw socket client, and libcurl (as the email
// connector sends) delivering a message with authentication and dot-stuffing.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "tools/sandbox/mail/smtp_session.hpp"
#include "tests/sandbox/sandbox_test_support.hpp"

namespace flowc::sandbox::testing {
namespace {

TEST(SmtpSession, EnforcesCommandOrder) {
  std::vector<ReceivedMail> mails;
  SmtpSession session([&](ReceivedMail m) { mails.push_back(std::move(m)); });
  EXPECT_TRUE(session.greeting().starts_with("220 "));
  EXPECT_TRUE(session.on_line("RCPT TO:<a@b>").starts_with("503"));
  EXPECT_TRUE(session.on_line("DATA").starts_with("503"));
  EXPECT_TRUE(session.on_line("MAIL <a@b>").starts_with("501"));
  EXPECT_TRUE(session.on_line("FROB").starts_with("502"));
  EXPECT_TRUE(session.on_line("helo client").starts_with("250 "));
  EXPECT_TRUE(session.on_line("MAIL FROM:<x@y> SIZE=100").starts_with("250"));
  EXPECT_TRUE(session.on_line("RSET").starts_with("250"));
  EXPECT_TRUE(session.on_line("DATA").starts_with("503"));  // RSET dropped the sender
  EXPECT_TRUE(session.on_line("NOOP").starts_with("250"));
  EXPECT_TRUE(mails.empty());
  EXPECT_TRUE(session.on_line("QUIT").starts_with("221"));
  EXPECT_TRUE(session.closed());
}

TEST(SmtpSession, AuthLoginAndPlainAcceptAnything) {
  SmtpSession session([](ReceivedMail) {});
  auto ehlo = session.on_line("EHLO me");
  EXPECT_NE(ehlo.find("250-AUTH PLAIN LOGIN\r\n"), std::string::npos);
  EXPECT_TRUE(ehlo.find("\r\n250 ") != std::string::npos);  // the last line has a space
  EXPECT_EQ(session.on_line("AUTH LOGIN"), "334 VXNlcm5hbWU6\r\n");
  EXPECT_EQ(session.on_line("dXNlcg=="), "334 UGFzc3dvcmQ6\r\n");
  EXPECT_TRUE(session.on_line("cGFzcw==").starts_with("235"));
  EXPECT_TRUE(session.on_line("AUTH PLAIN AHVzZXIAcGFzcw==").starts_with("235"));
  EXPECT_TRUE(session.on_line("AUTH CRAM-MD5").starts_with("504"));
}

// Minimal blocking SMTP client over a socket: one command, one reply.
class RawSmtpClient {
 public:
  explicit RawSmtpClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    EXPECT_EQ(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  }
  ~RawSmtpClient() { ::close(fd_); }

  std::string read_reply() {
    std::string reply;
    char chunk[512];
    // A reply is complete when its last line has a space after the code ("250 ok\r\n").
    while (true) {
      auto last_start = reply.rfind('\n', reply.size() >= 2 ? reply.size() - 2 : 0);
      last_start = last_start == std::string::npos ? 0 : last_start + 1;
      if (reply.ends_with("\r\n") && reply.size() - last_start > 3 && reply[last_start + 3] == ' ') return reply;
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return reply;
      reply.append(chunk, static_cast<std::size_t>(n));
    }
  }
  std::string command(const std::string& line) {
    ::send(fd_, line.data(), line.size(), MSG_NOSIGNAL);
    return read_reply();
  }

 private:
  int fd_ = -1;
};

class SmtpSinkTest : public SandboxTest {
 protected:
  void SetUp() override { start(); }
};

TEST_F(SmtpSinkTest, RawConversationStoresAndLogsTheMessage) {
  RawSmtpClient smtp(sandbox_->smtp_port());
  EXPECT_TRUE(smtp.read_reply().starts_with("220"));
  EXPECT_TRUE(smtp.command("EHLO test\r\n").starts_with("250-"));
  EXPECT_TRUE(smtp.command("MAIL FROM:<flow@example.com>\r\n").starts_with("250"));
  EXPECT_TRUE(smtp.command("RCPT TO:<ops@example.com>\r\n").starts_with("250"));
  EXPECT_TRUE(smtp.command("RCPT TO:<boss@example.com>\r\n").starts_with("250"));
  EXPECT_TRUE(smtp.command("DATA\r\n").starts_with("354"));
  EXPECT_TRUE(smtp.command("Subject: Order failed\r\n\r\nLine one\r\n..leading dot\r\n.\r\n").starts_with("250"));
  EXPECT_TRUE(smtp.command("QUIT\r\n").starts_with("221"));

  auto mails = sandbox_->mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].mail_from, "flow@example.com");
  EXPECT_EQ(mails[0].rcpt_to, (std::vector<std::string>{"ops@example.com", "boss@example.com"}));
  EXPECT_EQ(mails[0].data, "Subject: Order failed\r\n\r\nLine one\r\n.leading dot\r\n");

  auto requests = sandbox_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].service, "smtp");
  EXPECT_EQ(requests[0].path, "from <flow@example.com> to <ops@example.com>, <boss@example.com>");
  EXPECT_EQ(requests[0].status, 250);
}

struct Upload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

TEST_F(SmtpSinkTest, LibcurlDeliversWithAuthentication) {
  Upload upload{"From: flow@example.com\r\nTo: ops@example.com\r\nSubject: Hi\r\n\r\nBody\r\n.dot line\r\n"};
  CURL* curl = curl_easy_init();
  ASSERT_NE(curl, nullptr);
  curl_slist* recipients = curl_slist_append(nullptr, "<ops@example.com>");
  curl_easy_setopt(curl, CURLOPT_URL, sandbox_->smtp_url().c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, "user");
  curl_easy_setopt(curl, CURLOPT_PASSWORD, "secret");
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<flow@example.com>");
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  CURLcode result = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  ASSERT_EQ(result, CURLE_OK) << curl_easy_strerror(result);

  auto mails = sandbox_->mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].rcpt_to, (std::vector<std::string>{"ops@example.com"}));
  EXPECT_NE(mails[0].data.find("\r\n.dot line\r\n"), std::string::npos);  // stuffed by curl, unstuffed here
  EXPECT_EQ(sandbox_->requests_json().find("secret"), std::string::npos);
}

TEST_F(SmtpSinkTest, StopClosesOpenConnections) {
  RawSmtpClient idle(sandbox_->smtp_port());
  EXPECT_TRUE(idle.read_reply().starts_with("220"));
  sandbox_->stop();  // must not hang on the idle connection
  SUCCEED();
}

}  // namespace
}  // namespace flowc::sandbox::testing
