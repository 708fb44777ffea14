// Bodies for `body = form` and `body = multipart`: the action's body is first written as JSON
// (engine_body.hpp, so routes, groups and defaults work alike), then flattened into name/value
// pairs. Nested members take brackets, as Rails, PHP and Stripe read them: `client[person]`,
// `tags[]` for a list of values, `items[0][sku]` for a list of objects.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace flowc::runtime::manifest_engine {

using FormPairs = std::vector<std::pair<std::string, std::string>>;

// The members of `body` (a JSON object) as pairs, in order; nulls are left out, true/false and
// numbers written as text.
FormPairs form_pairs(const rapidjson::Value& body);

// application/x-www-form-urlencoded.
std::string form_body(const FormPairs& pairs);

// A multipart boundary that no name or value of `pairs` holds.
std::string multipart_boundary(const FormPairs& pairs);
// multipart/form-data (RFC 7578), one text part a pair.
std::string multipart_body(const FormPairs& pairs, std::string_view boundary);

}  // namespace flowc::runtime::manifest_engine
