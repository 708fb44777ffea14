#include "runtime/connector.hpp"

#include <array>

#include "runtime/connectors/csv_file.hpp"
#include "runtime/connectors/email.hpp"
#include "runtime/connectors/google_sheets.hpp"
#include "runtime/connectors/http_request.hpp"
#include "runtime/connectors/json_util.hpp"
#include "runtime/connectors/keepincrm.hpp"
#include "runtime/connectors/telegram.hpp"

namespace flowc::runtime {

std::string AccountConfig::get(std::string_view key, std::string_view fallback) const {
  if (settings == nullptr) return std::string(fallback);
  auto text = connectors::scalar_text(connectors::member(*settings, key));
  return text && !text->empty() ? std::move(*text) : std::string(fallback);
}

std::string_view AccountConfig::text(std::string_view key, std::string_view fallback) const {
  const rapidjson::Value* value = settings == nullptr ? nullptr : connectors::member(*settings, key);
  if (value == nullptr || !value->IsString() || value->GetStringLength() == 0) return fallback;
  return {value->GetString(), value->GetStringLength()};
}

ExchangeStep ExchangeStep::send(HttpRequest request, RetryAdvice advice, std::string note) {
  ExchangeStep step;
  step.request = std::move(request);
  step.advice = std::move(advice);
  step.note = std::move(note);
  return step;
}

ExchangeStep ExchangeStep::finish(SendOutcome outcome) {
  ExchangeStep step;
  step.outcome = std::move(outcome);
  return step;
}

ExchangeStep ExchangeStep::fail(std::string errors, int status) {
  SendOutcome outcome;
  outcome.errors = std::move(errors);
  outcome.status = status;
  return finish(std::move(outcome));
}

namespace {

template <typename Action>
struct Entry {
  std::string_view connector;
  std::string_view action;
  const Action& (*get)();
};

template <typename Action, std::size_t N>
const Action* find_in(const std::array<Entry<Action>, N>& table, std::string_view connector, std::string_view action) {
  for (const auto& entry : table)
    if (entry.connector == connector && entry.action == action) return &entry.get();
  return nullptr;
}

}  // namespace

const SendAction* find_send_action(std::string_view connector, std::string_view action) {
  static const std::array<Entry<SendAction>, 6> kSendActions{{
      {"csv", "append_row", &connectors::csv_append_row_action},
      {"http", "request", &connectors::http_request_action},
      {"keepincrm", "update_order", &connectors::keepincrm_update_order_action},
      {"keepincrm", "create_order", &connectors::keepincrm_create_order_action},
      {"telegram", "send_message", &connectors::telegram_send_message_action},
      {"email", "send", &connectors::email_send_action},
  }};
  return find_in(kSendActions, connector, action);
}

const SourceAction* find_source_action(std::string_view connector, std::string_view action) {
  static const std::array<Entry<SourceAction>, 2> kSourceActions{{
      {"csv", "new_rows", &connectors::csv_new_rows_action},
      {"google_sheets", "new_rows", &connectors::google_sheets_new_rows_action},
  }};
  return find_in(kSourceActions, connector, action);
}

}  // namespace flowc::runtime
