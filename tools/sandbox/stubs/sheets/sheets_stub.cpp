#include "tools/sandbox/stubs/sheets/sheets_stub.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <re2/re2.h>

#include <algorithm>
#include <chrono>

#include "tools/sandbox/json_text.hpp"
#include "tools/sandbox/stubs/sheets/jwt_assertion.hpp"

namespace flowc::sandbox {

namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

constexpr std::string_view kJwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr int kTokenLifetimeSeconds = 3600;

StubResponse oauth_error(std::string_view error, std::string_view description) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  doc.AddMember("error", json_string(error, alloc), alloc);
  doc.AddMember("error_description", json_string(description, alloc), alloc);
  return {400, to_json(doc), {}};
}

bool is_blank_cell(const std::string& cell) {
  return cell.empty();
}

// The cells of `rows` inside the (already clipped) rectangle, the way Google returns them:
// trailing empty cells of each row and trailing empty rows are left out.
CsvRows cut_rectangle(const CsvRows& rows, int first_row, int last_row, int first_column, int last_column) {
  CsvRows cut;
  for (int r = first_row; r <= last_row && r <= static_cast<int>(rows.size()); ++r) {
    const auto& source = rows[r - 1];
    std::vector<std::string> row;
    for (int c = first_column; c <= last_column && c <= static_cast<int>(source.size()); ++c) {
      row.push_back(source[c - 1]);
    }
    while (!row.empty() && is_blank_cell(row.back())) row.pop_back();
    cut.push_back(std::move(row));
  }
  while (!cut.empty() && cut.back().empty()) cut.pop_back();
  return cut;
}

CsvRows transpose(const CsvRows& rows) {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  CsvRows columns(width);
  for (std::size_t c = 0; c < width; ++c) {
    for (const auto& row : rows) columns[c].push_back(c < row.size() ? row[c] : std::string());
    while (!columns[c].empty() && is_blank_cell(columns[c].back())) columns[c].pop_back();
  }
  return columns;
}

Value cell_value(const std::string& cell, bool unformatted, Allocator& alloc) {
  static const RE2 kNumber(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
  if (unformatted && RE2::FullMatch(cell, kNumber)) {
    if (cell.find('.') == std::string::npos && cell.size() < 16) return Value(static_cast<int64_t>(std::stoll(cell)));
    return Value(std::stod(cell));
  }
  return json_string(cell, alloc);
}

}  // namespace

StubResponse google_error(int code, std::string_view status, std::string_view message) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  Value error(rapidjson::kObjectType);
  error.AddMember("code", code, alloc);
  error.AddMember("message", json_string(message, alloc), alloc);
  error.AddMember("status", json_string(status, alloc), alloc);
  doc.AddMember("error", error, alloc);
  return {code, to_json(doc), {}};
}

SheetsStub::SheetsStub(std::filesystem::path data_dir, std::string required_api_key)
    : store_(std::move(data_dir)), required_api_key_(std::move(required_api_key)) {}

std::optional<StubResponse> SheetsStub::reject_unauthorized(std::string_view api_key,
                                                            std::string_view authorization) const {
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.starts_with(kBearer) && authorization.size() > kBearer.size()) return std::nullopt;
    return google_error(401, "UNAUTHENTICATED",
                        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie "
                        "or other valid authentication credential.");
  }
  if (api_key.empty()) return google_error(403, "PERMISSION_DENIED", "The request is missing a valid API key.");
  if (!required_api_key_.empty() && api_key != required_api_key_) {
    return google_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
  }
  return std::nullopt;
}

// A bare name that is an existing sheet wins over reading it as cells ("ABC" is both).
std::optional<A1Range> SheetsStub::resolve_range(const std::string& spreadsheet, const std::string& range) const {
  if (range.find('!') == std::string::npos && !range.starts_with('\'') && store_.find(spreadsheet, range)) {
    return whole_sheet(range);
  }
  auto parsed = parse_a1_range(range);
  if (parsed && parsed->sheet.empty()) {
    auto names = store_.sheet_names(spreadsheet);
    if (names.empty()) return std::nullopt;
    parsed->sheet = names.front();
  }
  return parsed;
}

