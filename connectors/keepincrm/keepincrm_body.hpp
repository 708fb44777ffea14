// How a flow's order fields become a KeepinCRM agreement body: the flow speaks of `client.person`,
// `jobs` and `custom_fields.NAME`; the API wants `client_attributes`, `jobs_attributes` and a list
// of {name, value}.
#pragma once

#include <rapidjson/document.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace flowc::runtime::connectors {

// The agreement body for `fields` as compact JSON text, leaving out the members named in `skip`
// (lookup controls). Written straight from the fields: no document is built in between.
std::string keepincrm_order_json(const rapidjson::Value& fields, std::initializer_list<std::string_view> skip);

}  // namespace flowc::runtime::connectors
