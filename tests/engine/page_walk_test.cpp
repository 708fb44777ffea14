// How a manifest source's listing goes on and ends (runtime/manifest_engine/source/page_walk.hpp):
// each pagination kind's query, and each way a listing stops.
#include "runtime/manifest_engine/source/page_walk.hpp"
#include "runtime/manifest_engine/source/cursor_position.hpp"

#include <gtest/gtest.h>

#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {
namespace {

using manifest::PaginationKind;

manifest::Pagination pagination(PaginationKind kind, std::string param = "p") {
  manifest::Pagination result;
  result.kind = kind;
  result.param = std::move(param);
  return result;
}

HttpResponse answer(int status = 200, std::string body = "{}", Headers headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

const rapidjson::Value& no_fields() {
  static const rapidjson::Document kEmpty = connectors::parse_json("{}").value();
  return kEmpty;
}

bool advance(PageWalk& walk, std::size_t records, const std::string& body = "{}", Headers headers = {}) {
  const auto parsed = connectors::parse_json(body);
  return walk.advance(answer(200, body, std::move(headers)), *parsed, records);
}

TEST(PageWalk, PageNumbersCountFromStartAndSendTheSize) {
  auto pages = pagination(PaginationKind::Page, "page");
  pages.start = 1;
  pages.size_param = "per_page";
  pages.size = 50;
  PageWalk walk(pages, no_fields());
  EXPECT_EQ(walk.query(), "page=1&per_page=50");
  EXPECT_TRUE(advance(walk, 50));
  EXPECT_EQ(walk.query(), "page=2&per_page=50");
  EXPECT_FALSE(advance(walk, 49)) << "a short page is the last";
}

TEST(PageWalk, OffsetsMoveByTheRecordsReceived) {
  PageWalk walk(pagination(PaginationKind::Offset, "offset"), no_fields());
  EXPECT_EQ(walk.query(), "offset=0");
  EXPECT_TRUE(advance(walk, 30));
  EXPECT_EQ(walk.query(), "offset=30");
  EXPECT_FALSE(advance(walk, 0)) << "an empty page is the end";
}

TEST(PageWalk, CursorsComeFromTheBodyAndMustMoveOn) {
  auto cursor = pagination(PaginationKind::Cursor, "after");
  cursor.cursor_path = "meta.next";
  PageWalk walk(cursor, no_fields());
  EXPECT_EQ(walk.query(), "") << "the first page has no cursor";
  EXPECT_TRUE(advance(walk, 2, R"({"meta":{"next":"a b/c"}})"));
  EXPECT_EQ(walk.query(), "after=a%20b%2Fc");
  EXPECT_THROW(advance(walk, 2, R"({"meta":{"next":"a b/c"}})"), std::runtime_error);
  PageWalk ending(cursor, no_fields());
  EXPECT_FALSE(advance(ending, 2, R"({"meta":{"next":null}})"));
}

TEST(PageWalk, TheLinkHeaderNamesTheNextUrl) {
  PageWalk walk(pagination(PaginationKind::LinkHeader, ""), no_fields());
  EXPECT_TRUE(advance(walk, 5, "[]", {{"link", R"(<https://x.test/a?page=1>; rel="prev", <https://x.test/a?page=3>; rel="next")"}}));
  EXPECT_EQ(walk.next_url(), "https://x.test/a?page=3");
  EXPECT_FALSE(advance(walk, 5, "[]", {{"link", R"(<https://x.test/a?page=1>; rel="first")"}}));
  EXPECT_EQ(next_link("<https://x.test/n>; rel=next"), "https://x.test/n");
  EXPECT_EQ(next_link("garbage"), "");
}

TEST(PageWalk, ATotalReachedEndsTheListing) {
  auto pages = pagination(PaginationKind::Page);
  pages.stop.total_path = "total";
  PageWalk walk(pages, no_fields());
  EXPECT_TRUE(advance(walk, 2, R"({"total":3})"));
  EXPECT_FALSE(advance(walk, 1, R"({"total":3})"));
}

TEST(PageWalk, AStopAnswerEndsTheListingButNotOnTheFirstPage) {
  auto pages = pagination(PaginationKind::Page);
  pages.stop.statuses = {{400, 400}};
  pages.stop.body_contains = "exceeds grid limits";
  pages.stop.not_first_page = true;
  PageWalk walk(pages, no_fields());
  EXPECT_FALSE(walk.stops_on(answer(400, "exceeds grid limits"))) << "on the first page it is a failure";
  EXPECT_TRUE(advance(walk, 3));
  EXPECT_TRUE(walk.stops_on(answer(400, R"({"error":"Range exceeds grid limits"})")));
  EXPECT_FALSE(walk.stops_on(answer(400, "bad range")));
  EXPECT_FALSE(walk.stops_on(answer(403, "exceeds grid limits")));
}

TEST(PageWalk, WithoutPaginationThereIsOnePage) {
  PageWalk walk(std::nullopt, no_fields());
  EXPECT_EQ(walk.query(), "");
  EXPECT_FALSE(advance(walk, 100));
}

manifest::Pagination row_windows() {
  auto windows = pagination(PaginationKind::RowWindow, "");
  windows.size = 1000;
  windows.size_field = "chunk_rows";
  windows.min_size = 2;
  windows.sheet_field = "sheet";
  windows.range_field = "range";
  return windows;
}

TEST(PageWalk, RowWindowsWalkTheSheetUntilAShortWindow) {
  const auto fields = connectors::parse_json(R"({"sheet": "Bob's list", "chunk_rows": 3})").value();
  PageWalk walk(row_windows(), fields);
  EXPECT_EQ(walk.range(), "'Bob''s list'!A1:ZZZ3");
  EXPECT_EQ(walk.query(), "") << "the window is in the path";
  EXPECT_TRUE(advance(walk, 3));
  EXPECT_EQ(walk.range(), "'Bob''s list'!A4:ZZZ6");
  EXPECT_FALSE(advance(walk, 2)) << "Google leaves out trailing empty rows: a short window is the end";
}

TEST(PageWalk, ARowWindowStaysInsideTheRangeField) {
  const auto fields = connectors::parse_json(R"({"sheet": "Orders", "range": "b2:d5", "chunk_rows": 3})").value();
  PageWalk walk(row_windows(), fields);
  EXPECT_EQ(walk.first_record_number(), 2u);
  EXPECT_EQ(walk.range(), "'Orders'!B2:D4");
  EXPECT_TRUE(advance(walk, 3));
  EXPECT_EQ(walk.range(), "'Orders'!B5:D5") << "the last window is cut at the range's end";
  EXPECT_FALSE(advance(walk, 1)) << "a full window that reaches the range's end is the last";
}

TEST(PageWalk, ABadRangeOrATooSmallSizeIsRefusedNamingIt) {
  try {
    PageWalk walk(row_windows(), connectors::parse_json(R"({"sheet": "S", "range": "A9:B2"})").value());
    FAIL() << "a range that ends before it starts was taken";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "range \"A9:B2\" is not an A1 range such as A1:H or B2:F500");
  }
  try {
    PageWalk walk(row_windows(), connectors::parse_json(R"({"sheet": "S", "chunk_rows": 1})").value());
    FAIL() << "a one-row window was taken: it would hold only the header";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "`chunk_rows` must be at least 2");
  }
}

TEST(CursorPosition, KeepsTheLargestValueAsNumbersOrText) {
  EXPECT_TRUE(comes_after("10", "9")) << "ids compare as numbers";
  EXPECT_TRUE(comes_after("2026-12-01T10:00:00Z", "2026-11-30T23:59:59Z"));
  const std::optional<manifest::IncrementalCursor> cursor = manifest::IncrementalCursor{"meta.id", "after_id", {}, {}};
  CursorPosition first(cursor, std::nullopt);
  EXPECT_EQ(first.query(), "") << "the first poll asks for everything";
  first.note(connectors::parse_json(R"([{"meta":{"id":9}},{"meta":{"id":12}},{"meta":{}},{"meta":{"id":10}}])").value());
  EXPECT_EQ(first.position(), "12");

  CursorPosition next(cursor, "12");
  EXPECT_EQ(next.query(), "after_id=12");
  next.note(connectors::parse_json("[]").value());
  EXPECT_EQ(next.position(), "12") << "a poll that found nothing keeps the place it started from";
  EXPECT_EQ(CursorPosition(std::nullopt, "12").position(), std::nullopt);
}

}  // namespace
}  // namespace flowc::runtime::manifest_engine
