#include "runtime/eval/template_render.hpp"

#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/filters/number_text.hpp"

namespace flowc::runtime {
namespace {

// Runs the filters of one reference. A failure names the reference and filter; for an env value
// the filter's own message (which quotes the value) is dropped, since the value may be a secret.
std::string apply_filters(const ir::TemplatePart& part, std::string value) {
  for (const ir::Filter& filter : part.filters) {
    try {
      value = apply_filter(filter, std::move(value));
    } catch (const EvalError& error) {
      const std::string where = "{{" + part.ref.dotted() + " | " + filter.name + "}}: ";
      if (part.ref.root == ir::RefRoot::Env) throw EvalError(where + "the value is not accepted (not shown)");
      throw EvalError(where + error.what());
    }
  }
  return value;
}

}  // namespace

bool reads_env(const ir::Value& value) {
  switch (value.kind) {
    case ir::Value::Kind::Ref: return value.ref.root == ir::RefRoot::Env;
    case ir::Value::Kind::Template:
      for (const ir::TemplatePart& part : value.parts) {
        if (part.is_ref && part.ref.root == ir::RefRoot::Env) return true;
      }
      return false;
    case ir::Value::Kind::List:
      for (const ir::Value& item : value.items) {
        if (reads_env(item)) return true;
      }
      return false;
    default: return false;
  }
}

std::string lookup_text(const ir::Ref& ref, const Scope& scope) {
  Lookup found = scope.lookup(ref);
  if (!found.found) {
    throw EvalError(found.error.empty() ? "no value for " + ref.dotted() : found.error);
  }
  return std::move(found.text);
}

std::optional<std::string> scalar_value_text(const ir::Value& value, const Scope& scope) {
  std::string scratch;
  const std::optional<std::string_view> text = scalar_value_view(value, scope, scratch);
  if (!text) return std::nullopt;
  if (text->data() == scratch.data() && text->size() == scratch.size()) return scratch;
  return std::string(*text);
}

std::optional<std::string_view> scalar_value_view(const ir::Value& value, const Scope& scope, std::string& scratch) {
  switch (value.kind) {
    case ir::Value::Kind::Template:
      // A template without references (`"draft"`, `chat_id = "42"`) is its text, read in place.
      if (value.parts.size() == 1 && !value.parts.front().is_ref) return value.parts.front().text;
      scratch.clear();
      render_template_to(scratch, value.parts, scope);
      return scratch;
    case ir::Value::Kind::Ref:
      if (const std::string* text = scope.text_in_place(value.ref)) return *text;
      scratch = lookup_text(value.ref, scope);
      return scratch;
    case ir::Value::Kind::Number:
      scratch = number_literal_text(value.text, value.number);
      return scratch;
    case ir::Value::Kind::Symbol: return value.text;
    case ir::Value::Kind::Bool: return value.boolean ? "true" : "false";
    case ir::Value::Kind::List:
    case ir::Value::Kind::Duration:
    case ir::Value::Kind::Rate: break;
  }
  return std::nullopt;
}

std::string render_template(const std::vector<ir::TemplatePart>& parts, const Scope& scope) {
  std::string out;
  render_template_to(out, parts, scope);
  return out;
}

void render_template_to(std::string& out, const std::vector<ir::TemplatePart>& parts, const Scope& scope) {
  for (const ir::TemplatePart& part : parts) {
    if (!part.is_ref) {
      out += part.text;
    } else if (const std::string* text = part.filters.empty() ? scope.text_in_place(part.ref) : nullptr) {
      out += *text;  // a cell as it is: no copy on the way
    } else {
      out += apply_filters(part, lookup_text(part.ref, scope));
    }
  }
}

}  // namespace flowc::runtime
