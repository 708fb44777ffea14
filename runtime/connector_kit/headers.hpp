// Request headers as connectors build them: a later header of the same name replaces an earlier
// one, and a header that would split the request is refused.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "runtime/http/http.hpp"

namespace flowc::runtime::connectors {

// Adds `name: value`, first removing any header of that name (case-insensitively).
void put_header(Headers& headers, std::string name, std::string value);

// put_header for every scalar member of a `headers` object (http's `headers.*`); null is nothing.
void put_headers(Headers& headers, const rapidjson::Value* object);

// CR or LF in a header would let a row's data add headers of its own: the problem, naming the header.
std::optional<std::string> unsafe_header(const Headers& headers);

}  // namespace flowc::runtime::connectors
