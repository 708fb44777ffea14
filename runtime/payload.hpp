// The JSON body of a send, built from its mapped fields for one row.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "compiler/ir.hpp"
#include "runtime/scope.hpp"

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
// The same with each field's type given (types[i] for fields[i]), as field_types() returns them:
// the interpreter looks the types up once per send of the flow instead of once per row.
// With `arena`, the document takes its memory from there (and must go before the arena is
// cleared); without, it has its own.
rapidjson::Document build_payload(const std::vector<ir::Field>& fields, const Scope& scope,
                                  std::span<const JsonType> types,
                                  rapidjson::Document::AllocatorType* arena = nullptr);
std::vector<JsonType> field_types(const std::vector<ir::Field>& fields, const FieldTypeFn& type_of);

// Compact JSON text of a value.
std::string to_json(const rapidjson::Value& value);

}  // namespace flowc::runtime
