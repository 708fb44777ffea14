#include "runtime/state/row_identity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
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
  throw DataError(row.number, key_column, fmt::format("the source has no key column '{}'", key_column));
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
  if (key_column) return "k:" + key_cell(row, *key_column);
  return hash_identity(content_hash(row), occurrence);
}

RowId RowIdentifier::identify(const Row& row) {
  RowId id;
  id.content_hash = content_hash(row);
  if (key_column_) {
    // A key names the row by itself: nothing to remember, so memory stays flat however long
    // the source. (A key repeated within one read is the same row; the runner keeps it from
    // being sent twice.)
    id.identity = "k:" + key_cell(row, *key_column_);
  } else {
    // Identical rows are told apart by how many came before in this read. The first 64 bits of
    // the SHA-256 stand for the row here: about 40 bytes a row instead of a 64-byte hex string.
    const std::uint64_t prefix = std::stoull(id.content_hash.substr(0, 16), nullptr, 16);
    id.occurrence = seen_[prefix]++;
    id.identity = hash_identity(id.content_hash, id.occurrence);
  }
  return id;
}

}  // namespace flowc::runtime::state
