// The state database's schema as an ordered list of migrations. PRAGMA
// user_version records how many have run; opening a database runs the rest, each
// in its own transaction together with the version bump, so a crash mid-way
// leaves the file at a clean earlier version.
#pragma once

#include <span>
#include <string_view>

namespace flowc::runtime::state {

class Database;

// migrations()[i] takes a database from version i to version i + 1. Append only:
// a released migration is never edited, since old files depend on it.
std::span<const std::string_view> migrations();

// The version a database has once every migration has run.
int current_schema_version();

// Brings the database up to current_schema_version(). Throws StateError when the
// file was written by a newer flowc (a higher version than this build knows).
void migrate(Database& db);

}  // namespace flowc::runtime::state
