// Shapes request bodies give a field's value: a one-item list for a single value, and
// [{"name": NAME, "value": VALUE}] for an object (KeepinCRM's custom fields).
#pragma once

#include <rapidjson/document.h>

#include "base/json/json_writer.hpp"

namespace flowc::runtime::connectors {

// An array as it is; any other value as a one-item list (null as an empty one).
void write_as_list(JsonWriter& out, const rapidjson::Value& value);

// {"Color": "red"} as [{"name": "Color", "value": "red"}]; a value that is not an object as a list.
void write_name_value(JsonWriter& out, const rapidjson::Value& members);

}  // namespace flowc::runtime::connectors
