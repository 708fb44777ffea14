// A `.flowtest` file: which flow to run, the rows to feed it instead of its source, what each
// send's service answers, and what each row is expected to do. The format is JSON; see
// docs/testing.md.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowc::flowtest {

using Json = std::shared_ptr<const rapidjson::Document>;

// A test file that cannot be read or does not follow the format (exit code 2, not a failure).
class SpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the stand-in service answers to one send: success with response fields, or a failure.
struct Outcome {
  bool success = true;
  Json fields;        // success: the response fields (an object), never null
  int status = 0;     // 0: the connector's usual success status; failure: the HTTP status
  std::string error;  // failure: the service's message
  // `{"example": NAME}`: the answer is the connector manifest's example of that name, as written
  // (success or failure as the connector judges it); the fields above are then unused.
  std::string example;
};

struct SendExpectation {
  std::optional<std::string> result;           // "success", "fail" or "skipped"
  std::optional<int> status;                   // NAME.status
  std::optional<std::string> errors_contains;  // a substring of NAME.errors
  Json sent;                                   // partial match of the transmitted fields
  Json sent_exact;                             // whole-body match
  Json sent_contains;                          // string values are substrings of the actual ones
};

struct RowCase {
  std::string name;          // for reports; "row N" when the file gives none
  std::uint64_t number = 0;  // row.number
  std::vector<std::string> cells;
  std::map<std::string, Outcome> outcomes;  // per send name, over the file's defaults
  std::optional<bool> filtered_out;         // expected fate under the source's `where`
  std::map<std::string, SendExpectation> expect;
};

struct TestSpec {
  std::string file;       // the .flowtest path
  std::string flow_path;  // resolved against the test file's folder
  std::map<std::string, std::string> env;
  std::vector<std::string> columns;
  std::map<std::string, Outcome> outcomes;  // defaults for every row
  std::vector<RowCase> rows;
};

// Reads and validates `path`. Throws SpecError with the file name and the offending key.
TestSpec load_spec(const std::string& path);

// Parses the text of a test file that lives at `path` (for messages and the flow's location).
TestSpec parse_spec(const std::string& path, const std::string& text);

}  // namespace flowc::flowtest
