// The built-in connectors, as one list: what a program that runs flows hands to each run
// (runtime::RunOptions::connectors), and what the tools that stand in for services read.
#pragma once

#include <string_view>

#include "connectors/test_reply.hpp"
#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const ConnectorSet& builtin_connectors();

// The answer the service of connector `name` gives in `flowc test`: its own wire shape where the
// list names one, else a plain JSON API's (common/json_api_reply.hpp).
TestReply test_reply_of(std::string_view name);

}  // namespace flowc::runtime::connectors
