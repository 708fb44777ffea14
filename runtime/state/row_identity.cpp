#include "runtime/state/row_identity.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/state/sha256.hpp"

namespace flowc::runtime::state {
namespace {

// Each piece is prefixed with its length (8 bytes, little endian) so that no two
// different rows can produce the same bytes ("ab"+"c" vs "a"+"bc").
void append_piece(std::string& out, std::string_view piece) {
  std::uint64_t size = piece.size();
  for (int byte = 0; byte < 8; ++byte) {
    out.push_back(static_cast<char>(size & 0xffu));
    size >>= 8;
  }
  out.append(piece);
}

const std::string& column_name(const Row& row, std::size_t index) {
  static const std::string kUnnamed;
  return row.columns && index < row.columns->size() ? (*row.columns)[index] : kUnnamed;
}

// A header read with the wrong delimiter is one column whose name holds the others.
std::string delimiter_hint(const Row& row) {
  if (!row.columns || row.columns->size() != 1 || row.columns->front().find(';') == std::string::npos) return "";
  return fmt::format(" (its one column is named '{}': if its cells are separated by semicolons, set "
                     "`delimiter = \";\"` on the source)",
                     row.columns->front());
}

// The key cell, or DataError when the row cannot be identified by it.
const std::string& key_cell(const Row& row, const std::string& key_column) {
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    if (column_name(row, i) != key_column) continue;
    if (row.cells[i].empty()) {
      throw DataError(row.number, key_column,
                      fmt::format("row {} has no value in key column '{}'", row.number, key_column));
    }
    return row.cells[i];
  }
  throw DataError(row.number, key_column,
                  fmt::format("the source has no key column '{}'{}", key_column, delimiter_hint(row)));
}

// "k:<value>" for one key column, as it always was (stored identities stay valid); the values
// as a JSON array for several.
std::string key_identity(const Row& row, const KeyColumns& key_columns) {
  if (key_columns.size() == 1) return "k:" + key_cell(row, key_columns.front());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartArray();
  for (const std::string& column : key_columns) {
    const std::string& value = key_cell(row, column);
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  writer.EndArray();
  return "k:" + std::string(buffer.GetString(), buffer.GetSize());
}

// `id = "1"`, `order_id = "1", sku = "A"`.
std::string key_values(const Row& row, const KeyColumns& key_columns) {
  std::string out;
  for (const std::string& column : key_columns) {
    const std::string* value = row.find(column);
    out += fmt::format("{}{} = \"{}\"", out.empty() ? "" : ", ", column, value != nullptr ? *value : "");
  }
  return out;
}

std::string hash_identity(std::string_view hash, int occurrence) {
  return fmt::format("h:{}:{}", hash, occurrence);
}

}  // namespace

std::string content_hash(const Row& row) {
  std::vector<std::pair<std::string_view, std::string_view>> named_cells;
  named_cells.reserve(row.cells.size());
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    if (!row.cells[i].empty()) named_cells.emplace_back(column_name(row, i), row.cells[i]);
  }
  std::sort(named_cells.begin(), named_cells.end());  // by name, then value for repeated names
  std::string bytes;
  for (const auto& [name, value] : named_cells) {
    append_piece(bytes, name);
    append_piece(bytes, value);
  }
  return sha256_hex(bytes);
}

std::string row_identity(const Row& row, const std::optional<std::string>& key_column, int occurrence) {
  if (key_column) return key_identity(row, {*key_column});
  return hash_identity(content_hash(row), occurrence);
}

DataError repeated_key_error(const Row& row, const KeyColumns& key_columns, std::uint64_t first_row) {
  const bool compound = key_columns.size() > 1;
  return DataError(
      row.number, key_columns.front(),
      fmt::format("row {} has the same key as row {} ({}), so it is not sent: the key must tell every row apart; "
                  "choose a {} whose values differ from row to row{}",
                  row.number, first_row, key_values(row, key_columns), compound ? "set of columns" : "column",
                  compound ? "" : ", or several that do together: `key = [order_id, sku]`"));
}

std::size_t RowIdentifier::ContentPrefixHash::operator()(const ContentPrefix& prefix) const {
  return static_cast<std::size_t>(prefix.high ^ prefix.low);  // already uniformly spread (SHA-256)
}

namespace {

// Sixteen hex digits as a number, read in place: this runs for every row read.
std::uint64_t hex_word(std::string_view hex) {
  std::uint64_t word = 0;
  std::from_chars(hex.data(), hex.data() + hex.size(), word, 16);
  return word;
}

}  // namespace

RowIdentifier::ContentPrefix RowIdentifier::content_prefix(std::string_view hex_hash) {
  return {hex_word(hex_hash.substr(0, 16)), hex_word(hex_hash.substr(16, 16))};
}

RowId RowIdentifier::identify(const Row& row) {
  RowId id;
  id.content_hash = content_hash(row);
  if (!key_columns_.empty()) {
    id.identity = key_identity(row, key_columns_);
    const auto [first, added] = key_rows_.try_emplace(id.identity, row.number);
    if (!added) id.repeats_row = first->second;
  } else {
    // Identical rows are told apart by how many came before in this read.
    id.occurrence = seen_[content_prefix(id.content_hash)]++;
    id.identity = hash_identity(id.content_hash, id.occurrence);
  }
  return id;
}

}  // namespace flowc::runtime::state
