#include "connectors/google_sheets/google_sheets.hpp"

#include <fmt/format.h>

#include <array>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <stdexcept>

#include "runtime/connector_kit/error_text.hpp"
#include "connectors/google_sheets/google_auth.hpp"
#include "runtime/json_util.hpp"
#include "runtime/connector_kit/url.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::string_view kDefaultBaseUrl = "https://sheets.googleapis.com";
constexpr std::string_view kReadonlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";
constexpr long long kDefaultChunkRows = 1000;

// Everything a sheet read needs, taken from the fields and the account when the source opens.
struct SheetQuery {
  std::string account;
  std::string base_url;
  std::string spreadsheet;
  std::string sheet;
  SheetWindow window;
  long long chunk_rows = kDefaultChunkRows;
  std::string api_key;
  std::string access_token;
  std::string service_account_file;
  std::string token_url;
  RetryPolicy retry;
  RateLimiter* limiter = nullptr;
  bool insecure_tls = false;
};

SheetQuery read_query(const rapidjson::Value& fields, const AccountConfig& account) {
  SheetQuery query;
  query.account = account.name;
  query.base_url = account.get("base_url", kDefaultBaseUrl);
  query.spreadsheet = text_field(fields, "spreadsheet", text_field(fields, "spreadsheet_id"));
  query.sheet = text_field(fields, "sheet");
  query.window = parse_sheet_window(text_field(fields, "range"));
  query.chunk_rows = integer_field(fields, "chunk_rows", kDefaultChunkRows);
  query.api_key = account.get("api_key");
  query.access_token = account.get("access_token");
  query.service_account_file = account.get("service_account_file");
  query.token_url = account.get("token_url");
  query.retry = account.retry;
  query.limiter = account.limiter;
  query.insecure_tls = account.insecure_tls;
  if (query.spreadsheet.empty()) throw std::runtime_error("google_sheets new_rows needs a `spreadsheet` id");
  if (query.sheet.empty()) throw std::runtime_error("google_sheets new_rows needs a `sheet` name");
  if (query.chunk_rows < 2) throw std::runtime_error("chunk_rows must be at least 2");
  if (query.api_key.empty() && query.access_token.empty() && query.service_account_file.empty()) {
    throw std::runtime_error(
        fmt::format("google_sheets account \"{}\" needs api_key, access_token or service_account_file", query.account));
  }
  return query;
}

class SheetRowSource final : public RowSource {
 public:
  SheetRowSource(SheetQuery query, HttpClient& http) : query_(std::move(query)), http_(http) {}

  std::optional<Row> next() override {
    while (pending_.empty() && !finished_) fetch_chunk();
    if (pending_.empty()) return std::nullopt;
    Row row = std::move(pending_.front());
    pending_.pop_front();
    return row;
  }

 private:
  void fetch_chunk() {
    const SheetWindow& window = query_.window;
    long long first = next_row_;
    long long last = first + query_.chunk_rows - 1;
    if (window.last_row > 0) last = std::min(last, window.last_row);
    std::optional<rapidjson::Document> answer = get_values(a1_range(query_.sheet, window, first, last), first);
    if (!answer) {
      finished_ = true;
      return;
    }
    const rapidjson::Value* values = member(*answer, "values");
    rapidjson::SizeType count = values != nullptr && values->IsArray() ? values->Size() : 0;
    for (rapidjson::SizeType i = 0; i < count; ++i) take_row(first + i, (*values)[i]);
    next_row_ = last + 1;
    // Google leaves out trailing empty rows, so a chunk that comes back short is the sheet's end.
    finished_ = static_cast<long long>(count) < last - first + 1 || (window.last_row > 0 && last >= window.last_row);
  }

  void take_row(long long number, const rapidjson::Value& cells) {
    std::vector<std::string> texts;
    bool blank = true;
    if (cells.IsArray()) {
      for (const auto& cell : cells.GetArray()) {
        texts.push_back(scalar_text(&cell).value_or(""));
        blank = blank && texts.back().empty();
      }
    }
    if (!columns_) {  // the first row of the sheet names the columns
      columns_ = std::make_shared<const std::vector<std::string>>(std::move(texts));
      return;
    }
    if (blank) return;               // an empty line between rows is not a row
    texts.resize(columns_->size());  // ragged rows padded; cells beyond the header have no name
    pending_.push_back(Row{static_cast<std::uint64_t>(number), columns_, std::move(texts)});
  }

