#include "tools/sandbox/stubs/stub_response.hpp"

#include "tools/sandbox/json_text.hpp"

namespace flowc::sandbox {

std::string first_param(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

StubResponse json_api_fault(const FaultDecision& decision, std::string_view message_key) {
  StubResponse response;
  response.status = decision.status;
  switch (decision.kind) {
    case FaultKind::kThrottle:
      response.body = json_object_with_string(message_key, "Too many requests. Retry later.");
      response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after_seconds));
      break;
    case FaultKind::kBurst: response.body = json_object_with_string(message_key, "Service Unavailable"); break;
    default: response.body = json_object_with_string(message_key, "Internal Server Error"); break;
  }
  return response;
}

}  // namespace flowc::sandbox
