// `flowc sandbox`: local stand-ins for KeepinCRM, Telegram and Google Sheets on one loopback
// HTTP server, plus an SMTP sink, with fault injection. Used by the `flowc sandbox` command, by
// tests, and by `flowc run --sandbox`, which points every account's base_url at it.
//
//   Sandbox sandbox({.data_dir = "samples/data"});
//   sandbox.start();                       // returns once both servers listen
//   sandbox.base_url("keepincrm");         // http://127.0.0.1:<port>/keepincrm/v1
//   ... run the flow ...
//   std::cout << sandbox.received_summary();
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/request_log.hpp"
#include "tools/sandbox/mail/smtp_session.hpp"
#include "tools/sandbox/stubs/telegram_stub.hpp"

namespace flowc::sandbox {

struct SandboxOptions {
  int port = 0;       // HTTP port on 127.0.0.1; 0 picks a free one
  int smtp_port = 0;  // SMTP port on 127.0.0.1; 0 picks a free one
  // Seed data (empty: none). DIR/keepincrm_orders.json or .csv seeds orders;
  // DIR/<spreadsheetId>/<sheet>.csv and DIR/<sheet>.csv are sheets (see sheet_store.hpp).
  std::filesystem::path data_dir;
  Faults faults;
  // Credentials the stand-ins insist on; empty accepts any well-formed value.
  std::string keepincrm_token;
  std::string telegram_token;
  std::string sheets_api_key;
  // Called for every logged request as it completes (from server threads, one at a time).
  std::function<void(const LoggedRequest&)> on_request;
};

class Sandbox {
 public:
  // Throws std::invalid_argument for bad fault settings (including a reject regex that does not compile).
  explicit Sandbox(SandboxOptions options);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Seeds the data, binds both servers and starts serving in background threads; returns when
  // they accept connections. Throws std::runtime_error (bad seed data, port taken).
  void start();
  // Stops both servers; idempotent, also done by the destructor.
  void stop();

  int port() const;
  int smtp_port() const;
  // "keepincrm" -> http://127.0.0.1:P/keepincrm/v1, "telegram" -> .../telegram,
  // "sheets" or "google_sheets" -> .../sheets (token endpoint: <that>/token),
  // "smtp" or "email" -> smtp://127.0.0.1:S. Throws std::invalid_argument for other names.
  std::string base_url(std::string_view service) const;
  std::string smtp_url() const;

  // Thread-safe snapshots.
  std::vector<LoggedRequest> requests() const;
  std::vector<TelegramMessage> telegram_messages() const;
  std::vector<ReceivedMail> mails() const;
  std::string orders_json() const;                            // JSON array of every order
  std::optional<std::string> order_json(long long id) const;  // one order, or nullopt

  // Puts a sheet in memory (over any CSV file); `spreadsheet` empty: in every spreadsheet.
  void set_sheet(const std::string& spreadsheet, const std::string& sheet, std::vector<std::vector<std::string>> rows);

  std::string requests_json() const;  // what GET /_sandbox/requests answers
  std::string state_json() const;     // what GET /_sandbox/state answers
  // What each service received, for a person: per service a count and one line per request.
  std::string received_summary() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace flowc::sandbox
