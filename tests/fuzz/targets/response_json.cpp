// What connectors do with a service's answer: the error text of a failed response (JSON message
// shapes of every service, a cut on a UTF-8 boundary) and the response fields later steps read.
// The first byte picks the status; the rest is the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/connector_kit/error_text.hpp"
#include "runtime/json_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr int kStatuses[] = {0, 200, 201, 204, 400, 401, 404, 422, 429, 500, 503};
  flowc::runtime::HttpResponse response;
  response.status = kStatuses[data[0] % std::size(kStatuses)];
  response.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (response.status == 0) response.error = "Connection refused";
  (void)flowc::runtime::connectors::error_text(response);
  (void)flowc::runtime::connectors::response_fields(response);
  if (auto parsed = flowc::runtime::connectors::parse_json(response.body)) {
    (void)flowc::runtime::connectors::json_error_message(*parsed);
    (void)flowc::to_json(*parsed);
  }
  return 0;
}
