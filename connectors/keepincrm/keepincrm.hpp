// KeepinCRM orders ("agreements" in its API): update an order found by id or another field, or
// create one. API: https://api.keepincrm.com/v1, header X-Auth-Token.
#pragma once

#include "runtime/connector.hpp"

namespace flowc::runtime::connectors {

const SendAction& keepincrm_update_order_action();
const SendAction& keepincrm_create_order_action();

// The connector `keepincrm` for connectors/list.cpp.
const Connector& keepincrm_connector();

}  // namespace flowc::runtime::connectors
