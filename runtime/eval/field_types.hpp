// The JSON type each field of a payload takes, from the connector catalog, so a sheet cell
// holding "12.5" goes out as the number 12.5 where the service expects a number.
#pragma once

#include <string_view>

#include "runtime/eval/payload.hpp"

namespace flowc::runtime {

FieldTypeFn send_field_types(std::string_view connector, std::string_view action);
FieldTypeFn account_field_types(std::string_view connector);

}  // namespace flowc::runtime
