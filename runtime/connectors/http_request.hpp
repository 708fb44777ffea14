// `http.request`: one request to any HTTP API, for services without a dedicated connector.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SendAction& http_request_action();

}  // namespace flowc::runtime::connectors
