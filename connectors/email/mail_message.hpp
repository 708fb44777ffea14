// Plain-text email as RFC 5322 text: CRLF line ends, UTF-8 body in quoted-printable, non-ASCII
// header words as RFC 2047 encoded-words. Header values with CR or LF are refused, so row data can
// never add a header of its own.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::runtime::connectors {

struct MailAddress {
  std::string display;  // "Ivan Petrenko", may be empty
  std::string address;  // "ivan@example.com"
};

// `ivan@example.com` or `Ivan Petrenko <ivan@example.com>` (display name optionally quoted).
// nullopt when there is no plausible address.
std::optional<MailAddress> parse_mail_address(std::string_view text);

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::vector<std::string> cc;
  std::string subject;
  std::string body;
};

// What is wrong with `message` (a line break in a header, a bad address, no recipient), or nullopt.
std::optional<std::string> mail_problem(const MailMessage& message);

// The message text (call only when mail_problem() found nothing).
std::string render_mail(const MailMessage& message, std::chrono::system_clock::time_point now,
                        std::string_view message_id);

// `<random@domain of the sender>`.
std::string new_message_id(std::string_view from_address);

// RFC 2047 `=?UTF-8?B?...?=` words (folded) when `text` is not plain ASCII; else `text` itself.
std::string encode_header_text(std::string_view text);
// Quoted-printable (RFC 2045) with CRLF line ends and lines of at most 76 characters.
std::string quoted_printable(std::string_view text);

}  // namespace flowc::runtime::connectors
