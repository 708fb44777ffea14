// The JSON body of a send, built from its mapped fields for one row.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <vector>

#include "ir/ir.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/eval/scope.hpp"

namespace flowc::runtime {

// The JSON type the connector's schema wants for a field.
enum class JsonType { Auto, String, Number, Bool, List };

// The type of the field at a (dotted, split) path; the caller answers from the connector catalog.
using FieldTypeFn = std::function<JsonType(const std::vector<std::string>& path)>;

// Builds the payload object. A dotted path nests (`client.person` -> {"client":{"person":..}});
// a list becomes an array. Values:
// - Auto: a template or reference gives a string, a number literal a number, true/false a bool;
// - String: the value's text;
// - Number: a number, reading text as the `number` filter does ("1 234,50" -> 1234.5);
//   other text throws EvalError `field total: "abc" is not a number`;
// - Bool: true/false, or text true/false/yes/no/1/0 (any case);
// - List: an array; a single value becomes a one-element array.
// Empty values: a Number or Bool field whose text is blank is left out of the payload (an empty
// cell means "no value", not zero), and blank items are left out of lists; a String or Auto field
// keeps "". Every string goes into the document through RapidJSON with invalid UTF-8 replaced by
// U+FFFD, so no cell can break or inject into the JSON. Throws EvalError for missing references
// and for two fields claiming the same place (`client = ..` and `client.person = ..`).
rapidjson::Document build_payload(const std::vector<ir::Field>& fields, const Scope& scope, const FieldTypeFn& type_of);

// What building a send's payload needs that is the same for every row, worked out once per send
// of the flow: each field's type (from the catalog) and its key path as valid UTF-8.
struct PayloadPlan {
  std::vector<JsonType> types;                 // types[i] for fields[i]
  std::vector<std::vector<std::string>> keys;  // keys[i]: fields[i].path, sanitized
  // No key path equals another or starts another (`client` and `client.person`), so no row can
  // set a place twice and building needs no check for it.
  bool distinct_places = false;
};
PayloadPlan plan_payload(const std::vector<ir::Field>& fields, const FieldTypeFn& type_of);

// build_payload with a plan made for `fields`: the interpreter's per-row path. The document's
// member names refer to the plan's keys instead of copying them, so the plan must outlive it.
// With `arena`, the document takes its memory from there (and must go before the arena is
// cleared). `scratch` is a buffer templates are rendered in, reused from call to call.
rapidjson::Document build_payload(const std::vector<ir::Field>& fields, const Scope& scope, const PayloadPlan& plan,
                                  rapidjson::Document::AllocatorType* arena, std::string& scratch);

}  // namespace flowc::runtime
