#include "tools/sandbox/mail/smtp_sink.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace flowc::sandbox {

namespace {

constexpr int kIdleTimeoutSeconds = 120;
constexpr std::size_t kMaxLineBytes = 1024 * 1024;

bool send_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t sent = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    if (sent <= 0) {
      if (sent < 0 && errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

int open_listener(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(fmt::format("smtp sink: socket: {}", std::strerror(errno)));
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    int error = errno;
    ::close(fd);
    throw std::runtime_error(fmt::format("smtp sink: cannot listen on 127.0.0.1:{}: {}", port, std::strerror(error)));
  }
  return fd;
}

int bound_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

}  // namespace

SmtpSink::SmtpSink(OnMail on_mail) : on_mail_(std::move(on_mail)) {}

SmtpSink::~SmtpSink() {
  stop();
}

void SmtpSink::start(int port) {
  if (listener_ >= 0) throw std::runtime_error("smtp sink: already started");
  listener_ = open_listener(port);
  port_ = bound_port(listener_);
  stopping_ = false;
  acceptor_ = std::thread([this] { accept_loop(); });
}

void SmtpSink::stop() {
  if (listener_ < 0) return;
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);  // wakes accept()
  if (acceptor_.joinable()) acceptor_.join();
  ::close(listener_);
  listener_ = -1;
  std::list<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    for (int connection : open_connections_) ::shutdown(connection, SHUT_RDWR);  // wakes recv()
    threads.swap(connection_threads_);
  }
  for (auto& thread : threads) thread.join();
}

std::vector<ReceivedMail> SmtpSink::mails() const {
  std::lock_guard lock(mutex_);
  return mails_;
}

void SmtpSink::accept_loop() {
  while (!stopping_) {
    int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (connection < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // the listener was shut down
    }
    timeval timeout{kIdleTimeoutSeconds, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(connection);
      return;
    }
    open_connections_.insert(connection);
    connection_threads_.emplace_back([this, connection] { serve(connection); });
  }
}

void SmtpSink::serve(int connection) {
  SmtpSession session([this](ReceivedMail mail) { store(std::move(mail)); });
  bool alive = send_all(connection, session.greeting());
  std::string buffer;
  char chunk[4096];
  while (alive && !session.closed()) {
    ssize_t received = ::recv(connection, chunk, sizeof chunk, 0);
    if (received < 0 && errno == EINTR) continue;
    if (received <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(received));
    std::size_t newline;
    while (alive && !session.closed() && (newline = buffer.find('\n')) != std::string::npos) {
      std::string_view line(buffer.data(), newline);
      if (line.ends_with('\r')) line.remove_suffix(1);
      std::string reply = session.on_line(line);
      buffer.erase(0, newline + 1);
      if (!reply.empty()) alive = send_all(connection, reply);
    }
    if (buffer.size() > kMaxLineBytes) {
      send_all(connection, "500 5.5.0 Line too long\r\n");
      break;
    }
  }
  std::lock_guard lock(mutex_);
  open_connections_.erase(connection);
  ::close(connection);
}

void SmtpSink::store(ReceivedMail mail) {
  {
    std::lock_guard lock(mutex_);
    mails_.push_back(mail);
  }
  if (on_mail_) on_mail_(mail);
}

}  // namespace flowc::sandbox
