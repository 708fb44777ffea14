#include "runtime/eval/payload.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/filters/number_text.hpp"
#include "base/text/short_decimal.hpp"
#include "runtime/eval/template_render.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

using Allocator = rapidjson::Document::AllocatorType;

std::string dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& part : path) out += (out.empty() ? "" : ".") + part;
  return out;
}

rapidjson::Value json_string(std::string_view text, Allocator& allocator) {
  // Nearly every value is valid UTF-8 already: copy it into the document without a detour.
  if (utf8::is_valid(text)) return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
  const std::string valid = utf8::sanitize(text);
  return rapidjson::Value(valid.data(), static_cast<rapidjson::SizeType>(valid.size()), allocator);
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The common shapes of a number cell, read without normalize_number's rewriting: an integer
// ("42", "-7") or a decimal whose fraction ends in a non-zero digit ("12.5"), which normalize
// would leave as it is (but for leading zeros, which do not change the value). Anything else
// (group separators, a decimal comma, an exponent, "12.50") takes the general path.
std::optional<rapidjson::Value> plain_number(std::string_view text) {
  const bool negative = text.starts_with('-');
  const std::string_view digits = negative ? text.substr(1) : text;
  const std::size_t dot = digits.find('.');
  const char* end = text.data() + text.size();
  if (dot == std::string_view::npos) {
    std::int64_t integer = 0;
    const auto result = std::from_chars(text.data(), end, integer);
    if (result.ec == std::errc() && result.ptr == end) return rapidjson::Value(integer);
    return std::nullopt;
  }
  const std::string_view whole = digits.substr(0, dot), fraction = digits.substr(dot + 1);
  if (!all_digits(whole) || !all_digits(fraction) || fraction.back() == '0') return std::nullopt;
  if (const std::optional<double> value = short_decimal_value(whole, fraction, negative)) return rapidjson::Value(*value);
  double value = 0;
  if (const auto result = std::from_chars(text.data(), end, value); result.ec != std::errc() || result.ptr != end) {
    return std::nullopt;
  }
  return rapidjson::Value(value);
}

// Builds the JSON values of one row's fields; `path_` names the field in error messages (joined
// only then: this runs for every field of every send). Text is read in place where it can be and
// otherwise rendered into `scratch`, then copied once, into the document.
class ValueBuilder {
 public:
  ValueBuilder(const Scope& scope, Allocator& allocator, const std::vector<std::string>& path, std::string& scratch)
      : scope_(scope), allocator_(allocator), path_(path), scratch_(scratch) {}

  // The JSON for `value` as `type`, or nullopt when it is left out (blank number or bool).
  std::optional<rapidjson::Value> build(const ir::Value& value, JsonType type) {
    if (value.kind == ir::Value::Kind::List || type == JsonType::List) return list(value);
    switch (value.kind) {
      case ir::Value::Kind::Number:
        if (type == JsonType::Auto || type == JsonType::Number)
          return number(number_literal_text(value.text, value.number));
        break;
      case ir::Value::Kind::Bool:
        if (type == JsonType::Auto || type == JsonType::Bool) return rapidjson::Value(value.boolean);
        break;
      default: break;
    }
    return from_text(text_of(value), type, &value);
  }

 private:
  std::string_view text_of(const ir::Value& value) const {
    if (std::optional<std::string_view> text = scalar_value_view(value, scope_, scratch_)) return *text;
    throw EvalError("field " + dotted(path_) + ": a duration or rate is not a field value");
  }

  std::optional<rapidjson::Value> list(const ir::Value& value) {
    rapidjson::Value array(rapidjson::kArrayType);
    const std::vector<ir::Value> single{value};
    for (const ir::Value& item : value.kind == ir::Value::Kind::List ? value.items : single) {
      if (item.kind == ir::Value::Kind::List) throw EvalError("field " + dotted(path_) + ": lists cannot be nested");
      std::optional<rapidjson::Value> element = build(item, JsonType::Auto);
      const bool blank = element && element->IsString() && utf8::is_blank(element->GetString());
      if (element && !blank) array.PushBack(std::move(*element), allocator_);
    }
    return array;
  }

  // `source`: the value the text came from (null for a literal), so that an error message does not
  // quote text read from env.
  std::optional<rapidjson::Value> from_text(std::string_view text, JsonType type, const ir::Value* source) {
    if (type == JsonType::Number || type == JsonType::Bool) {
      if (utf8::is_blank(text)) return std::nullopt;
      return type == JsonType::Number ? number(text, source) : boolean(text, source);
    }
    return json_string(text, allocator_);
  }

  // Worked out only for a message: whether a value reads env takes a walk through its parts.
  static std::string shown(std::string_view text, const ir::Value* source) {
    const bool secret = source != nullptr && reads_env(*source);
    return secret ? "the env value (not shown)" : quote_value(text);
  }

  rapidjson::Value number(std::string_view text, const ir::Value* source = nullptr) const {
    if (std::optional<rapidjson::Value> plain = plain_number(text)) return std::move(*plain);
    const std::optional<std::string> normalized = normalize_number(text);
    if (!normalized) throw EvalError("field " + dotted(path_) + ": " + shown(text, source) + " is not a number");
    std::int64_t integer = 0;
    const char* end = normalized->data() + normalized->size();
    if (const auto result = std::from_chars(normalized->data(), end, integer);
        result.ec == std::errc() && result.ptr == end) {
      return rapidjson::Value(integer);
    }
    return rapidjson::Value(std::strtod(normalized->c_str(), nullptr));
  }

  rapidjson::Value boolean(std::string_view text, const ir::Value* source) const {
    const std::string word = utf8::to_lower(utf8::trim(text));
    if (word == "true" || word == "yes" || word == "1") return rapidjson::Value(true);
    if (word == "false" || word == "no" || word == "0") return rapidjson::Value(false);
    throw EvalError("field " + dotted(path_) + ": " + shown(text, source) + " is not true/false, yes/no or 1/0");
  }

  const Scope& scope_;
  Allocator& allocator_;
  const std::vector<std::string>& path_;
  std::string& scratch_;
};

// Keys go into a document by reference when they outlive it (a plan's), else as copies.
enum class Keys { Copy, Refer };

rapidjson::Value key_value(const std::string& key, Allocator& allocator, Keys keys) {
  const auto size = static_cast<rapidjson::SizeType>(key.size());
  if (keys == Keys::Refer) return rapidjson::Value(rapidjson::StringRef(key.data(), size));
  return rapidjson::Value(key.data(), size, allocator);
}

// The member `key` of `object`, or MemberEnd(); the key is measured, not read up to a NUL.
rapidjson::Value::MemberIterator find_member(rapidjson::Value& object, const std::string& key) {
  return object.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
}

// The object at `path` minus its last part, creating the objects on the way. `path` is the
// field's key path (valid UTF-8); `field_path` names it in messages.
rapidjson::Value& parent_object(rapidjson::Value& root, const std::vector<std::string>& path,
                                const std::vector<std::string>& field_path, Allocator& allocator, Keys keys) {
  rapidjson::Value* node = &root;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    auto member = find_member(*node, path[i]);
    if (member == node->MemberEnd()) {
      node->AddMember(key_value(path[i], allocator, keys), rapidjson::Value(rapidjson::kObjectType), allocator);
      member = node->MemberEnd() - 1;
    }
    if (!member->value.IsObject()) {
      throw EvalError("field " + dotted(field_path) + ": " +
                      dotted(std::vector<std::string>(field_path.begin(), field_path.begin() + static_cast<long>(i) + 1)) +
                      " is already set to a value");
    }
    node = &member->value;
  }
  return *node;
}

