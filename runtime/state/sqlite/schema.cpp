#include "runtime/state/sqlite/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

#include "runtime/state/sqlite/sqlite_db.hpp"
#include "runtime/state/state_error.hpp"

namespace flowc::runtime::state {
namespace {

// Version 1: which rows each flow has handled ("new rows exactly once").
constexpr std::string_view kHandledRows = R"sql(
CREATE TABLE handled_rows (
  flow         TEXT NOT NULL,
  identity     TEXT NOT NULL,  -- "k:<key>" or "h:<content hash>:<occurrence>"
  content_hash TEXT NOT NULL,  -- to notice edits under the same key
  run_id       TEXT,           -- NULL when seeded
  handled_at   TEXT NOT NULL,
  PRIMARY KEY (flow, identity)
) WITHOUT ROWID;
)sql";

// Version 2: run history, each row's outcome, and the sends in flight, so a run
// killed mid-send leaves a trace that the next run turns into "uncertain".
constexpr std::string_view kRunHistory = R"sql(
CREATE TABLE runs (
  id         TEXT PRIMARY KEY,
  flow       TEXT NOT NULL,
  flow_file  TEXT NOT NULL,
  trigger    TEXT NOT NULL,
  pid        INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  outcome    TEXT NOT NULL CHECK (outcome IN ('running', 'completed', 'failed', 'interrupted')),
  error      TEXT NOT NULL DEFAULT '',
  rows_read  INTEGER NOT NULL DEFAULT 0,
  filtered   INTEGER NOT NULL DEFAULT 0,
  done       INTEGER NOT NULL DEFAULT 0,
  errors     INTEGER NOT NULL DEFAULT 0,
  success    INTEGER NOT NULL DEFAULT 0,
  fail       INTEGER NOT NULL DEFAULT 0,
  skipped    INTEGER NOT NULL DEFAULT 0,
  unhandled  INTEGER NOT NULL DEFAULT 0,
  uncertain  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_flow ON runs (flow, outcome);

CREATE TABLE row_outcomes (
  id           INTEGER PRIMARY KEY,  -- grows with time: "later" means a larger id
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  flow         TEXT NOT NULL,
  identity     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  row_number   INTEGER NOT NULL,
  error        TEXT NOT NULL DEFAULT '',
  handled      INTEGER NOT NULL,  -- the row reached its last step
  needs_retry  INTEGER NOT NULL,  -- not handled, or a failure no `if` examined
  troubled     INTEGER NOT NULL,  -- an error or a fail/uncertain send: listed first
  recorded_at  TEXT NOT NULL
);
CREATE INDEX row_outcomes_by_run ON row_outcomes (run_id, troubled);
CREATE INDEX row_outcomes_by_identity ON row_outcomes (flow, identity, id);

CREATE TABLE send_outcomes (
  row_outcome_id INTEGER NOT NULL REFERENCES row_outcomes (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  name           TEXT NOT NULL,
  result         TEXT NOT NULL CHECK (result IN ('success', 'fail', 'skipped', 'uncertain')),
  status         INTEGER NOT NULL,
  errors         TEXT NOT NULL,
  response_id    TEXT NOT NULL,
  unhandled      INTEGER NOT NULL,
  PRIMARY KEY (row_outcome_id, seq)
) WITHOUT ROWID;

CREATE TABLE sends_in_flight (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  identity     TEXT NOT NULL,
  send_name    TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  row_number   INTEGER NOT NULL,
  started_at   TEXT NOT NULL,
  PRIMARY KEY (run_id, identity, send_name)
) WITHOUT ROWID;
)sql";

// Version 3: a send a crash left uncertain is sent again by the next run only when repeating it
// is harmless (`resend_after_crash`); otherwise its row is `held`: set aside for `flowc retry`.
constexpr std::string_view kHeldRows = R"sql(
ALTER TABLE sends_in_flight ADD COLUMN resend_after_crash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE row_outcomes ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 4: a row's sends live in its outcome as one JSON array (send_records_json.hpp), so a
// row costs one insert, not one more per send. json_group_array takes no ORDER BY before SQLite
// 3.44; the sends keep their order because the inner query reads send_outcomes by its key,
// (row_outcome_id, seq), and the ORDER BY says which order that is. A running flowc older than
// this one writes into send_outcomes, so it fails once this migration dropped it: stop older
// processes (`flowc serve`) before the first run of a newer flowc (docs/state.md, "Schema").
constexpr std::string_view kSendsInOutcome = R"sql(
ALTER TABLE row_outcomes ADD COLUMN sends TEXT NOT NULL DEFAULT '[]';
UPDATE row_outcomes SET sends = (
  SELECT json_group_array(json_object(
           'name', name, 'result', result, 'status', status, 'errors', errors, 'response_id', response_id,
           'unhandled', json(CASE unhandled WHEN 0 THEN 'false' ELSE 'true' END)))
  FROM (SELECT * FROM send_outcomes WHERE row_outcome_id = row_outcomes.id ORDER BY seq))
WHERE id IN (SELECT row_outcome_id FROM send_outcomes);
DROP TABLE send_outcomes;
)sql";

// Version 5: a send that finished while its row is still in flight keeps its outcome with its note
// (a sends_in_flight.outcome is one send as send_records_json.hpp writes it; NULL while the send is
// in flight). A run that dies then leaves only the send actually in flight uncertain. send_index
// is the send's place in its flow, the order a row's sends run in: notes stored in one commit
// share their started_at. A running older flowc still writes its notes, which leave both columns
// NULL: sends in flight, in the order of their started_at, as before.
constexpr std::string_view kFinishedSendsInFlight = R"sql(
ALTER TABLE sends_in_flight ADD COLUMN outcome TEXT;
ALTER TABLE sends_in_flight ADD COLUMN send_index INTEGER;
)sql";

