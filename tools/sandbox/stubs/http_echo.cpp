#include "tools/sandbox/stubs/http_echo.hpp"

#include <fmt/format.h>

namespace flowc::sandbox {

StubResponse HttpEcho::accept() {
  return {200, fmt::format(R"({{"id":"sandbox-{}","ok":true}})", accepted_.fetch_add(1) + 1), {}};
}

StubResponse HttpEcho::fault(const FaultDecision& decision) { return json_api_fault(decision, "error"); }

}  // namespace flowc::sandbox
