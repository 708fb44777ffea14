#include "runtime/connectors/exchange_util.hpp"

#include "runtime/connectors/error_text.hpp"
#include "runtime/connectors/json_util.hpp"

namespace flowc::runtime::connectors {

SendOutcome outcome_from_response(const HttpResponse& response) {
  SendOutcome outcome;
  outcome.status = response.status;
  outcome.success = response.ok();
  if (outcome.success) {
    outcome.response = response_fields(response);
  } else {
    outcome.errors = error_text(response);
  }
  return outcome;
}

OneShotExchange::OneShotExchange(ExchangeStep first, Judge judge)
    : first_(std::move(first)), judge_(std::move(judge)) {}

ExchangeStep OneShotExchange::start() {
  return std::move(first_);
}

ExchangeStep OneShotExchange::on_response(const HttpResponse& response) {
  return ExchangeStep::finish(judge_(response));
}

const std::shared_ptr<const Headers>& json_headers() {
  static const auto headers = std::make_shared<const Headers>(
      Headers{{"Accept", "application/json"}, {"Content-Type", "application/json"}});
  return headers;
}

std::unique_ptr<Exchange> failing_exchange(std::string errors) {
  return std::make_unique<OneShotExchange>(ExchangeStep::fail(std::move(errors)));
}

}  // namespace flowc::runtime::connectors
