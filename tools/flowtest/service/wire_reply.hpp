// Turns a declared outcome into the answer a service gives, in the shape its connector manifest
// reads, so the engine reads it exactly as it would read the service:
// - a success is the action's first success example (its status unless the test gives one) with
//   the declared fields set where the manifest's response reads them (`message_id` at
//   `result.message_id` for Telegram, at the top for most APIs);
// - a failure is the action's first failure example with the declared message where the
//   engine's error rule finds it and the status at `status_from`, else `{"message": "..."}`;
// - a lookup's search (the GET before KeepinCRM's update) finds one record, the declared fields
//   with an id;
// - an outcome naming an example is that example as written.
#pragma once

#include <string>

#include "ir/ir.hpp"
#include "ir/manifest/connector_manifest.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

struct WireReply {
  int status = 200;
  std::string body;  // JSON
};

// `method` is the request's; `sequence` numbers the replies of a run (the id a search's match gets
// when the test gives none).
WireReply wire_reply(const ir::Send& send, const std::string& method, const Outcome& outcome, int sequence);

// The example `outcome` names for `send`'s action; throws SpecError (naming `where` and the
// examples there are) when it has none of that name. Null when the outcome names no example.
const manifest::Example* named_example(const ir::Send& send, const Outcome& outcome, const std::string& where);

}  // namespace flowc::flowtest
