#include "tools/sandbox/stubs/http_echo.hpp"

#include <fmt/format.h>

#include <string>

#include "tools/sandbox/json_text.hpp"

namespace flowc::sandbox {

StubResponse HttpEcho::accept() {
  return {200, fmt::format(R"({{"id":"sandbox-{}","ok":true}})", accepted_.fetch_add(1) + 1), {}};
}

StubResponse HttpEcho::fault(const FaultDecision& decision) {
  StubResponse response;
  response.status = decision.status;
  switch (decision.kind) {
    case FaultKind::kThrottle:
      response.body = json_object_with_string("error", "Too many requests. Retry later.");
      response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after_seconds));
      break;
    case FaultKind::kBurst: response.body = json_object_with_string("error", "Service Unavailable"); break;
    default: response.body = json_object_with_string("error", "Internal Server Error"); break;
  }
  return response;
}

}  // namespace flowc::sandbox
