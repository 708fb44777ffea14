// KeepinCRM's answer in `flowc test`: an order as the order object; a search (GET) as
// {"items": [...], "pagination": {...}}; a failure as {"message": ...}.
#pragma once

#include "connectors/test_reply.hpp"

namespace flowc::runtime::connectors {

WireReply keepincrm_test_reply(std::string_view method, const DeclaredOutcome& outcome, int sequence);

}  // namespace flowc::runtime::connectors
