#include "connectors/email/mail_message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <random>

#include "runtime/connector_kit/base64.hpp"
#include "base/text/ascii.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::size_t kMaxQpLine = 76;
constexpr std::size_t kEncodedWordBytes = 45;  // 60 base64 chars: a 72-char encoded-word

bool is_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

bool plausible_address(std::string_view address) {
  auto at = address.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
         address.find_first_of(" \t<>,;\"\r\n") == std::string_view::npos;
}

// How many bytes of `text` (at most `limit`) end on a UTF-8 character boundary.
std::size_t utf8_chunk(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end > 0 ? end : limit;
}

// The display name as a header phrase: encoded-words when non-ASCII, quoted when it has specials.
std::string header_phrase(std::string_view display) {
  if (!is_ascii(display)) return encode_header_text(display);
  if (display.find_first_of("()<>[]:;@\\,.\"") == std::string_view::npos) return std::string(display);
  std::string quoted = "\"";
  for (char c : display) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '"';
}

std::string header_address(std::string_view text) {
  auto parsed = parse_mail_address(text);
  if (!parsed || parsed->display.empty()) return parsed ? parsed->address : std::string(text);
  return fmt::format("{} <{}>", header_phrase(parsed->display), parsed->address);
}

std::string address_list(const std::vector<std::string>& addresses) {
  std::string joined;
  for (const auto& address : addresses) {
    if (!joined.empty()) joined += ", ";
    joined += header_address(address);
  }
  return joined;
}

std::string rfc5322_date(std::chrono::system_clock::time_point now) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::optional<std::string> header_problem(std::string_view name, std::string_view value) {
  if (has_line_break(value))
    return fmt::format("email {} contains a line break (CR or LF); header values must be one line", name);
  return std::nullopt;
}

std::optional<std::string> address_problem(std::string_view name, std::string_view value) {
  if (auto problem = header_problem(name, value)) return problem;
  if (!parse_mail_address(value)) return fmt::format("email {} \"{}\" is not an email address", name, value);
  return std::nullopt;
}

}  // namespace

std::optional<MailAddress> parse_mail_address(std::string_view text) {
  text = ascii::trim(text);
  MailAddress parsed;
  auto open = text.rfind('<');
  if (open != std::string_view::npos && text.ends_with('>')) {
    std::string_view display = ascii::trim(text.substr(0, open));
    if (display.size() >= 2 && display.front() == '"' && display.back() == '"')
      display = display.substr(1, display.size() - 2);
    parsed.display = std::string(display);
    parsed.address = std::string(ascii::trim(text.substr(open + 1, text.size() - open - 2)));
  } else {
    parsed.address = std::string(text);
  }
  if (!plausible_address(parsed.address)) return std::nullopt;
  return parsed;
}

std::optional<std::string> mail_problem(const MailMessage& message) {
  if (message.from.empty()) return std::string("email needs a `from` (in the send or the account)");
  if (auto problem = address_problem("from", message.from)) return problem;
  if (message.to.empty()) return std::string("email needs at least one `to` address");
  for (const auto& to : message.to)
    if (auto problem = address_problem("to", to)) return problem;
  for (const auto& cc : message.cc)
    if (auto problem = address_problem("cc", cc)) return problem;
  return header_problem("subject", message.subject);
}

std::string render_mail(const MailMessage& message, std::chrono::system_clock::time_point now,
                        std::string_view message_id) {
  std::string text;
  auto header = [&text](std::string_view name, std::string_view value) {
    text += fmt::format("{}: {}\r\n", name, value);
  };
  header("Date", rfc5322_date(now));
  header("From", header_address(message.from));
  header("To", address_list(message.to));
  if (!message.cc.empty()) header("Cc", address_list(message.cc));
  header("Subject", encode_header_text(message.subject));
  header("Message-ID", message_id);
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=UTF-8");
  header("Content-Transfer-Encoding", "quoted-printable");
  text += "\r\n";
  text += quoted_printable(message.body);
  return text;
}

std::string new_message_id(std::string_view from_address) {
  std::random_device random;
  std::string domain = "flowc.localhost";
  if (auto at = from_address.rfind('@'); at != std::string_view::npos) domain = from_address.substr(at + 1);
  return fmt::format("<{:08x}{:08x}.{}@{}>", random(), random(),
                     std::chrono::system_clock::now().time_since_epoch().count(), domain);
}

std::string encode_header_text(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  std::string encoded;
  while (!text.empty()) {
    std::size_t take = utf8_chunk(text, kEncodedWordBytes);
    if (!encoded.empty()) encoded += "\r\n ";  // folding whitespace between encoded-words
    encoded += "=?UTF-8?B?" + base64_encode(text.substr(0, take)) + "?=";
    text.remove_prefix(take);
  }
  return encoded;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line_length = 0;
  auto emit = [&](std::string_view token) {
    if (line_length + token.size() > kMaxQpLine - 1) {  // leave room for the soft break's '='
      out += "=\r\n";
      line_length = 0;
    }
    out += token;
    line_length += token.size();
  };
  for (std::size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n') continue;  // CRLF handled at the LF
    if (c == '\n' || c == '\r') {
      out += "\r\n";
      line_length = 0;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    bool at_line_end = at + 1 == text.size() || text[at + 1] == '\n' || text[at + 1] == '\r';
    bool literal = (byte >= 33 && byte <= 126 && c != '=' && !(c == '.' && line_length == 0)) ||
                   ((c == ' ' || c == '\t') && !at_line_end);
    if (literal) {
      emit(std::string_view(&text[at], 1));
    } else {
      const char token[3] = {'=', kHex[byte >> 4], kHex[byte & 0x0F]};
      emit(std::string_view(token, 3));
    }
  }
  return out;
}

}  // namespace flowc::runtime::connectors