// `checked`: whether the place may be taken already (see PayloadPlan::distinct_places).
void put_field(rapidjson::Document& document, const std::vector<std::string>& path,
               const std::vector<std::string>& field_path, rapidjson::Value value, Keys keys, bool checked) {
  if (path.empty()) throw EvalError("a field without a name");
  Allocator& allocator = document.GetAllocator();
  rapidjson::Value& parent = parent_object(document, path, field_path, allocator, keys);
  if (checked && find_member(parent, path.back()) != parent.MemberEnd()) {
    throw EvalError("field " + dotted(field_path) + " is set twice");
  }
  parent.AddMember(key_value(path.back(), allocator, keys), std::move(value), allocator);
}

// Whether one key path is the other or starts it.
bool overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t common = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<long>(common), b.begin());
}

bool distinct_places(const std::vector<std::vector<std::string>>& keys) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t j = i + 1; j < keys.size(); ++j) {
      if (overlap(keys[i], keys[j])) return false;
    }
  }
  return true;
}

rapidjson::Document build_with_plan(const std::vector<ir::Field>& fields, const Scope& scope, const PayloadPlan& plan,
                                    Allocator* arena, std::string& scratch, Keys keys) {
  rapidjson::Document document(rapidjson::kObjectType, arena);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const ir::Field& field = fields[i];
    ValueBuilder builder(scope, document.GetAllocator(), field.path, scratch);
    std::optional<rapidjson::Value> value = builder.build(field.value, plan.types[i]);
    if (value) put_field(document, plan.keys[i], field.path, std::move(*value), keys, !plan.distinct_places);
  }
  return document;
}

}  // namespace

PayloadPlan plan_payload(const std::vector<ir::Field>& fields, const FieldTypeFn& type_of) {
  PayloadPlan plan;
  plan.types.reserve(fields.size());
  plan.keys.reserve(fields.size());
  for (const ir::Field& field : fields) {
    plan.types.push_back(type_of ? type_of(field.path) : JsonType::Auto);
    std::vector<std::string>& keys = plan.keys.emplace_back();
    for (const std::string& part : field.path) keys.push_back(utf8::sanitize(part));
  }
  plan.distinct_places = distinct_places(plan.keys);
  return plan;
}

rapidjson::Document build_payload(const std::vector<ir::Field>& fields, const Scope& scope,
                                  const FieldTypeFn& type_of) {
  std::string scratch;
  return build_with_plan(fields, scope, plan_payload(fields, type_of), nullptr, scratch, Keys::Copy);
}

rapidjson::Document build_payload(const std::vector<ir::Field>& fields, const Scope& scope, const PayloadPlan& plan,
                                  Allocator* arena, std::string& scratch) {
  return build_with_plan(fields, scope, plan, arena, scratch, Keys::Refer);
}

}  // namespace flowc::runtime
