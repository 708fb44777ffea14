#include "cli/source_file_reader.hpp"

#include <filesystem>
#include <stdexcept>

#include "runtime/connectors/csv_file.hpp"
#include "runtime/rows/csv_source.hpp"
#include "runtime/rows/row.hpp"

namespace flowc::cli {
namespace {

std::string_view value_or(const std::map<std::string, std::string>& fields, const std::string& key,
                          std::string_view fallback) {
  const auto found = fields.find(key);
  return found == fields.end() ? fallback : std::string_view(found->second);
}

}  // namespace

std::optional<SourceFileColumns> read_source_file_header(const SourceFileQuery& query) {
  if (query.connector != "csv" || query.action != "new_rows") return std::nullopt;
  const std::string_view path = value_or(query.fields, "path", "");
  if (path.empty() || value_or(query.fields, "header", "true") == "false") return std::nullopt;
  runtime::CsvOptions options;
  try {
    options.delimiter = runtime::connectors::csv_delimiter(value_or(query.fields, "delimiter", ","));
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // the run reports a bad delimiter; a header split wrongly would only mislead
  }
  options.encoding = runtime::connectors::csv_encoding(value_or(query.fields, "encoding", ""));
  SourceFileColumns out;
  out.file = runtime::connectors::csv_file_path(path, value_or(query.account_fields, "dir", ""),
                                                std::filesystem::path(query.flow_path).parent_path().string());
  try {
    runtime::CsvSource source(out.file, options);
    if (source.columns()) out.columns = *source.columns();
    if (out.columns.empty()) return std::nullopt;  // an empty file names no columns yet
  } catch (const runtime::DataError& e) {
    out.problem = out.file + ": " + e.what();
  } catch (const std::exception& e) {
    out.problem = e.what();
  }
  return out;
}

}  // namespace flowc::cli
