// Field lists (`{ name = value ... }`) against the catalog: names, required fields, value types,
// choices and secrets.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "compiler/check/check_context.hpp"
#include "compiler/check/suggest.hpp"

namespace flowc::check {
namespace {

Span name_span(const ast::Field& field) {
  return field.path.empty() ? field.span : span_between(field.path.front().span, field.path.back().span);
}


std::string_view kind_name(const ast::Value& value) {
  switch (value.kind) {
    case ast::Value::Kind::String: return "text";
    case ast::Value::Kind::Number: return "a number";
    case ast::Value::Kind::Bool: return "true/false";
    case ast::Value::Kind::Reference: return "a reference";
    case ast::Value::Kind::List: return "a list";
    case ast::Value::Kind::Duration: return "a duration";
    case ast::Value::Kind::Rate: return "a rate";
  }
  return "a value";
}

std::string expected_name(const catalog::FieldSpec& spec) {
  switch (spec.type) {
    case catalog::FieldType::String: return "text";
    case catalog::FieldType::Number: return "a number";
    case catalog::FieldType::Bool: return "true or false";
    case catalog::FieldType::List: return "a list";
    case catalog::FieldType::Name: return spec.names_list ? "a name or a list of names" : "a name";
    case catalog::FieldType::Duration: return "a duration such as 30s";
    case catalog::FieldType::Rate: return "a rate such as 10/s";
    case catalog::FieldType::Enum: {
      std::string out = "one of";
      for (const std::string& choice : spec.choices) out += (out.size() > 6 ? ", " : " ") + choice;
      return out;
    }
    case catalog::FieldType::Any: return "a value";
  }
  return "a value";
}

bool is_scalar(const ast::Value& value) {
  return value.kind == ast::Value::Kind::String || value.kind == ast::Value::Kind::Number ||
         value.kind == ast::Value::Kind::Bool || value.kind == ast::Value::Kind::Reference;
}

// A non-empty list of names: bare words or plain text.
bool names_only(const std::vector<ast::Value>& items) {
  return !items.empty() && std::all_of(items.begin(), items.end(), [](const ast::Value& item) {
    return item.kind == ast::Value::Kind::Reference || plain_text(item).has_value();
  });
}

// Whether the value's kind suits the field's type (a reference or template is checked at run time).
bool kind_fits(const catalog::FieldSpec& spec, const ast::Value& value) {
  const bool runtime_value =
      value.kind == ast::Value::Kind::Reference || (value.kind == ast::Value::Kind::String && !plain_text(value));
  switch (spec.type) {
    case catalog::FieldType::String: return is_scalar(value);
    case catalog::FieldType::Number: {
      if (value.kind == ast::Value::Kind::Number || runtime_value) return true;
      const std::optional<std::string> text = plain_text(value);
      return text && parse_number(*text).has_value();
    }
    case catalog::FieldType::Bool: return value.kind == ast::Value::Kind::Bool || runtime_value;
    case catalog::FieldType::List:
      if (value.kind != ast::Value::Kind::List) return is_scalar(value);  // one value: a one-item list
      for (const ast::Value& item : value.items) {
        if (!is_scalar(item)) return false;
      }
      return true;
    case catalog::FieldType::Enum:
      return value.kind == ast::Value::Kind::String || value.kind == ast::Value::Kind::Reference;
    case catalog::FieldType::Name:
      if (value.kind == ast::Value::Kind::List) return spec.names_list && names_only(value.items);
      return value.kind == ast::Value::Kind::String || value.kind == ast::Value::Kind::Reference;
    case catalog::FieldType::Duration: return value.kind == ast::Value::Kind::Duration;
    case catalog::FieldType::Rate: return value.kind == ast::Value::Kind::Rate;
    case catalog::FieldType::Any: return true;
  }
  return true;
}

void check_choice(Context& ctx, const ast::Field& field, const catalog::FieldSpec& spec, const ResolvedRef& resolved) {
  std::optional<std::string> chosen = plain_text(field.value);
  if (resolved.kind == RefKind::Symbol) chosen = resolved.symbol;
  if (!chosen) return;  // decided at run time
  if (std::find(spec.choices.begin(), spec.choices.end(), *chosen) != spec.choices.end()) return;
  ctx.error(codes::kBadChoice, field.value.span, fmt::format("`{}` is not a valid `{}`", *chosen, field.dotted()),
            did_you_mean(*chosen, spec.choices, "expected " + expected_name(spec)));
}

void check_numbers(Context& ctx, const ast::Value& value) {
  if (value.kind == ast::Value::Kind::List) {
    for (const ast::Value& item : value.items) check_numbers(ctx, item);
    return;
  }
  const bool numeric = value.kind == ast::Value::Kind::Number || value.kind == ast::Value::Kind::Duration ||
                       value.kind == ast::Value::Kind::Rate;
  if (!numeric) return;
  const std::optional<double> number = parse_number(value.number_text);
  if (!number) {
    ctx.error(codes::kBadNumber, value.span, fmt::format("`{}` is not a usable number", value.number_text));
  } else if (value.kind == ast::Value::Kind::Duration && !checked_duration_millis(value)) {
    ctx.error(codes::kBadNumber, value.span, "this duration is too long", "durations go up to 100 years");
  } else if (value.kind == ast::Value::Kind::Rate && (*number < 1 || *number > kMaxRateCount)) {
    ctx.error(codes::kBadNumber, value.span, "a rate limit allows from 1 to 1000000000 requests per period",
              "e.g. `rate_limit = 5/s`");
  }
}

std::string env_name_hint(const FieldOwner& owner, const ast::Field& field) {
  std::string name = owner.title.substr(0, owner.title.find(' ')) + "_" + field.dotted();
  for (char& c : name)
    c = (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

void check_value(Context& ctx, const ast::Field& field, const catalog::FieldSpec& spec, const FieldOwner& owner,
                 const Place& place) {
  const bool symbols = spec.type == catalog::FieldType::Enum || spec.type == catalog::FieldType::Name;
  ResolvedRef resolved;
  if (spec.names_list && field.value.kind == ast::Value::Kind::List) {
    for (const ast::Value& item : field.value.items) check_value_references(ctx, item, place, true);
  } else {
    resolved = check_value_references(ctx, field.value, place, symbols);
  }
  check_numbers(ctx, field.value);
  if (!kind_fits(spec, field.value)) {
    ctx.error(codes::kWrongType, field.value.span,
              fmt::format("`{}` expects {}, found {}", field.dotted(), expected_name(spec), kind_name(field.value)));
    return;
  }
  if (spec.type == catalog::FieldType::Enum) check_choice(ctx, field, spec, resolved);
  if (spec.secret && !value_reads_env(field.value)) {
    const std::string env = env_name_hint(owner, field);
    ctx.error(codes::kSecretLiteral, field.value.span,
              fmt::format("`{}` is a secret and must not be written in the flow file", field.dotted()),
              fmt::format("write `{} = env.{}` and set {} in the environment", field.dotted(), env, env));
  }
}

std::vector<std::string> field_names(std::span<const catalog::FieldSpec> specs) {
  std::vector<std::string> names;
  for (const catalog::FieldSpec& spec : specs) {
    names.push_back(spec.is_wildcard() ? spec.name.substr(0, spec.name.size() - 1) + "<name>" : spec.name);
  }
  return names;
}

}  // namespace

void check_duplicate_fields(Context& ctx, const std::vector<ast::Field>& fields) {
  std::map<std::string, std::uint32_t> first_line;
  for (const ast::Field& field : fields) {
    const auto [it, inserted] = first_line.emplace(field.dotted(), field.span.line);
    if (!inserted) {
      ctx.error(codes::kDuplicateField, name_span(field), fmt::format("field `{}` is set twice", field.dotted()),
                fmt::format("first set at line {}; remove one", it->second));
    }
  }
}

void check_fields(Context& ctx, const std::vector<ast::Field>& fields, std::span<const catalog::FieldSpec> specs,
                  const FieldOwner& owner, const Place& place) {
  check_duplicate_fields(ctx, fields);
  for (const ast::Field& field : fields) {
    const catalog::FieldSpec* spec = catalog::find_field(specs, field.dotted());
    if (spec) {
      check_value(ctx, field, *spec, owner, place);
      continue;
    }
    const std::vector<std::string> names = field_names(specs);
    std::string all;
    for (const std::string& name : names) all += (all.empty() ? "" : ", ") + name;
    ctx.error(codes::kUnknownField, name_span(field),
              fmt::format("unknown field `{}` for {}", field.dotted(), owner.title),
              did_you_mean(field.dotted(), names, fmt::format("{} takes: {}", owner.title, all)));
    check_value_references(ctx, field.value, place, true);
  }
  for (const catalog::FieldSpec& spec : specs) {
    if (!spec.required) continue;
    const bool present =
        std::any_of(fields.begin(), fields.end(), [&](const ast::Field& field) { return field.dotted() == spec.name; });
    if (!present) {
      ctx.error(codes::kMissingField, owner.span,
                fmt::format("missing required field `{}` for {}", spec.name, owner.title),
                fmt::format("add `{} = ...`: {}", spec.name, spec.description));
    }
  }
}

}  // namespace flowc::check
