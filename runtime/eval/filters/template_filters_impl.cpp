// The runtime side of the template filters declared in ir/template_filters.hpp: one function
// per filter, found by name. The declaration table stays the single list of names; a test checks
// that every declared filter has an implementation here.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "ir/template_filters.hpp"
#include "runtime/eval/filters/date_text.hpp"
#include "runtime/eval/eval_error.hpp"
#include "runtime/eval/filters/number_text.hpp"
#include "base/text/percent_encode.hpp"
#include "runtime/eval/template_render.hpp"
#include "base/text/utf8.hpp"

namespace flowc::runtime {
namespace {

using Args = std::vector<std::string>;
using FilterFn = std::string (*)(std::string value, const Args& args);

std::string upper(std::string value, const Args&) {
  return utf8::to_upper(value);
}
std::string lower(std::string value, const Args&) {
  return utf8::to_lower(value);
}
std::string trim(std::string value, const Args&) {
  return std::string(utf8::trim(value));
}

// Blank (white space only) counts as empty, as for the `is empty` condition.
std::string default_value(std::string value, const Args& args) {
  return utf8::is_blank(value) ? args[0] : value;
}

std::string number(std::string value, const Args&) {
  std::optional<std::string> normalized = normalize_number(value);
  if (!normalized) throw EvalError(quote_value(value) + " is not a number");
  return *normalized;
}

std::string date(std::string value, const Args& args) {
  return reformat_date(value, args[0]);
}

// A JSON string literal, quotes included. Invalid UTF-8 becomes U+FFFD first: the writer would
// otherwise copy the bytes through and produce JSON no parser accepts.
std::string json(std::string value, const Args&) {
  const std::string text = utf8::sanitize(value);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string truncate(std::string value, const Args& args) {
  std::size_t count = 0;
  const std::string& text = args[0];
  const auto result = std::from_chars(text.data(), text.data() + text.size(), count);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) {
    throw EvalError("truncate: " + quote_value(text) + " is not a character count");
  }
  return utf8::truncate(value, count);
}

std::string replace(std::string value, const Args& args) {
  const std::string& from = args[0];
  const std::string& to = args[1];
  if (from.empty()) return value;  // replacing "" everywhere has no sensible meaning
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = value.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    out.append(value, pos, hit - pos).append(to);
  }
  return out.append(value, pos);
}

// RFC 3986: everything but the unreserved characters is percent-encoded, byte by byte.
std::string urlencode(std::string value, const Args&) { return percent_encode(value); }

struct FilterImplementation {
  std::string_view name;
  FilterFn apply;
};

constexpr std::array kImplementations{
    FilterImplementation{"upper", upper},     FilterImplementation{"lower", lower},
    FilterImplementation{"trim", trim},       FilterImplementation{"default", default_value},
    FilterImplementation{"number", number},   FilterImplementation{"date", date},
    FilterImplementation{"json", json},       FilterImplementation{"truncate", truncate},
    FilterImplementation{"replace", replace}, FilterImplementation{"urlencode", urlencode},
};

const FilterImplementation* find_implementation(std::string_view name) {
  const auto found = std::find_if(kImplementations.begin(), kImplementations.end(),
                                  [&](const FilterImplementation& impl) { return impl.name == name; });
  return found == kImplementations.end() ? nullptr : &*found;
}

}  // namespace

bool has_filter_implementation(std::string_view name) {
  return find_implementation(name) != nullptr;
}

std::string apply_filter(const ir::Filter& filter, std::string value) {
  const TemplateFilterSpec* spec = find_template_filter(filter.name);
  const FilterImplementation* implementation = find_implementation(filter.name);
  if (spec == nullptr || implementation == nullptr) throw EvalError("unknown filter " + quote_value(filter.name));
  const auto arg_count = static_cast<int>(filter.args.size());
  if (arg_count < spec->min_args || arg_count > spec->max_args) {
    throw EvalError("filter " + std::string(spec->usage) + " given " + std::to_string(arg_count) + " argument(s)");
  }
  return implementation->apply(std::move(value), filter.args);
}

}  // namespace flowc::runtime
