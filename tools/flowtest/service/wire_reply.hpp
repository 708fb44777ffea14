// Turns a declared outcome into the answer a service gives, in that connector's own wire shape
// (its test reply in connectors/list.cpp), so the real connector code reads it exactly as it would
// read the service.
#pragma once

#include <string>

#include "connectors/test_reply.hpp"
#include "ir/ir.hpp"
#include "ir/manifest/connector_manifest.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

using runtime::connectors::WireReply;

// `send` names the connector (keepincrm, telegram, http, ...) and the action; `method` is the
// request's, since a KeepinCRM search (GET) is answered with a list. `sequence` numbers the
// replies of a run (message ids). An outcome that names an example answers the action's own
// request with the example as the manifest writes it, and a lookup's search as a plain success.
WireReply wire_reply(const ir::Send& send, const std::string& method, const Outcome& outcome, int sequence);

// The example `outcome` names for `send`'s action; throws SpecError (naming `where` and the
// examples there are) when it has none of that name. Null when the outcome names no example.
const manifest::Example* named_example(const ir::Send& send, const Outcome& outcome, const std::string& where);

}  // namespace flowc::flowtest
