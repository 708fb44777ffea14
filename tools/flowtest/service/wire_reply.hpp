// Turns a declared outcome into the answer a service gives, in that connector's own wire shape
// (its test reply in connectors/list.cpp), so the real connector code reads it exactly as it would
// read the service.
#pragma once

#include <string>

#include "connectors/test_reply.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

using runtime::connectors::WireReply;

// `connector` is the catalog name (keepincrm, telegram, http, ...); `method` the request's, since a
// KeepinCRM search (GET) is answered with a list. `sequence` numbers the replies of a run (message ids).
WireReply wire_reply(const std::string& connector, const std::string& method, const Outcome& outcome, int sequence);

}  // namespace flowc::flowtest
