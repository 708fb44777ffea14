// What a stand-in service answers, independent of the HTTP server that carries it, so each
// service's logic can be read (and tested) without the transport.
#pragma once

#include <map>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "tools/sandbox/faults.hpp"

namespace flowc::sandbox {

// Decoded query (or form) parameters; a name may repeat.
using QueryParams = std::multimap<std::string, std::string>;

struct StubResponse {
  int status = 200;
  std::string body;  // always JSON for the HTTP services
  std::vector<std::pair<std::string, std::string>> headers;
};

// The first value of `name`, or "" when absent.
std::string first_param(const QueryParams& params, const std::string& name);

// An injected fault as a plain JSON API answers it: {"<message_key>": "..."} with the fault's
// status, and Retry-After when it throttles.
StubResponse json_api_fault(const FaultDecision& decision, std::string_view message_key);

}  // namespace flowc::sandbox
