// Checks of a state database a test left behind. flowc's own connection does not enforce the
// schema's foreign keys (see configure() in runtime/state/state_store.cpp), so the tests that
// write history check for orphans instead.
#pragma once

#include <sqlite3.h>

#include <filesystem>

namespace flowc::testing {

// How many rows name a run or an outcome that is not there (PRAGMA foreign_key_check); -1 when
// the file cannot be read.
inline int foreign_key_violations(const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return -1;
  }
  sqlite3_stmt* check = nullptr;
  int violations = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &check, nullptr) == SQLITE_OK) {
    violations = 0;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(check)) == SQLITE_ROW) ++violations;
    if (step != SQLITE_DONE) violations = -1;  // a check that could not finish proves nothing
  }
  sqlite3_finalize(check);
  sqlite3_close(db);
  return violations;
}

}  // namespace flowc::testing
