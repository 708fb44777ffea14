// The SMTP conversation of one connection (RFC 5321 subset), kept apart from sockets: feed it
// lines, send back what it answers. Accepts any AUTH PLAIN/LOGIN credentials without keeping them.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::sandbox {

struct ReceivedMail {
  std::string mail_from;             // envelope sender, without the angle brackets
  std::vector<std::string> rcpt_to;  // envelope recipients
  std::string data;                  // the message as sent (dot-unstuffed, CRLF line ends)
};

class SmtpSession {
 public:
  static constexpr std::size_t kMaxMessageBytes = 10 * 1024 * 1024;
  using OnMail = std::function<void(ReceivedMail)>;

  explicit SmtpSession(OnMail on_mail);

  std::string greeting() const;
  // One received line without its line ending; returns the reply (CRLF-terminated lines), or ""
  // while a message body is being received.
  std::string on_line(std::string_view line);
  bool closed() const { return state_ == State::kClosed; }

 private:
  enum class State { kCommand, kData, kAuthPlain, kAuthLoginUser, kAuthLoginPassword, kClosed };

  std::string on_command(std::string_view line);
  std::string on_data_line(std::string_view line);
  std::string on_auth(std::string_view argument);
  std::string on_mail_from(std::string_view argument);
  std::string on_rcpt_to(std::string_view argument);
  void reset_envelope();

  OnMail on_mail_;
  State state_ = State::kCommand;
  bool has_sender_ = false;
  bool oversized_ = false;
  ReceivedMail mail_;
};

}  // namespace flowc::sandbox
