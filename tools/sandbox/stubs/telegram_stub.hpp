// A stand-in for the Telegram Bot API: sendMessage and getMe at /bot<token>/<method>, with
// Telegram's {"ok":false,"error_code":..,"description":..} errors. Sent messages are kept.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

struct TelegramMessage {
  long long message_id = 0;
  std::string chat_id;  // as sent: a number or @channelusername
  std::string text;
  std::string parse_mode;
  bool disable_web_page_preview = false;
};

class TelegramStub {
 public:
  static constexpr std::size_t kMaxTextLength = 4096;  // UTF-16 code units, as Telegram counts

  // `required_token` empty: any token of the form <digits>:<letters, digits, _ or -> is accepted.
  explicit TelegramStub(std::string required_token = {});

  // `method` comes from the path; `params` are the query and form parameters; a JSON body
  // (as connectors send) supplies the arguments instead when present.
  StubResponse handle(std::string_view token, std::string_view method, const QueryParams& params,
                      std::string_view content_type, std::string_view body);
  static StubResponse fault(const FaultDecision& decision);

  std::vector<TelegramMessage> messages() const;

 private:
  bool token_accepted(std::string_view token) const;

  std::string required_token_;
  mutable std::mutex mutex_;
  std::vector<TelegramMessage> messages_;
  long long next_message_id_ = 1;
};

// Length of UTF-8 `text` in UTF-16 code units (characters outside the BMP count twice).
std::size_t utf16_length(std::string_view text);

}  // namespace flowc::sandbox
