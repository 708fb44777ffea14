// Rendering `"text {{row.name | upper}} more"` for one row.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.hpp"
#include "runtime/eval/scope.hpp"

namespace flowc::runtime {

// Literal parts verbatim; each reference looked up in `scope` and passed through its filters left
// to right. Throws EvalError when a reference is not found or a filter rejects its value.
std::string render_template(const std::vector<ir::TemplatePart>& parts, const Scope& scope);
// The same, appended to `out`.
void render_template_to(std::string& out, const std::vector<ir::TemplatePart>& parts, const Scope& scope);

// The text a reference stands for in `scope`; throws EvalError (with the scope's reason) when the
// scope has no such value.
std::string lookup_text(const ir::Ref& ref, const Scope& scope);

// Whether the value reads an env reference (directly or inside a template). Error messages about
// such a value do not quote it: it may be a secret.
bool reads_env(const ir::Value& value);

// The text of a scalar value — a template rendered, a reference looked up, a number as written,
// a symbol, a bool — or nullopt for a list, duration or rate. Throws EvalError like the above.
std::optional<std::string> scalar_value_text(const ir::Value& value, const Scope& scope);
// The same without copying where it can: a cell is viewed in place, a template is rendered into
// `scratch` (overwritten) and viewed there. The view lasts until `scratch` or the scope changes.
std::optional<std::string_view> scalar_value_view(const ir::Value& value, const Scope& scope, std::string& scratch);

// One filter of ir/template_filters.hpp applied to `value`. Throws EvalError for a value the
// filter cannot take (`number` of "abc"), an unknown filter or a wrong argument count (an IR file
// may have been edited by hand).
std::string apply_filter(const ir::Filter& filter, std::string value);

// Whether the runtime implements the filter named `name` (every entry of template_filters() must).
bool has_filter_implementation(std::string_view name);

}  // namespace flowc::runtime
