// A connector's case file (`connectors/<svc>/<svc>.cases.json`, docs/connector-format.md "Cases"):
// sends and listings as a flow would make them, the example each is answered with, the request the
// service's docs show and what the send must end with. `flowc connectors test` runs them offline.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace flowc::flowtest {

using JsonValue = std::shared_ptr<const rapidjson::Document>;

// A case file that cannot be read or does not follow the format, naming the file and the place.
class CaseFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the service must receive; each part is checked only when given.
struct ExpectedRequest {
  std::optional<std::string> method;
  std::optional<std::string> path;
  std::map<std::string, std::string> query;    // each must be there with this value
  std::map<std::string, std::string> headers;  // names case-insensitive
  JsonValue body;                               // a JSON value compared whole, or a string compared exactly
};

struct ExpectedOutcome {
  std::optional<std::string> result;  // "success" or "fail"
  std::optional<int> status;
  std::optional<std::string> errors;
  std::map<std::string, std::string> fields;     // NAME.<field> as text
  std::optional<std::size_t> rows;               // a source: how many rows the example page gives
  std::map<std::string, std::string> first_row;  // a source: cells of the first row
};

struct ConnectorCase {
  std::string name;
  std::string action;
  JsonValue fields;    // the field block, an object
  std::string answer;  // the example answered with; empty: the action's first success
  std::optional<ExpectedRequest> request;
  ExpectedOutcome expect;
};

struct CaseFile {
  std::string path;
  std::vector<std::string> docs;
  JsonValue account;  // an object
  std::vector<ConnectorCase> cases;
};

// Reads and checks `path`. Throws CaseFileError.
CaseFile load_case_file(const std::string& path);

}  // namespace flowc::flowtest
