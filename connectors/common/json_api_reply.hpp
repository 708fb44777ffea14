// The `flowc test` answer of a plain JSON API: the declared fields as the body, and a failure as
// {"message": ...}, where most JSON APIs (KeepinCRM, the generic http connector) put the reason.
#pragma once

#include "connectors/test_reply.hpp"

namespace flowc::runtime::connectors {

WireReply json_api_reply(std::string_view method, const DeclaredOutcome& outcome, int sequence);
WireReply message_failure(const DeclaredOutcome& outcome);

}  // namespace flowc::runtime::connectors
