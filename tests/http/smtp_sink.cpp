#include "smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace flowc::test {

namespace {

// Line reader over a socket; a receive timeout keeps a silent client from hanging the test.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  bool next(std::string& line) {
    while (true) {
      if (const auto end = buffer_.find("\r\n"); end != std::string::npos) {
        line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        return true;
      }
      char chunk[4096];
      const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (got <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

void reply(int fd, const std::string& text) {
  const std::string line = text + "\r\n";
  (void)::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
}

bool command_is(const std::string& line, const char* verb) {
  const std::string prefix(verb);
  if (line.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(line[i])) != prefix[i]) return false;
  }
  return true;
}

// "MAIL FROM:<a@b> SIZE=12" -> "a@b"
std::string address_of(const std::string& line) {
  const auto open = line.find('<');
  const auto close = line.find('>', open);
  if (open == std::string::npos || close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

}  // namespace

SmtpSink::SmtpSink(std::string rcpt_reply, bool all_interfaces) : rcpt_reply_(std::move(rcpt_reply)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(all_interfaces ? INADDR_ANY : INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listen_fd_, 8) != 0 || ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("the SMTP sink cannot listen");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
  stopping_ = true;
  if (const int fd = session_fd_.load(); fd >= 0) ::shutdown(fd, SHUT_RDWR);
  thread_.join();
  ::close(listen_fd_);
}

std::vector<ReceivedMail> SmtpSink::mails() const {
  std::lock_guard lock(mutex_);
  return mails_;
}

void SmtpSink::serve() {
  while (!stopping_) {
    pollfd waiting{listen_fd_, POLLIN, 0};
    if (::poll(&waiting, 1, 20) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    const int no_delay = 1;  // multi-line replies go out at once instead of waiting on Nagle
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &no_delay, sizeof(no_delay));
    session_fd_ = fd;
    if (!stopping_) session(fd);
    session_fd_ = -1;
    ::close(fd);
  }
}

void SmtpSink::session(int fd) {
  LineReader reader(fd);
  ReceivedMail mail;
  std::string line;
  reply(fd, "220 sink ESMTP");
  while (reader.next(line)) {
    if (command_is(line, "EHLO") || command_is(line, "HELO")) {
      reply(fd, "250-sink greets you");
      reply(fd, "250 8BITMIME");
    } else if (command_is(line, "MAIL FROM:")) {
      mail = ReceivedMail{};
      mail.from = address_of(line);
      reply(fd, "250 OK");
    } else if (command_is(line, "RCPT TO:")) {
      ++rcpt_commands_;
      if (rcpt_reply_.front() == '2') mail.recipients.push_back(address_of(line));
      reply(fd, rcpt_reply_);
    } else if (command_is(line, "DATA")) {
      reply(fd, "354 end with <CRLF>.<CRLF>");
      while (reader.next(line) && line != ".") {
        mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      }
      {
        std::lock_guard lock(mutex_);
        mails_.push_back(mail);
      }
      reply(fd, "250 queued");
    } else if (command_is(line, "RSET") || command_is(line, "NOOP")) {
      mail = ReceivedMail{};
      reply(fd, "250 OK");
    } else if (command_is(line, "QUIT")) {
      reply(fd, "221 bye");
      return;
    } else {
      reply(fd, "502 command not implemented");
    }
  }
}

}  // namespace flowc::test
