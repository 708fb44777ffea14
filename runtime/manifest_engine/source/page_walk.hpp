// Where a source's listing goes next (the manifest's `pagination`): page numbers, offsets, a
// cursor in the body, the Link header's next URL or a window of a sheet's rows, and when it ends
// (a short or empty page, a total reached, no next cursor or link, a `stop` answer).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/http/http.hpp"
#include "runtime/manifest_engine/source/row_window.hpp"

namespace flowc::runtime::manifest_engine {

class PageWalk {
 public:
  // The page size is the pagination's, or the value of its size field in `fields` (the source's
  // field block), as are a row window's sheet and range. Throws std::runtime_error naming the
  // field when one is out of bounds.
  PageWalk(const std::optional<manifest::Pagination>& pagination, const rapidjson::Value& fields);

  // The query parameters of the next page (`name=value&...`, encoded; empty for none), and the
  // whole URL to use instead when the last answer named one (a Link header).
  std::string query() const;
  const std::string& next_url() const { return next_url_; }
  bool first_page() const { return pages_ == 0; }
  // A row window's A1 range (`{{page.range}}` in the path), and the sheet row its first record is.
  const std::string& range() const { return range_; }
  std::uint64_t first_record_number() const { return static_cast<std::uint64_t>(window_.first_row); }

  // Whether a failed answer ends the listing (the `stop` rule) instead of failing the source.
  bool stops_on(const HttpResponse& response) const;
  // Takes the answer to the page just fetched; false when the listing has ended.
  bool advance(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records);

 private:
  bool more_after(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records);
  bool next_window();
  long long window_end() const;  // the last row of the window at position_
  std::int64_t asked() const;    // how many records the page asked for; 0 when it did not say


  manifest::Pagination pagination_;
  std::int64_t size_ = 0;
  std::int64_t position_ = 0;  // page number or offset
  std::string cursor_;         // the cursor to send; empty on the first page
  std::string next_url_;
  std::uint64_t pages_ = 0;
  std::uint64_t records_ = 0;
  SheetWindow window_;  // RowWindow: the part of the sheet read
  std::string sheet_;
  std::string range_;
};

// The URL of rel="next" in an RFC 8288 Link header, or "".
std::string next_link(std::string_view header);

}  // namespace flowc::runtime::manifest_engine
