#include "connectors/csv/csv_header.hpp"

#include <stdexcept>

#include "connectors/csv/csv_file.hpp"
#include "runtime/rows/csv_source.hpp"
#include "runtime/rows/row.hpp"

namespace flowc::runtime::connectors {
namespace {

std::string_view value_or(const WrittenFields& fields, const std::string& key, std::string_view fallback) {
  const auto found = fields.find(key);
  return found == fields.end() ? fallback : std::string_view(found->second);
}

}  // namespace

std::optional<SourceHeader> read_csv_header(const WrittenFields& fields, const WrittenFields& account_fields,
                                            std::string_view flow_dir) {
  const std::string_view path = value_or(fields, "path", "");
  if (path.empty() || value_or(fields, "header", "true") == "false") return std::nullopt;
  CsvOptions options;
  try {
    options.delimiter = csv_delimiter(value_or(fields, "delimiter", ","));
  } catch (const std::invalid_argument&) {
    return std::nullopt;  // the run reports a bad delimiter; a header split wrongly would only mislead
  }
  options.encoding = csv_encoding(value_or(fields, "encoding", ""));
  SourceHeader out;
  out.file = csv_file_path(path, value_or(account_fields, "dir", ""), flow_dir);
  try {
    CsvSource source(out.file, options);
    if (source.columns()) out.columns = *source.columns();
    if (out.columns.empty()) return std::nullopt;  // an empty file names no columns yet
  } catch (const DataError& e) {
    out.problem = out.file + ": " + e.what();
  } catch (const std::exception& e) {
    out.problem = e.what();
  }
  return out;
}

}  // namespace flowc::runtime::connectors
