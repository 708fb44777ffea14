// Opening the store, and the new-row bookkeeping (handled rows, seeding).
#include "runtime/state/state_store.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <system_error>

#include "runtime/state/sqlite/schema.hpp"
#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_error.hpp"
#include "runtime/state/timestamps.hpp"

namespace flowc::runtime::state {
namespace {

std::filesystem::path absolute_path(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return error ? path : absolute;
}

// Where to point flowc instead, said with every error that comes from the file's location.
constexpr std::string_view kChooseAnotherFile = "choose another file with --state FILE or FLOWC_STATE=FILE";

void create_parent_directory(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    throw StateError(path, fmt::format("cannot create its directory {}: {}; {}", path.parent_path().string(),
                                       error.message(), kChooseAnotherFile));
  }
}

// Why SQLite could not open or create `path`, in terms a user can act on; nullopt when the path
// looks usable (then SQLite's own words are all there is).
std::optional<std::string> unusable_path(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return fmt::format("cannot open: it is a directory, not a state file; {}", kChooseAnotherFile);
  }
  const std::filesystem::path directory = path.parent_path();
  const bool exists = std::filesystem::exists(path, error);
  if (exists && ::access(path.c_str(), R_OK | W_OK) != 0) {
    return fmt::format("cannot open: this user may not read and write the file; fix its permissions or {}",
                       kChooseAnotherFile);
  }
  if (::access(directory.c_str(), W_OK | X_OK) != 0) {
    // SQLite also writes its -wal and -shm files beside the database.
    return fmt::format("cannot {} in {}: this user may not write there; make it writable or {}",
                       exists ? "open the file (SQLite keeps its -wal and -shm files beside it)" : "create the file",
                       directory.string(), kChooseAnotherFile);
  }
  return std::nullopt;
}

void configure(Database& db, const StateOptions& options) {
  // WAL: readers (flowc runs/show) never block the writing run, and a commit is
  // one append to the log instead of rewriting pages in place.
  // The timeout first: switching to WAL needs a lock, and another process (a run of another flow
  // under `flowc serve`, `flowc runs`) may be creating or writing the file right now.
  db.exec(fmt::format("PRAGMA busy_timeout = {}", options.busy_timeout.count()));
  if (db.query_text("PRAGMA journal_mode = WAL") != "wal") {
    throw StateError(db.path(), "cannot switch to WAL mode (is the file on a network file system?)");
  }
  db.exec(options.durability == Durability::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  // The schema declares its foreign keys, but this connection does not check them: flowc writes a
  // run's rows only after the run, each row's notes with it, and deletes no run, so the check found
  // nothing yet cost ~1 us of the ~5 us a recorded row takes (and ON DELETE CASCADE acts only with
  // the checks on, for whoever deletes runs by hand with them on). The state tests check the
  // databases they leave for orphans instead (PRAGMA foreign_key_check).
  db.exec("PRAGMA foreign_keys = OFF");
}

}  // namespace

std::filesystem::path default_state_path() {
  return std::filesystem::path(".flowc") / "state.db";
}

std::filesystem::path choose_state_path(const std::optional<std::string>& state_flag) {
  if (state_flag && !state_flag->empty()) return *state_flag;
  const char* from_environment = std::getenv("FLOWC_STATE");
  if (from_environment && *from_environment) return from_environment;
  return default_state_path();
}

StateStore::StateStore(const std::filesystem::path& path, StateOptions options)
    : path_(absolute_path(path)), durability_(options.durability) {
  create_parent_directory(path_);
  try {
    // SQLite opens the file lazily: an unusable path shows only at the first statement.
    db_ = std::make_unique<Database>(path_);
    configure(*db_, options);
  } catch (const StateError&) {
    if (auto reason = unusable_path(path_)) throw StateError(path_, *reason);
    throw;
  }
  migrate(*db_);
}

StateStore::~StateStore() = default;

RunLock StateStore::run_lock(const std::string& flow) const {
  return RunLock(path_.parent_path() / "locks", flow);
}

bool StateStore::is_handled(std::string_view flow, std::string_view identity) {
  std::lock_guard guard(mutex_);
  Statement query = db_->prepare("SELECT 1 FROM handled_rows WHERE flow = ?1 AND identity = ?2");
  return query.bind(1, flow).bind(2, identity).step();
}

std::optional<std::string> StateStore::handled_content_hash(std::string_view flow, std::string_view identity) {
  std::lock_guard guard(mutex_);
  // Asked for every row read: the answers share one snapshot until the next write, which records
  // the rows whose identities the runner keeps in flight meanwhile.
  db_->hold_read_snapshot();
  Statement query = db_->prepare("SELECT content_hash FROM handled_rows WHERE flow = ?1 AND identity = ?2");
  if (!query.bind(1, flow).bind(2, identity).step()) return std::nullopt;
  return query.text(0);
}

void StateStore::seed(std::string_view flow, std::span<const RowId> rows) {
  std::lock_guard guard(mutex_);
  WriteTransaction transaction(*db_);
  const std::string now = utc_now();
  for (const RowId& row : rows) mark_handled(flow, row.identity, row.content_hash, std::nullopt, now);
  transaction.commit();
}

void StateStore::mark_handled(std::string_view flow, std::string_view identity, std::string_view content_hash,
                              std::optional<std::string_view> run_id, std::string_view now) {
  Statement upsert = db_->prepare(
      "INSERT INTO handled_rows (flow, identity, content_hash, run_id, handled_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (flow, identity) DO UPDATE SET content_hash = excluded.content_hash, run_id = excluded.run_id, "
      "handled_at = excluded.handled_at");
  upsert.bind(1, flow).bind(2, identity).bind(3, content_hash).bind_optional(4, run_id).bind(5, now).run();
}

}  // namespace flowc::runtime::state
