// Which source row is which, across reads: the key of "new rows exactly once".
//
// With a key column a row is its key ("k:<value>"), wherever it sits and whatever
// else changes; with a compound key (`key = [order_id, sku]`) the values as a JSON
// array ("k:[\"1017\",\"A-5\"]"), so no value can pass for two. Without one a row is its content: "h:<sha256>:<occurrence>",
// where the occurrence numbers identical rows within one read, so two identical
// rows are still two rows. The hash covers (column name, value) pairs sorted by
// name, so re-ordering columns changes nothing, and it skips empty cells, so adding
// an empty column to a sheet does not make every row new. The encoding is frozen:
// changing it would make every row of every flow new again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/rows/row.hpp"

namespace flowc::runtime::state {

// SHA-256 (lower-case hex) of the row's non-empty cells with their column names.
// Also the "content hash" stored beside a handled row, to notice edits.
std::string content_hash(const Row& row);

// The row's identity. `occurrence` (0 for the first of identical rows in a read)
// matters only without a key column. Throws DataError when the key column is
// missing from the source or empty in this row: such a row cannot be told apart
// from others, and it will be picked up once its key is filled in.
std::string row_identity(const Row& row, const std::optional<std::string>& key_column, int occurrence);

// The source's `key`: one column or several together; empty: rows are identified by content.
using KeyColumns = std::vector<std::string>;

struct RowId {
  std::string identity;
  std::string content_hash;
  // How many earlier rows of this read had the same content (no key column; always 0 with a
  // key column).
  int occurrence = 0;
  // With a key: the number of the earlier row of this read with the same key, 0 when none.
  // Two rows with one key cannot both be sent once each: the second is an error.
  std::uint64_t repeats_row = 0;
};

// The error for a row whose key an earlier row of the same read has: says which rows, which
// key, and how to choose one that tells every row apart.
DataError repeated_key_error(const Row& row, const KeyColumns& key_columns, std::uint64_t first_row);

// Identifies the rows of one read in order, counting identical rows and noticing repeated keys.
// Use a fresh one for every read of the source.
class RowIdentifier {
 public:
  explicit RowIdentifier(KeyColumns key_columns) : key_columns_(std::move(key_columns)) {}
  explicit RowIdentifier(const std::optional<std::string>& key_column)
      : RowIdentifier(key_column ? KeyColumns{*key_column} : KeyColumns{}) {}
  RowId identify(const Row& row);

 private:
  // A row's content is known by the first 128 bits of its SHA-256: two different contents that
  // share them are not expected in the life of the universe, and 16 bytes a row (instead of a
  // 64-byte hex string) keep a read of millions of rows within some tens of megabytes.
  struct ContentPrefix {
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    bool operator==(const ContentPrefix&) const = default;
  };
  struct ContentPrefixHash {
    std::size_t operator()(const ContentPrefix& prefix) const;
  };
  static ContentPrefix content_prefix(std::string_view hex_hash);

  KeyColumns key_columns_;
  std::unordered_map<ContentPrefix, int, ContentPrefixHash> seen_;  // content -> identical rows seen so far
  // Key identity -> the row that had it first. Kept whole, so that two rows are a repeat only when
  // their keys are equal; keys are short (an order number fits in the string itself).
  std::unordered_map<std::string, std::uint64_t> key_rows_;
};

}  // namespace flowc::runtime::state
