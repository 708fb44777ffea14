#include "runtime/manifest_engine/source/cursor_position.hpp"

#include <charconv>

#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"
#include "runtime/manifest_engine/engine_request.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

std::optional<double> number_of(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool comes_after(const std::string& a, const std::string& b) {
  const auto a_number = number_of(a);
  const auto b_number = number_of(b);
  if (a_number && b_number) return *a_number > *b_number;
  return a > b;
}

std::string CursorPosition::query() const {
  if (!cursor_ || !start_) return {};
  std::string value;
  if (cursor_->value.empty()) {
    value = *start_;
  } else {
    // Filters on a kept value cannot fail on it in a way worth stopping for: the raw value then.
    if (render(cursor_->value, {nullptr, nullptr, std::nullopt, {}, {}, *start_}, false, value)) value = *start_;
  }
  std::string query;
  connectors::append_query_param(query, cursor_->param, value);
  return query;
}

void CursorPosition::note(const rapidjson::Value& records) {
  if (!cursor_ || !records.IsArray()) return;
  for (const auto& record : records.GetArray()) {
    auto value = connectors::scalar_text(connectors::member_path(record, cursor_->record_field));
    if (!value || value->empty()) continue;
    if (!largest_ || comes_after(*value, *largest_)) largest_ = std::move(*value);
  }
}

std::optional<std::string> CursorPosition::position() const {
  if (!cursor_) return std::nullopt;
  return largest_ ? largest_ : start_;
}

}  // namespace flowc::runtime::manifest_engine
