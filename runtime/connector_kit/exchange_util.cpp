#include "runtime/connector_kit/exchange_util.hpp"

#include "runtime/connector_kit/error_text.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

namespace {

enum class ExpectedBody { Any, Json };

SendOutcome outcome_for(const HttpResponse& response, ExpectedBody expected) {
  SendOutcome outcome;
  outcome.status = response.status;
  if (!response.ok()) {
    outcome.errors = error_text(response);
    return outcome;
  }
  std::optional<rapidjson::Document> parsed;
  if (!response.body.empty()) {
    parsed = parse_json(response.body);
    if (!parsed) {
      // A 200 from a proxy or a login page is no answer of the service: say what came instead.
      if (expected == ExpectedBody::Json) {
        outcome.errors = "the response is " + not_json_text(response);
        return outcome;
      }
      outcome.not_json = not_json_text(response);
    }
  }
  outcome.success = true;
  outcome.response = response_fields(response.body, std::move(parsed));
  return outcome;
}

}  // namespace

SendOutcome outcome_from_response(const HttpResponse& response) {
  return outcome_for(response, ExpectedBody::Any);
}

SendOutcome outcome_from_json_response(const HttpResponse& response) {
  return outcome_for(response, ExpectedBody::Json);
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
