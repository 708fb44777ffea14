// A tiny SMTP server for tests: speaks just enough of RFC 5321 (no STARTTLS, no AUTH) to accept
// mail on one thread and record each envelope and message.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace flowc::test {

struct ReceivedMail {
  std::string from;
  std::vector<std::string> recipients;
  std::string data;  // the message as sent, dot-stuffing undone, each line ending in CRLF
};

class SmtpSink {
 public:
  // `rcpt_reply` answers every RCPT TO (e.g. "550 no such user"); `all_interfaces` listens on
  // 0.0.0.0 instead of 127.0.0.1.
  explicit SmtpSink(std::string rcpt_reply = "250 OK", bool all_interfaces = false);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::vector<ReceivedMail> mails() const;
  int rcpt_commands() const { return rcpt_commands_; }

 private:
  void serve();
  void session(int fd);

  std::string rcpt_reply_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_ = false;
  std::atomic<int> session_fd_ = -1;
  std::atomic<int> rcpt_commands_ = 0;
  mutable std::mutex mutex_;
  std::vector<ReceivedMail> mails_;
  std::thread thread_;
};

}  // namespace flowc::test
