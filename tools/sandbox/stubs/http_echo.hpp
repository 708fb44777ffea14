// The stand-in for any HTTP API a flow's `http` accounts call (webhooks, a company's own API):
// it accepts every request, so a sandbox run never reaches the real service, and answers the way
// most JSON APIs answer a create: 200 with a new id.
#pragma once

#include <atomic>
#include <string_view>

#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

class HttpEcho {
 public:
  // {"id": "sandbox-N", "ok": true}, N counting the requests it accepted from 1.
  StubResponse accept();
  // An injected fault in a generic JSON API's shape ({"error": ...}, Retry-After when throttled).
  static StubResponse fault(const FaultDecision& decision);

 private:
  std::atomic<long> accepted_{0};
};

}  // namespace flowc::sandbox
