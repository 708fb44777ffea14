#include "runtime/manifest_engine/source/record_rows.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "base/json/json_writer.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

// A cell's text: scalars as text, a nested object or list as its JSON, null as empty.
std::string cell_text(const rapidjson::Value& value) {
  if (value.IsNull()) return {};
  if (value.IsObject() || value.IsArray()) return to_json(value);
  return connectors::scalar_text(&value).value_or("");
}

}  // namespace

void RecordRows::take(const rapidjson::Value& records, std::deque<Row>& out) {
  // Every member of the page's objects is a column of each of its rows (empty where a record
  // lacks it), so a flow may read a member that only some records have.
  if (!header_first_) {
    if (!columns_) columns_ = std::make_shared<const std::vector<std::string>>();
    for (const auto& record : records.GetArray()) {
      if (!record.IsObject()) continue;
      for (const auto& member : record.GetObject()) column_of({member.name.GetString(), member.name.GetStringLength()});
    }
  }
  for (const auto& record : records.GetArray()) {
    ++taken_;
    if (header_first_ && record.IsArray()) {
      take_array(record, out);
    } else if (!header_first_ && record.IsObject()) {
      take_object(record, out);
    } else {
      throw std::runtime_error(fmt::format("record {} is {}, not {}", taken_, record.IsArray() ? "a list" : "not an object",
                                           header_first_ ? "a list of cells" : "an object"));
    }
  }
}

std::size_t RecordRows::column_of(std::string_view name) {
  auto [known, added] = column_index_.try_emplace(std::string(name), columns_->size());
  if (!added) return known->second;
  // A member no record had before: a wider set of columns for this row and the next ones.
  auto wider = std::make_shared<std::vector<std::string>>(*columns_);
  wider->emplace_back(name);
  columns_ = std::move(wider);
  return known->second;
}

void RecordRows::take_object(const rapidjson::Value& record, std::deque<Row>& out) {
  std::vector<std::string> cells(columns_->size());
  for (const auto& member : record.GetObject()) {
    const std::size_t at = column_of({member.name.GetString(), member.name.GetStringLength()});
    if (at >= cells.size()) cells.resize(at + 1);
    cells[at] = cell_text(member.value);
  }
  out.push_back(Row{taken_, columns_, std::move(cells)});
}

void RecordRows::take_array(const rapidjson::Value& record, std::deque<Row>& out) {
  std::vector<std::string> cells;
  bool blank = true;
  for (const auto& cell : record.GetArray()) {
    cells.push_back(cell_text(cell));
    blank = blank && cells.back().empty();
  }
  if (!columns_) {  // the first names the columns
    columns_ = std::make_shared<const std::vector<std::string>>(std::move(cells));
    return;
  }
  if (blank) return;               // an empty line between rows is not a row
  cells.resize(columns_->size());  // ragged rows padded; cells beyond the header have no name
  out.push_back(Row{taken_, columns_, std::move(cells)});
}

}  // namespace flowc::runtime::manifest_engine
