#include "runtime/state/sqlite/sqlite_db.hpp"

#include <fmt/format.h>

#include <mutex>

#include "runtime/state/state_error.hpp"

namespace flowc::runtime::state {
namespace {

// SQLite's allocation statistics take a global mutex on every malloc and free, and nothing in
// flowc reads them. The setting is process-wide and only accepted before SQLite initialises; if
// something else initialised it first, the statistics simply stay on.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
  // An empty view may have no data pointer, which SQLite would store as NULL.
  const char* bytes = text.empty() ? "" : text.data();
  db_->check(sqlite3_bind_text(stmt_, index, bytes, static_cast<int>(text.size()), SQLITE_TRANSIENT),
             "binding a parameter");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t number) {
  db_->check(sqlite3_bind_int64(stmt_, index, number), "binding a parameter");
  return *this;
}

Statement& Statement::bind_optional(int index, std::optional<std::string_view> text_or_null) {
  return text_or_null ? bind(index, *text_or_null) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  db_->check(sqlite3_bind_null(stmt_, index), "binding a parameter");
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(stmt_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  db_->fail(fmt::format("running \"{}\"", sqlite3_sql(stmt_)));
}

void Statement::run() {
  while (step()) {
  }
  sqlite3_reset(stmt_);  // ready to bind and run again, as in a loop of inserts
}

std::string Statement::text(int column) const {
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (bytes == nullptr) return {};
  return std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

Database::Database(std::filesystem::path path) : path_(std::move(path)) {
  configure_sqlite_once();
  // NOMUTEX: a Database is used by one thread at a time (StateStore serialises its calls with its
  // own mutex), so SQLite's per-call connection mutex would only be taken and released again.
  const int code = sqlite3_open_v2(path_.c_str(), &handle_,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    // The handle may still hold the message; it must be closed either way.
    const std::string message = handle_ ? sqlite3_errmsg(handle_) : sqlite3_errstr(code);
    sqlite3_close(handle_);
    throw StateError(path_, "cannot open: " + message);
  }
  sqlite3_extended_result_codes(handle_, 1);
}

Database::~Database() {
  statements_.clear();  // every statement must be finalized before the connection closes
  sqlite3_close(handle_);
}

void Database::exec(std::string_view sql) {
  end_read_snapshot();
  char* message = nullptr;
  const int code = sqlite3_exec(handle_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    throw StateError(path_, fmt::format("running \"{}\": {}", sql, text));
  }
}

Statement Database::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr),
          fmt::format("preparing \"{}\"", sql));
    found = statements_.emplace(std::string(sql), std::unique_ptr<sqlite3_stmt, StatementDeleter>(stmt)).first;
  }
  return Statement(*this, found->second.get());
}

std::string Database::query_text(std::string_view sql) {
  Statement statement = prepare(sql);
  return statement.step() ? statement.text(0) : std::string();
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(handle_);
}

void Database::hold_read_snapshot() {
  if (reading_) return;
  prepare("BEGIN").run();  // deferred: the snapshot starts with the first query
  reading_ = true;
}

void Database::end_read_snapshot() {
  if (!reading_) return;
  reading_ = false;
  prepare("COMMIT").run();
}

void Database::check(int code, std::string_view doing) const {
  if (code != SQLITE_OK) fail(doing);
}

void Database::fail(std::string_view doing) const {
  throw StateError(path_, fmt::format("{}: {}", doing, sqlite3_errmsg(handle_)));
}

// The statements come from the connection's cache: a run begins and commits a transaction for
// every batch of rows, and compiling them again each time showed up in its profile.
WriteTransaction::WriteTransaction(Database& db) : db_(db) {
  db_.end_read_snapshot();
  db_.prepare("BEGIN IMMEDIATE").run();
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    db_.prepare("ROLLBACK").run();
  } catch (const StateError&) {
    // SQLite already rolled back on its own (e.g. after SQLITE_FULL); nothing is left to undo.
  }
}

void WriteTransaction::commit() {
  db_.prepare("COMMIT").run();
  open_ = false;
}

}  // namespace flowc::runtime::state
