// The record of every request the sandbox's services received, with secrets redacted, so a
// person (or `flowc run --sandbox`) can see exactly what was sent.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::sandbox {

struct LoggedRequest {
  std::string service;  // keepincrm | telegram | sheets | smtp | unknown
  std::string method;   // HTTP method; "DATA" for a mail the SMTP sink accepted
  std::string path;     // Telegram bot token redacted; for SMTP "from <a> to <b>, <c>"
  std::string query;    // raw query string, key=/access_token= values redacted
  std::string body;     // request body (the raw message for SMTP), credentials redacted
  int status = 0;       // HTTP status, or the SMTP reply code
};

// The service a sandbox path belongs to, by its first segment; "" for the sandbox's own
// /_sandbox endpoints, "unknown" for anything else.
std::string service_of_path(std::string_view path);

// `/telegram/bot123:ABC/sendMessage` -> `/telegram/bot<redacted>/sendMessage`.
std::string redact_path(std::string_view path);

// Redacts the values of credential parameters (key, access_token, assertion, client_secret,
// refresh_token) in a query string or form body; other text is kept as it is.
std::string redact_query(std::string_view query);

// One line for a terminal: `telegram POST /telegram/bot<redacted>/sendMessage -> 200 {"chat_id":...}`.
std::string format_log_line(const LoggedRequest& request);

// Thread-safe append-only log with an optional live listener (called in order, one at a time).
class RequestLog {
 public:
  using Listener = std::function<void(const LoggedRequest&)>;

  explicit RequestLog(Listener listener = {});
  void add(LoggedRequest request);
  std::vector<LoggedRequest> snapshot() const;
  std::string to_json() const;

 private:
  Listener listener_;
  mutable std::mutex mutex_;
  std::vector<LoggedRequest> requests_;
};

}  // namespace flowc::sandbox
