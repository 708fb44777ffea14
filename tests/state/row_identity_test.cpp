#include "runtime/state/row_identity.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "runtime/state/sha256.hpp"
#include "tests/state/state_test_support.hpp"

namespace flowc::runtime::state {
namespace {

using testing::columns;
using testing::make_row;

TEST(RowIdentity, KeyColumnGivesTheKeyWhateverElseChanges) {
  const Row row = make_row(columns({"id", "name"}), {"A-17", "Ann"}, 5);
  const Row edited = make_row(columns({"name", "id", "phone"}), {"Anna", "A-17", "555"}, 90);
  EXPECT_EQ(row_identity(row, "id", 0), "k:A-17");
  EXPECT_EQ(row_identity(edited, "id", 3), "k:A-17");
  EXPECT_NE(content_hash(row), content_hash(edited));
}

TEST(RowIdentity, MissingOrEmptyKeyIsADataErrorNamingRowAndColumn) {
  const Row empty_key = make_row(columns({"id", "name"}), {"", "Ann"}, 4);
  try {
    row_identity(empty_key, "id", 0);
    FAIL() << "an empty key must not identify a row";
  } catch (const DataError& error) {
    EXPECT_EQ(error.row(), 4u);
    EXPECT_EQ(error.column(), "id");
  }
  EXPECT_THROW(row_identity(empty_key, "order_id", 0), DataError);
}

TEST(RowIdentity, HashIsPinnedSoStoredIdentitiesStayValid) {
  // Computed independently: SHA-256 over sorted (name, value) pairs, each piece
  // prefixed by its length as 8 little-endian bytes. If this changes, every row of
  // every flow becomes new again.
  const Row row = make_row(columns({"name", "id"}), {"Ann", "7"});
  EXPECT_EQ(content_hash(row), "878e85c8e4f02990a1690b3fabbad228fb2fefb970aa7e1cc0befc67bbc2d84c");
  EXPECT_EQ(row_identity(row, std::nullopt, 2), "h:878e85c8e4f02990a1690b3fabbad228fb2fefb970aa7e1cc0befc67bbc2d84c:2");
}

TEST(RowIdentity, ColumnOrderDoesNotMatter) {
  const Row row = make_row(columns({"a", "b", "c"}), {"1", "2", "3"});
  const Row reordered = make_row(columns({"c", "a", "b"}), {"3", "1", "2"});
  EXPECT_EQ(row_identity(row, std::nullopt, 0), row_identity(reordered, std::nullopt, 0));
}

TEST(RowIdentity, ColumnNamesAndValuesBothCount) {
  const Row row = make_row(columns({"a", "b"}), {"1", "2"});
  EXPECT_NE(content_hash(row), content_hash(make_row(columns({"a", "c"}), {"1", "2"})));
  EXPECT_NE(content_hash(row), content_hash(make_row(columns({"a", "b"}), {"1", "3"})));
  // Swapped values under the same names are a different row.
  EXPECT_NE(content_hash(row), content_hash(make_row(columns({"a", "b"}), {"2", "1"})));
}

TEST(RowIdentity, LengthPrefixesKeepPieceBoundaries) {
  const Row one = make_row(columns({"a", "b"}), {"xy", "z"});
  const Row other = make_row(columns({"a", "b"}), {"x", "yz"});
  EXPECT_NE(content_hash(one), content_hash(other));
}

TEST(RowIdentity, AnAddedEmptyColumnKeepsIdentities) {
  const Row before = make_row(columns({"id", "name"}), {"1", "Ann"});
  const Row after = make_row(columns({"id", "name", "notes"}), {"1", "Ann", ""});
  EXPECT_EQ(content_hash(before), content_hash(after));
}

TEST(RowIdentifier, IdenticalRowsAreCountedByOccurrence) {
  const auto names = columns({"name"});
  RowIdentifier identifier(std::nullopt);
  const RowId first = identifier.identify(make_row(names, {"Ann"}));
  const RowId other = identifier.identify(make_row(names, {"Bob"}));
  const RowId second = identifier.identify(make_row(names, {"Ann"}));
  EXPECT_EQ(first.occurrence, 0);
  EXPECT_EQ(other.occurrence, 0);
  EXPECT_EQ(second.occurrence, 1);
  EXPECT_NE(first.identity, second.identity);
  EXPECT_EQ(first.content_hash, second.content_hash);
  EXPECT_EQ(second.identity, row_identity(make_row(names, {"Ann"}), std::nullopt, 1));
}

TEST(RowIdentifier, WithAKeyARepeatedKeyNamesTheFirstRowOfTheKey) {
  const auto names = columns({"id", "name"});
  RowIdentifier identifier(std::string("id"));
  const RowId first = identifier.identify(make_row(names, {"7", "Ann"}, 2));
  const RowId other = identifier.identify(make_row(names, {"8", "Ann"}, 3));
  const RowId repeated = identifier.identify(make_row(names, {"7", "Bob"}, 4));
  EXPECT_EQ(first.identity, "k:7");
  EXPECT_EQ(repeated.identity, "k:7");
  EXPECT_EQ(repeated.occurrence, 0);
  EXPECT_EQ(first.repeats_row, 0u);
  EXPECT_EQ(other.repeats_row, 0u);
  EXPECT_EQ(repeated.repeats_row, 2u);
  EXPECT_NE(first.content_hash, repeated.content_hash);
}

TEST(RowIdentifier, ACompoundKeyIsAJsonArrayThatNoValueCanForge) {
  const auto names = columns({"order_id", "sku"});
  RowIdentifier identifier(KeyColumns{"order_id", "sku"});
  const RowId plain = identifier.identify(make_row(names, {"1017", "A-5"}, 2));
  const RowId split_here = identifier.identify(make_row(names, {"a\",\"b", "c"}, 3));
  const RowId split_there = identifier.identify(make_row(names, {"a", "b\",\"c"}, 4));
  EXPECT_EQ(plain.identity, R"(k:["1017","A-5"])");
  EXPECT_NE(split_here.identity, split_there.identity);
  EXPECT_EQ(split_there.repeats_row, 0u);
}

TEST(RowIdentifier, ACompoundKeyNeedsEveryPart) {
  RowIdentifier identifier(KeyColumns{"order_id", "sku"});
  EXPECT_THROW(identifier.identify(make_row(columns({"order_id", "sku"}), {"1017", ""}, 2)), DataError);
}

TEST(Sha256, MatchesTheStandardVectorsFromAnyThread) {
  // The algorithm is fetched from OpenSSL once and shared; the hex is written by hand.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([] {
      for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace
}  // namespace flowc::runtime::state
