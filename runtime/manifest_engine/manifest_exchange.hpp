// One row's send through a manifest action: the lookup's search (when the action has one), then
// the request, or one request per part of a split text.
#pragma once

#include <memory>

#include "runtime/connector.hpp"

namespace flowc::runtime::manifest_engine {

class ManifestSendAction;

// The exchange of `send` for `fields` (checked already), whose values it takes while they last.
std::unique_ptr<Exchange> begin_exchange(const ManifestSendAction& send, const rapidjson::Value& fields,
                                         const AccountConfig& account);

}  // namespace flowc::runtime::manifest_engine
