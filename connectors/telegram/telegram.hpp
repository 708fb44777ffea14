// Telegram Bot API `sendMessage`. The bot token is part of the URL, so nothing this connector
// reports ever contains a URL.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SendAction& telegram_send_message_action();

// Telegram's own rule for a 429 (`parameters.retry_after` seconds), else the client's default.
std::optional<std::chrono::milliseconds> telegram_retry_advice(const HttpResponse& response);

// The connector `telegram` for connectors/list.cpp.
const Connector& telegram_connector();

}  // namespace flowc::runtime::connectors
