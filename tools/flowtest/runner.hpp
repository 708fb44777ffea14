// Runs one `.flowtest`: the flow's real connectors send real HTTP requests to one loopback
// stand-in that answers as the test declares, and what each row did is compared with what the
// test expects.
#pragma once

#include <string>
#include <vector>

#include "tools/flowtest/json_match.hpp"
#include "tools/flowtest/spec.hpp"

namespace flowc::flowtest {

struct CaseResult {
  std::string name;  // the row's name
  std::uint64_t number = 0;
  std::vector<Difference> differences;  // path: "create.result", "send_2.sent.text", "row"
  bool passed() const { return differences.empty(); }
};

struct FileResult {
  std::string file;
  std::string error;  // the test could not run (bad file, flow does not compile); cases are empty
  std::vector<CaseResult> cases;
  double seconds = 0;
  bool passed() const;
  std::size_t failures() const;
};

// Never throws: a test that cannot run comes back with `error` set.
FileResult run_test_file(const std::string& path);

// The same for a spec already loaded (tests of the runner itself).
FileResult run_test(const TestSpec& spec);

}  // namespace flowc::flowtest
