// `http.request`: one request to any HTTP API, for services without a dedicated connector.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SendAction& http_request_action();

// The connector `http` for connectors/list.cpp.
const Connector& http_connector();

}  // namespace flowc::runtime::connectors
