// For the end-to-end tests of run control (env checks, --again, stop_after_failures, Ctrl-C): a
// CSV source of numbered rows posting to a loopback server, and readers of the run's history.
#pragma once

#include <sys/wait.h>

#include <chrono>
#include <optional>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "tests/support/child_process.hpp"
#include "tests/support/flow_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace flowc::testing {

// orders.csv with rows id = 1..count; returns its path.
inline std::string numbered_rows(const TempDir& dir, int count) {
  std::string csv = "id,name\n";
  for (int id = 1; id <= count; ++id) csv += fmt::format("{},customer {}\n", id, id);
  return dir.write("orders.csv", csv);
}

// A flow that posts each row to `base_url`/orders (a POST: held, not resent, after a crash) and
// handles a failure with `if`, plus `extra` lines (settings, more sends).
inline std::string posting_flow(const TempDir& dir, const std::string& name, const std::string& base_url, int rows,
                                const std::string& extra = "") {
  return dir.write("flow.flow", csv_to_http_flow(name, base_url, numbered_rows(dir, rows)) + R"(
send post = api.request { url = "/orders"  body.id = row.id }
if post.result == fail then
end
)" + extra);
}

// The id of the newest run in `state` (the first word of `flowc runs`).
inline std::string newest_run_id(const std::string& state) {
  const CommandResult runs = run_flowc("runs --state " + state);
  std::istringstream words(runs.out);
  std::string id;
  words >> id;
  return id;
}

// The child's wait status once it exits within `limit`; nullopt if it is still running then.
inline std::optional<int> wait_for_exit(pid_t pid, std::chrono::seconds limit) {
  int status = 0;
  if (!wait_until([&] { return waitpid(pid, &status, WNOHANG) == pid; }, limit)) return std::nullopt;
  return status;
}

}  // namespace flowc::testing
