// Where a source's listing goes next (the manifest's `pagination`): page numbers, offsets, a
// cursor in the body or the Link header's next URL, and when it ends (a short or empty page, a
// total reached, no next cursor or link, a `stop` answer).
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/http/http.hpp"

namespace flowc::runtime::manifest_engine {

class PageWalk {
 public:
  // `size` is the page size in use (the pagination's, or its size field's value); 0 when none.
  PageWalk(const std::optional<manifest::Pagination>& pagination, std::int64_t size);

  // The query parameters of the next page (`name=value&...`, encoded; empty for none), and the
  // whole URL to use instead when the last answer named one (a Link header).
  std::string query() const;
  const std::string& next_url() const { return next_url_; }
  bool first_page() const { return pages_ == 0; }

  // Whether a failed answer ends the listing (the `stop` rule) instead of failing the source.
  bool stops_on(const HttpResponse& response) const;
  // Takes the answer to the page just fetched; false when the listing has ended.
  bool advance(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records);

 private:
  bool more_after(const HttpResponse& response, const rapidjson::Value& answer, std::size_t records);

  manifest::Pagination pagination_;
  std::int64_t size_ = 0;
  std::int64_t position_ = 0;  // page number or offset
  std::string cursor_;         // the cursor to send; empty on the first page
  std::string next_url_;
  std::uint64_t pages_ = 0;
  std::uint64_t records_ = 0;
};

// The URL of rel="next" in an RFC 8288 Link header, or "".
std::string next_link(std::string_view header);

}  // namespace flowc::runtime::manifest_engine