  // The values of `range`, or nullopt when a range starting at `first` lies past the sheet's
  // grid: a sheet whose rows exactly fill the chunks before it ends there, and Google answers
  // such a range with 400 "exceeds grid limits" rather than with no values.
  std::optional<rapidjson::Document> get_values(const std::string& range, long long first) {
    HttpRequest request;
    // The catalog documents the base URL with its /v4 (https://sheets.googleapis.com/v4); accept
    // it with or without.
    std::string_view version = std::string_view(query_.base_url).ends_with("/v4") ? "" : "v4/";
    request.url = join_url(query_.base_url, fmt::format("{}spreadsheets/{}/values/{}", version,
                                                        url_encode(query_.spreadsheet), url_encode(range))) +
                  "?majorDimension=ROWS";
    request.headers = {{"Accept", "application/json"}};
    request.insecure_tls = query_.insecure_tls;
    authorize(request);
    HttpResponse response = http_.perform(std::move(request), query_.retry, query_.limiter);
    if (first > 1 && response.status == 400 && response.body.find("exceeds grid limits") != std::string::npos) {
      return std::nullopt;
    }
    if (!response.ok()) {
      throw std::runtime_error(fmt::format("Google Sheets could not read {} of spreadsheet {} (HTTP {}): {}", range,
                                           query_.spreadsheet, response.status, error_text(response)));
    }
    auto answer = parse_json(response.body);
    if (!answer)
      throw std::runtime_error(fmt::format("Google Sheets answered {} with a response that is {}", range,
                                           not_json_text(response)));
    if (!answer->IsObject())
      throw std::runtime_error(fmt::format("Google Sheets answered {} with JSON that is not an object", range));
    return answer;
  }

  void authorize(HttpRequest& request) {
    if (!query_.service_account_file.empty()) {
      if (!key_) key_ = load_service_account_key(query_.service_account_file);
      std::string token_url = query_.token_url.empty() ? key_->token_uri : query_.token_url;
      request.headers.emplace_back(
          "Authorization", "Bearer " + service_account_token(*key_, token_url, kReadonlyScope, http_, query_.retry,
                                                                     query_.insecure_tls));
    } else if (!query_.access_token.empty()) {
      request.headers.emplace_back("Authorization", "Bearer " + query_.access_token);
    } else {
      request.url += "&key=" + url_encode(query_.api_key);
    }
  }

  SheetQuery query_;
  HttpClient& http_;
  std::optional<ServiceAccountKey> key_;
  Columns columns_;
  std::deque<Row> pending_;
  long long next_row_ = query_.window.first_row;
  bool finished_ = false;
};

class NewRowsAction final : public SourceAction {
 public:
  std::unique_ptr<RowSource> open(const rapidjson::Value& fields, const AccountConfig& account,
                                  HttpClient& http) const override {
    return std::make_unique<SheetRowSource>(read_query(fields, account), http);
  }
};

}  // namespace

namespace {

// One end of an A1 range: column letters, then an optional row number.
bool parse_cell(std::string_view text, std::string& column, long long& row) {
  std::size_t letters = 0;
  while (letters < text.size() && std::isalpha(static_cast<unsigned char>(text[letters])) != 0) ++letters;
  if (letters == 0 || letters > 3) return false;
  column.clear();
  for (char c : text.substr(0, letters)) column += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view digits = text.substr(letters);
  if (digits.empty()) return true;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  return error == std::errc() && end == digits.data() + digits.size() && row > 0;
}

}  // namespace

SheetWindow parse_sheet_window(std::string_view range) {
  SheetWindow window;
  if (range.empty()) return window;
  auto colon = range.find(':');
  bool valid = colon != std::string_view::npos &&
               parse_cell(range.substr(0, colon), window.first_column, window.first_row) &&
               parse_cell(range.substr(colon + 1), window.last_column, window.last_row);
  if (!valid || (window.last_row > 0 && window.last_row < window.first_row)) {
    throw std::runtime_error(fmt::format("range \"{}\" is not an A1 range such as A1:H or B2:F500", range));
  }
  return window;
}

std::string a1_range(std::string_view sheet, const SheetWindow& window, long long first_row, long long last_row) {
  std::string quoted = "'";
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return fmt::format("{}'!{}{}:{}{}", quoted, window.first_column, first_row, window.last_column, last_row);
}

const SourceAction& google_sheets_new_rows_action() {
  static const NewRowsAction action;
  return action;
}

const Connector& google_sheets_connector() {
  static const std::array<NamedAction<SourceAction>, 1> kSources{{{"new_rows", &google_sheets_new_rows_action()}}};
  static const Connector kConnector{"google_sheets", {}, kSources};
  return kConnector;
}

}  // namespace flowc::runtime::connectors
