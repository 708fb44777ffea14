// Building blocks for the common exchange shapes, so each connector only says what is special.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

// The usual reading of an answer: success on 2xx with the body as response fields; otherwise a
// failure carrying the service's own message and the status. A text body is kept as the field
// `body`, and SendOutcome::not_json says what it was.
SendOutcome outcome_from_response(const HttpResponse& response);
// The same for the JSON APIs: a 2xx whose non-empty body is not JSON (a proxy's HTML page) is a
// failure that quotes the body's start.
SendOutcome outcome_from_json_response(const HttpResponse& response);

// An exchange of at most one request whose answer decides the outcome (or one that fails before
// sending anything, when the fields are unusable).
class OneShotExchange : public Exchange {
 public:
  using Judge = std::function<SendOutcome(const HttpResponse&)>;

  explicit OneShotExchange(ExchangeStep first, Judge judge = outcome_from_response);
  ExchangeStep start() override;
  ExchangeStep on_response(const HttpResponse& response) override;

 private:
  ExchangeStep first_;
  Judge judge_;
};

// An exchange that fails at once with `errors` (bad fields, missing account setting).
std::unique_ptr<Exchange> failing_exchange(std::string errors);

// `Accept: application/json` and `Content-Type: application/json`, one list for every request of
// the JSON APIs (HttpRequest::common_headers).
const std::shared_ptr<const Headers>& json_headers();

}  // namespace flowc::runtime::connectors