StubResponse SheetsStub::values_get(const std::string& spreadsheet, const std::string& range,
                                    const QueryParams& params) const {
  std::string dimension = first_param(params, "majorDimension");
  if (dimension.empty()) dimension = "ROWS";
  if (dimension != "ROWS" && dimension != "COLUMNS") {
    return google_error(400, "INVALID_ARGUMENT",
                        fmt::format("Invalid value at 'major_dimension' (type.googleapis.com/"
                                    "google.apps.sheets.v4.Dimension), \"{}\"",
                                    dimension));
  }
  bool unformatted = first_param(params, "valueRenderOption") == "UNFORMATTED_VALUE";

  std::optional<CsvRows> rows;
  std::optional<A1Range> a1;
  try {
    if (store_.sheet_names(spreadsheet).empty()) {
      return google_error(404, "NOT_FOUND", "Requested entity was not found.");
    }
    a1 = resolve_range(spreadsheet, range);
    if (a1) rows = store_.find(spreadsheet, a1->sheet);
  } catch (const CsvError& e) {
    return google_error(500, "INTERNAL", fmt::format("sandbox: bad sheet data: {}", e.what()));
  }
  if (!a1 || !rows) return google_error(400, "INVALID_ARGUMENT", "Unable to parse range: " + range);

  int grid_rows = std::max(kDefaultGridRows, static_cast<int>(rows->size()));
  int grid_columns = kDefaultGridColumns;
  for (const auto& row : *rows) grid_columns = std::max(grid_columns, static_cast<int>(row.size()));
  if (a1->first_row > grid_rows || a1->first_column > grid_columns) {
    return google_error(
        400, "INVALID_ARGUMENT",
        fmt::format("Range ({}!{}{}) exceeds grid limits. Max rows: {}, max columns: {}", quote_sheet_name(a1->sheet),
                    column_letters(a1->first_column), a1->first_row, grid_rows, grid_columns));
  }
  int last_row = std::min(a1->last_row.value_or(grid_rows), grid_rows);
  int last_column = std::min(a1->last_column.value_or(grid_columns), grid_columns);
  CsvRows cut = cut_rectangle(*rows, a1->first_row, last_row, a1->first_column, last_column);
  if (dimension == "COLUMNS") cut = transpose(cut);

  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  auto echoed = fmt::format("{}!{}{}:{}{}", quote_sheet_name(a1->sheet), column_letters(a1->first_column),
                            a1->first_row, column_letters(last_column), last_row);
  doc.AddMember("range", json_string(echoed, alloc), alloc);
  doc.AddMember("majorDimension", json_string(dimension, alloc), alloc);
  if (!cut.empty()) {  // Google leaves "values" out entirely when the range is empty
    Value values(rapidjson::kArrayType);
    for (const auto& row : cut) {
      Value cells(rapidjson::kArrayType);
      for (const auto& cell : row) cells.PushBack(cell_value(cell, unformatted, alloc), alloc);
      values.PushBack(cells, alloc);
    }
    doc.AddMember("values", values, alloc);
  }
  return {200, to_json(doc), {}};
}

StubResponse SheetsStub::token(const QueryParams& form) {
  auto grant_type = first_param(form, "grant_type");
  if (grant_type != kJwtBearerGrant) return oauth_error("unsupported_grant_type", "Invalid grant_type: " + grant_type);
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  if (auto problem = jwt_assertion_problem(first_param(form, "assertion"), now.count())) {
    return oauth_error("invalid_grant", *problem);
  }
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  doc.AddMember("access_token", json_string(fmt::format("sandbox-{}", ++tokens_issued_), alloc), alloc);
  doc.AddMember("expires_in", kTokenLifetimeSeconds, alloc);
  doc.AddMember("token_type", "Bearer", alloc);
  return {200, to_json(doc), {}};
}

StubResponse SheetsStub::fault(const FaultDecision& decision) {
  switch (decision.kind) {
    case FaultKind::kThrottle: {
      auto response = google_error(429, "RESOURCE_EXHAUSTED",
                                   "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
                                   "minute per user' of service 'sheets.googleapis.com'.");
      response.headers.emplace_back("Retry-After", std::to_string(decision.retry_after_seconds));
      return response;
    }
    case FaultKind::kBurst: return google_error(503, "UNAVAILABLE", "The service is currently unavailable.");
    default: return google_error(500, "INTERNAL", "Internal error encountered.");
  }
}

}  // namespace flowc::sandbox
