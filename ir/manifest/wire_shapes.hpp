// Answers in the shapes a connector manifest reads, for what stands in for a service without
// being it: the sandbox's example stand-in and `flowc test`'s replies. They build a body where the
// engine will look for it, so the engine's own reading is what they exercise.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

#include "ir/manifest/connector_manifest.hpp"

namespace flowc::manifest {

// Puts a copy of `value` at the dotted path (`result.message_id`) of `document`, creating the
// objects on the way; `document` becomes an object when it is not one. A string is copied even
// when `value` only refers to it (rapidjson::StringRef).
void set_at_path(rapidjson::Document& document, std::string_view dotted, const rapidjson::Value& value);

// A lookup's search answer holding the one match `match`, as its `records` list, with the first of
// its `total` paths (JSON text).
std::string lookup_page(const Lookup& lookup, const rapidjson::Value& match);

// The action's first example with a 2xx status, else null.
const Example* success_example(const ActionManifest& action);

}  // namespace flowc::manifest
