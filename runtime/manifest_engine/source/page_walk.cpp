#include "runtime/manifest_engine/source/page_walk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "runtime/connector_kit/url.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

using manifest::PaginationKind;

namespace {

std::int64_t page_size(const manifest::Pagination& pagination, const rapidjson::Value& fields) {
  if (pagination.size_field.empty()) return pagination.size;
  const std::int64_t size = connectors::integer_field(fields, pagination.size_field, pagination.size);
  if (size < pagination.min_size)
    throw std::runtime_error(fmt::format("`{}` must be at least {}", pagination.size_field, pagination.min_size));
  return size;
}

}  // namespace

PageWalk::PageWalk(const std::optional<manifest::Pagination>& pagination, const rapidjson::Value& fields)
    : pagination_(pagination.value_or(manifest::Pagination{})),
      size_(page_size(pagination_, fields)),
      position_(pagination_.start) {
  if (pagination_.kind != PaginationKind::RowWindow) return;
  if (size_ < 1) throw std::runtime_error("row_window pagination needs a `size` of at least 1");
  window_ = parse_sheet_window(connectors::text_field(fields, pagination_.range_field));
  sheet_ = connectors::text_field(fields, pagination_.sheet_field);
  position_ = window_.first_row;
  range_ = a1_range(sheet_, window_, position_, window_end());
}

long long PageWalk::window_end() const {
  const long long last = position_ + size_ - 1;
  return window_.last_row > 0 ? std::min<long long>(last, window_.last_row) : last;
}

std::int64_t PageWalk::asked() const {
  return pagination_.kind == PaginationKind::RowWindow ? window_end() - position_ + 1 : size_;
}

// The window after this one; false past the range's last row.
bool PageWalk::next_window() {
  if (window_.last_row > 0 && window_end() >= window_.last_row) return false;
  position_ = window_end() + 1;
  range_ = a1_range(sheet_, window_, position_, window_end());
  return true;
}

std::string PageWalk::query() const {
  std::string query;
  auto add = [&query](std::string_view name, std::string_view value) { connectors::append_query_param(query, name, value); };
  switch (pagination_.kind) {
    case PaginationKind::Page:
    case PaginationKind::Offset: add(pagination_.param, std::to_string(position_)); break;
    case PaginationKind::Cursor:
      if (!cursor_.empty()) add(pagination_.param, cursor_);
      break;
    default: break;
  }
  if (!pagination_.size_param.empty() && size_ > 0) add(pagination_.size_param, std::to_string(size_));
  return query;
}

bool PageWalk::stops_on(const HttpResponse& response) const {
  const auto& stop = pagination_.stop;
  if (stop.statuses.empty() || (stop.not_first_page && first_page())) return false;
  if (std::ranges::none_of(stop.statuses, [&](const auto& range) { return range.contains(response.status); }))
    return false;
  return stop.body_contains.empty() || response.body.find(stop.body_contains) != std::string::npos;
}

bool PageWalk::advance(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records) {
  ++pages_;
  records_ += records;
  return more_after(response, answer, records);
}

bool PageWalk::more_after(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records) {
  if (pagination_.kind == PaginationKind::None || records == 0) return false;
  if (pagination_.stop.short_page && asked() > 0 && static_cast<std::int64_t>(records) < asked()) return false;
  if (!pagination_.stop.total_path.empty()) {
    const auto* total = connectors::member_path(answer, pagination_.stop.total_path);
    if (total != nullptr && total->IsNumber() && static_cast<double>(records_) >= total->GetDouble()) return false;
  }
  switch (pagination_.kind) {
    case PaginationKind::Page: ++position_; return true;
    case PaginationKind::Offset: position_ += static_cast<std::int64_t>(records); return true;
    case PaginationKind::Cursor: {
      std::string next = connectors::scalar_text(connectors::member_path(answer, pagination_.cursor_path)).value_or("");
      if (next.empty()) return false;
      // An API that hands back the cursor it was given would be listed forever.
      if (next == cursor_) throw std::runtime_error(fmt::format("the listing gave the cursor \"{}\" twice", next));
      cursor_ = std::move(next);
      return true;
    }
    case PaginationKind::LinkHeader: {
      std::string next = next_link(response.header("Link"));
      if (next.empty() || next == next_url_) return false;
      next_url_ = std::move(next);
      return true;
    }
    case PaginationKind::RowWindow: return next_window();
    default: return false;
  }
}

std::string next_link(std::string_view header) {
  // <https://api.example.com/items?page=2>; rel="next", <...>; rel="last"
  while (!header.empty()) {
    const auto open = header.find('<');
    const auto close = header.find('>', open);
    if (open == std::string_view::npos || close == std::string_view::npos) return {};
    const std::string_view url = header.substr(open + 1, close - open - 1);
    const auto end = header.find(',', close);
    const std::string_view params = header.substr(close + 1, end == std::string_view::npos ? std::string_view::npos : end - close - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos || params.find("rel=next") != std::string_view::npos)
      return std::string(url);
    if (end == std::string_view::npos) return {};
    header.remove_prefix(end + 1);
  }
  return {};
}

}  // namespace flowc::runtime::manifest_engine
