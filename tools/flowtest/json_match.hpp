// Compares what a send transmitted with what a test expects, collecting every difference with
// its path, so one run reports all of them at once.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace flowc::flowtest {

struct Difference {
  std::string path;      // "sent.client.person"
  std::string expected;  // JSON text, or a description ("a text containing \"x\"")
  std::string actual;    // JSON text, or "(missing)"
};

enum class MatchMode {
  Partial,   // objects: only the expected keys are compared; everything else must be equal
  Exact,     // the whole value must be equal
  Contains,  // like Partial, but an expected string only has to occur in the actual one
};

// Appends to `out` each place where `actual` (null: absent) does not match `expected`.
void match_json(const rapidjson::Value& expected, const rapidjson::Value* actual, const std::string& path,
                MatchMode mode, std::vector<Difference>& out);

}  // namespace flowc::flowtest
