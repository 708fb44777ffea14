#include "tools/sandbox/mail/smtp_session.hpp"
#include "base/text/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

namespace flowc::sandbox {

namespace {

constexpr std::string_view kHostName = "flowc-sandbox";
constexpr std::string_view kOk = "250 2.0.0 OK\r\n";
constexpr std::string_view kAuthSuccess = "235 2.7.0 Authentication successful\r\n";

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

// `FROM:<a@b> SIZE=12` after the keyword: the address inside the brackets (or the bare word).
std::optional<std::string> path_argument(std::string_view argument, std::string_view keyword) {
  argument = ascii::trim(argument);
  if (upper(argument.substr(0, keyword.size())) != keyword) return std::nullopt;
  argument = ascii::trim(argument.substr(keyword.size()));
  if (argument.starts_with('<')) {
    auto close = argument.find('>');
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(argument.substr(1, close - 1));
  }
  auto space = argument.find(' ');
  if (argument.empty()) return std::nullopt;
  return std::string(argument.substr(0, space));
}

}  // namespace

SmtpSession::SmtpSession(OnMail on_mail) : on_mail_(std::move(on_mail)) {}

std::string SmtpSession::greeting() const {
  return std::string("220 ") + std::string(kHostName) + " ESMTP flowc sandbox\r\n";
}

std::string SmtpSession::on_line(std::string_view line) {
  switch (state_) {
    case State::kData: return on_data_line(line);
    case State::kAuthPlain:
    case State::kAuthLoginPassword:
      state_ = State::kCommand;
      return line == "*" ? "501 5.7.0 Authentication cancelled\r\n" : std::string(kAuthSuccess);
    case State::kAuthLoginUser:
      if (line == "*") {
        state_ = State::kCommand;
        return "501 5.7.0 Authentication cancelled\r\n";
      }
      state_ = State::kAuthLoginPassword;
      return "334 UGFzc3dvcmQ6\r\n";  // "Password:"
    case State::kClosed: return "";
    case State::kCommand: break;
  }
  return on_command(line);
}

std::string SmtpSession::on_command(std::string_view line) {
  auto space = line.find(' ');
  std::string verb = upper(line.substr(0, space));
  std::string_view argument = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);

  if (verb == "EHLO") {
    return "250-" + std::string(kHostName) + " greets " + std::string(ascii::trim(argument)) +
           "\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE " + std::to_string(kMaxMessageBytes) + "\r\n";
  }
  if (verb == "HELO") return "250 " + std::string(kHostName) + "\r\n";
  if (verb == "MAIL") return on_mail_from(argument);
  if (verb == "RCPT") return on_rcpt_to(argument);
  if (verb == "DATA") {
    if (mail_.rcpt_to.empty()) return "503 5.5.1 Error: need RCPT command\r\n";
    state_ = State::kData;
    return "354 End data with <CR><LF>.<CR><LF>\r\n";
  }
  if (verb == "AUTH") return on_auth(argument);
  if (verb == "RSET") {
    reset_envelope();
    return std::string(kOk);
  }
  if (verb == "NOOP") return std::string(kOk);
  if (verb == "QUIT") {
    state_ = State::kClosed;
    return "221 2.0.0 Bye\r\n";
  }
  return "502 5.5.2 Error: command not recognized\r\n";
}

std::string SmtpSession::on_mail_from(std::string_view argument) {
  auto sender = path_argument(argument, "FROM:");
  if (!sender) return "501 5.5.4 Syntax: MAIL FROM:<address>\r\n";
  reset_envelope();
  mail_.mail_from = *sender;
  has_sender_ = true;
  return "250 2.1.0 OK\r\n";
}

std::string SmtpSession::on_rcpt_to(std::string_view argument) {
  if (!has_sender_) return "503 5.5.1 Error: need MAIL command\r\n";
  auto recipient = path_argument(argument, "TO:");
  if (!recipient || recipient->empty()) return "501 5.5.4 Syntax: RCPT TO:<address>\r\n";
  mail_.rcpt_to.push_back(*recipient);
  return "250 2.1.5 OK\r\n";
}

std::string SmtpSession::on_auth(std::string_view argument) {
  auto space = argument.find(' ');
  std::string mechanism = upper(ascii::trim(argument.substr(0, space)));
  bool has_initial_response = space != std::string_view::npos && !ascii::trim(argument.substr(space + 1)).empty();
  if (mechanism == "PLAIN") {
    if (has_initial_response) return std::string(kAuthSuccess);
    state_ = State::kAuthPlain;
    return "334 \r\n";
  }
  if (mechanism == "LOGIN") {
    if (has_initial_response) {
      state_ = State::kAuthLoginPassword;
      return "334 UGFzc3dvcmQ6\r\n";
    }
    state_ = State::kAuthLoginUser;
    return "334 VXNlcm5hbWU6\r\n";  // "Username:"
  }
  return "504 5.5.4 Unrecognized authentication type\r\n";
}

std::string SmtpSession::on_data_line(std::string_view line) {
  if (line == ".") {
    state_ = State::kCommand;
    if (oversized_) {
      reset_envelope();
      return "552 5.3.4 Message size exceeds fixed limit\r\n";
    }
    on_mail_(std::move(mail_));
    reset_envelope();
    return "250 2.0.0 OK: queued\r\n";
  }
  if (line.starts_with('.')) line.remove_prefix(1);  // dot-unstuffing (RFC 5321 4.5.2)
  if (mail_.data.size() + line.size() + 2 > kMaxMessageBytes) {
    oversized_ = true;
    return "";
  }
  mail_.data.append(line);
  mail_.data.append("\r\n");
  return "";
}

void SmtpSession::reset_envelope() {
  mail_ = ReceivedMail{};
  has_sender_ = false;
  oversized_ = false;
}

}  // namespace flowc::sandbox
