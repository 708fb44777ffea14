// Telegram's answer in `flowc test`: every answer wrapped, {"ok": true, "result": {...}} or
// {"ok": false, "error_code": ..., "description": ...}.
#pragma once

#include "connectors/test_reply.hpp"

namespace flowc::runtime::connectors {

WireReply telegram_test_reply(std::string_view method, const DeclaredOutcome& outcome, int sequence);

}  // namespace flowc::runtime::connectors
