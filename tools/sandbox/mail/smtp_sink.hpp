// A small plain-TCP SMTP server on loopback that accepts every message and keeps it, so email
// sends can be run and inspected without a mail provider. One thread per connection.
#pragma once

#include <atomic>
#include <functional>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tools/sandbox/mail/smtp_session.hpp"

namespace flowc::sandbox {

class SmtpSink {
 public:
  using OnMail = std::function<void(const ReceivedMail&)>;

  explicit SmtpSink(OnMail on_mail = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Listens on 127.0.0.1:`port` (0 picks a free port). Throws std::runtime_error when it cannot.
  void start(int port);
  // Closes the listener and every open connection, and waits for their threads.
  void stop();
  int port() const { return port_; }
  std::vector<ReceivedMail> mails() const;

 private:
  void accept_loop();
  void serve(int connection);
  void store(ReceivedMail mail);

  OnMail on_mail_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::list<std::thread> connection_threads_;
  std::set<int> open_connections_;
  std::vector<ReceivedMail> mails_;
};

}  // namespace flowc::sandbox