// Version 6: a run told to stop (`flowc serve` on SIGTERM) ends as 'stopped'. SQLite cannot change
// a CHECK in place: the runs table is copied into one whose CHECK allows it. The connection does
// not enforce foreign keys (state_store.cpp), so dropping the old table leaves row_outcomes alone,
// and their REFERENCES runs names the new table once it is renamed.
constexpr std::string_view kStoppedRuns = R"sql(
CREATE TABLE runs_v6 (
  id         TEXT PRIMARY KEY,
  flow       TEXT NOT NULL,
  flow_file  TEXT NOT NULL,
  trigger    TEXT NOT NULL,
  pid        INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  outcome    TEXT NOT NULL CHECK (outcome IN ('running', 'completed', 'failed', 'interrupted', 'stopped')),
  error      TEXT NOT NULL DEFAULT '',
  rows_read  INTEGER NOT NULL DEFAULT 0,
  filtered   INTEGER NOT NULL DEFAULT 0,
  done       INTEGER NOT NULL DEFAULT 0,
  errors     INTEGER NOT NULL DEFAULT 0,
  success    INTEGER NOT NULL DEFAULT 0,
  fail       INTEGER NOT NULL DEFAULT 0,
  skipped    INTEGER NOT NULL DEFAULT 0,
  unhandled  INTEGER NOT NULL DEFAULT 0,
  uncertain  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO runs_v6 SELECT id, flow, flow_file, trigger, pid, started_at, ended_at, outcome, error, rows_read,
                           filtered, done, errors, success, fail, skipped, unhandled, uncertain FROM runs;
DROP TABLE runs;
ALTER TABLE runs_v6 RENAME TO runs;
CREATE INDEX runs_by_flow ON runs (flow, outcome);
)sql";

// Version 7: where an incremental source stopped reading (a connector manifest's `cursor`), kept
// per flow with the signature of the source it belongs to, so a flow pointed at another source
// starts that one from the beginning.
constexpr std::string_view kSourcePositions = R"sql(
CREATE TABLE source_positions (
  flow      TEXT PRIMARY KEY,
  signature TEXT NOT NULL,
  position  TEXT NOT NULL,
  run_id    TEXT NOT NULL,
  saved_at  TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr std::array<std::string_view, 7> kMigrations = {kHandledRows,       kRunHistory,  kHeldRows,
                                                         kSendsInOutcome,    kFinishedSendsInFlight,
                                                         kStoppedRuns,       kSourcePositions};

int user_version(Database& db) {
  return static_cast<int>(std::stoi(db.query_text("PRAGMA user_version")));
}

}  // namespace

std::span<const std::string_view> migrations() {
  return kMigrations;
}

int current_schema_version() {
  return static_cast<int>(kMigrations.size());
}

void migrate(Database& db) {
  // Cheap check outside a write lock: an up-to-date file needs no transaction.
  if (user_version(db) == current_schema_version()) return;
  for (;;) {
    WriteTransaction transaction(db);
    // Read again under the write lock: another process may have migrated meanwhile.
    const int version = user_version(db);
    if (version > current_schema_version()) {
      throw StateError(db.path(), fmt::format("schema version {} is newer than this flowc knows ({}); "
                                              "upgrade flowc or use another --state file",
                                              version, current_schema_version()));
    }
    if (version == current_schema_version()) return;
    db.exec(kMigrations[static_cast<std::size_t>(version)]);
    db.exec(fmt::format("PRAGMA user_version = {}", version + 1));
    transaction.commit();
  }
}

}  // namespace flowc::runtime::state
