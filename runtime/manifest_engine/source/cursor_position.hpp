// The manifest's incremental `cursor { field  param  value }`: the largest value of a record
// member seen in this poll, which the state store keeps so the next poll asks only for records
// after it (`?updated_since=<largest>`).
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "ir/manifest/connector_manifest.hpp"

namespace flowc::runtime::manifest_engine {

class CursorPosition {
 public:
  // `cursor`: the manifest's, or nullopt when the source has none. `start`: where the last poll
  // ended, from the state store (nullopt: the first poll).
  CursorPosition(const std::optional<manifest::IncrementalCursor>& cursor, std::optional<std::string> start)
      : cursor_(cursor), start_(std::move(start)) {}

  // The query parameter that asks for records after the start (`name=value`, encoded), or "" on
  // a first poll and for a source without a cursor.
  std::string query() const;
  // Takes a page's records into account.
  void note(const rapidjson::Value& records);
  // Where the next poll starts: the largest value seen, else where this one started.
  std::optional<std::string> position() const;

 private:
  const std::optional<manifest::IncrementalCursor>& cursor_;
  std::optional<std::string> start_;
  std::optional<std::string> largest_;
};

// Whether cursor value `a` comes after `b`: as numbers when both are (ids), else as text (ISO 8601
// times sort as text).
bool comes_after(const std::string& a, const std::string& b);

}  // namespace flowc::runtime::manifest_engine
