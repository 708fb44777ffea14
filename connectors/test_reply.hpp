// What `flowc test` needs of a connector: the answer its service gives to a declared outcome, in
// the service's own wire shape, so that the real connector code reads it exactly as it would read
// the service. Each connector that sends HTTP requests may name one, in the list (connectors/list.cpp).
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace flowc::runtime::connectors {

// A send's outcome as a test declares it.
struct DeclaredOutcome {
  bool success = true;
  const rapidjson::Value* fields = nullptr;  // success: the response fields (an object), never null
  int status = 0;                            // 0: the connector's usual success status; failure: the HTTP status
  std::string_view error;                    // failure: the service's message
};

struct WireReply {
  int status = 200;
  std::string body;  // JSON
};

// `method` is the request's (a KeepinCRM search, GET, is answered with a list); `sequence`
// numbers the replies of a run (message ids).
using TestReply = WireReply (*)(std::string_view method, const DeclaredOutcome& outcome, int sequence);

}  // namespace flowc::runtime::connectors
