// A thin RAII layer over the SQLite C API: a connection with a cache of prepared
// statements, a statement cursor, and a write transaction that rolls back unless
// committed. Every failure becomes a StateError carrying the file path.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flowc::runtime::state {

class Database;

// A prepared statement in use: bind, step through rows, read columns. It is reset
// (and its bindings cleared) on destruction so the cached statement can be reused.
class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt) : db_(&db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind_optional(int index, std::optional<std::string_view> text_or_null);
  Statement& bind_null(int index);

  // Advances to the next result row; false when done.
  bool step();
  // Runs a statement that returns no rows, then resets it for the next run.
  void run();

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens (creating if needed) the database file. The parent directory must exist.
  explicit Database(std::filesystem::path path);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const std::filesystem::path& path() const { return path_; }

  // Runs one or more statements that return nothing (schema, pragmas).
  void exec(std::string_view sql);
  // A statement from the cache, prepared on first use. Valid SQL is a programming
  // matter, but an error still names the file and the statement.
  Statement prepare(std::string_view sql);
  // Returns the single text value of a query such as "PRAGMA journal_mode=WAL".
  std::string query_text(std::string_view sql);
  std::int64_t last_insert_rowid() const;

  // Opens a read transaction unless one is open: the queries that follow share its snapshot and
  // skip the locks that a transaction of their own would take (a run asks whether each row is new
  // between two commits). Writes end it first (WriteTransaction, exec), so it never holds back
  // this connection's commits, nor the checkpoints that keep the log from growing.
  void hold_read_snapshot();
  // Ends the read transaction of hold_read_snapshot(), if one is open.
  void end_read_snapshot();

  // Throws StateError with SQLite's message for `code`, unless it is `ok`.
  void check(int code, std::string_view doing) const;
  [[noreturn]] void fail(std::string_view doing) const;

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };
  std::filesystem::path path_;
  sqlite3* handle_ = nullptr;
  bool reading_ = false;  // a hold_read_snapshot() transaction is open
  std::map<std::string, std::unique_ptr<sqlite3_stmt, StatementDeleter>, std::less<>> statements_;
};

// BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails
// half-way with SQLITE_BUSY when it first writes; busy_timeout covers the wait.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  // Rolls back unless commit() succeeded: an exception part-way leaves nothing behind.
  ~WriteTransaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace flowc::runtime::state
