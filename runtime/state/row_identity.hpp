// Which source row is which, across reads: the key of "new rows exactly once".
//
// With a key column a row is its key ("k:<value>"), wherever it sits and whatever
// else changes. Without one a row is its content: "h:<sha256>:<occurrence>",
// where the occurrence numbers identical rows within one read, so two identical
// rows are still two rows. The hash covers (column name, value) pairs sorted by
// name, so re-ordering columns changes nothing, and it skips empty cells, so adding
// an empty column to a sheet does not make every row new. The encoding is frozen:
// changing it would make every row of every flow new again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "runtime/row.hpp"

namespace flowc::runtime::state {

// SHA-256 (lower-case hex) of the row's non-empty cells with their column names.
// Also the "content hash" stored beside a handled row, to notice edits.
std::string content_hash(const Row& row);

// The row's identity. `occurrence` (0 for the first of identical rows in a read)
// matters only without a key column. Throws DataError when the key column is
// missing from the source or empty in this row: such a row cannot be told apart
// from others, and it will be picked up once its key is filled in.
std::string row_identity(const Row& row, const std::optional<std::string>& key_column, int occurrence);

struct RowId {
  std::string identity;
  std::string content_hash;
  // How many earlier rows of this read had the same content (no key column; always 0 with a
  // key column, where a repeated key is the same row).
  int occurrence = 0;
};

// Identifies the rows of one read in order, counting identical rows. Use a fresh
// one for every read of the source.
class RowIdentifier {
 public:
  explicit RowIdentifier(std::optional<std::string> key_column) : key_column_(std::move(key_column)) {}
  RowId identify(const Row& row);

 private:
  std::optional<std::string> key_column_;
  std::unordered_map<std::uint64_t, int> seen_;  // content hash prefix -> identical rows seen so far
};

}  // namespace flowc::runtime::state
