// A stand-in for the Google Sheets API v4 `spreadsheets.values.get` and for Google's OAuth2
// token endpoint (service-account jwt-bearer exchange), with Google's error bodies:
// {"error":{"code":..,"message":..,"status":..}}.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tools/sandbox/stubs/sheets/a1_range.hpp"
#include "tools/sandbox/files/csv.hpp"
#include "tools/sandbox/faults.hpp"
#include "tools/sandbox/stubs/sheets/sheet_store.hpp"
#include "tools/sandbox/stubs/stub_response.hpp"

namespace flowc::sandbox {

class SheetsStub {
 public:
  static constexpr int kDefaultGridRows = 1000;  // a new Google sheet's size
  static constexpr int kDefaultGridColumns = 26;

  // `required_api_key` empty: any non-empty key= is accepted.
  SheetsStub(std::filesystem::path data_dir, std::string required_api_key);

  // Auth: `key=` query parameter or `Authorization: Bearer <token>`.
  std::optional<StubResponse> reject_unauthorized(std::string_view api_key, std::string_view authorization) const;
  // GET /v4/spreadsheets/{spreadsheet}/values/{range}; honours majorDimension and
  // valueRenderOption (UNFORMATTED_VALUE gives numbers as numbers).
  StubResponse values_get(const std::string& spreadsheet, const std::string& range, const QueryParams& params) const;
  // POST /token with form fields grant_type and assertion.
  StubResponse token(const QueryParams& form);
  static StubResponse fault(const FaultDecision& decision);

  SheetStore& store() { return store_; }

 private:
  std::optional<A1Range> resolve_range(const std::string& spreadsheet, const std::string& range) const;

  SheetStore store_;
  std::string required_api_key_;
  std::atomic<long long> tokens_issued_{0};
};

// Google's error body for `code`/`status` (e.g. 400 INVALID_ARGUMENT).
StubResponse google_error(int code, std::string_view status, std::string_view message);

}  // namespace flowc::sandbox
