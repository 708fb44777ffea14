// `flowc serve` picks up edited flows (file change or SIGHUP), keeps serving the last version that
// compiled when an edit breaks a file, and keeps the ticks of flows whose schedule did not change.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "tests/support/child_process.hpp"
#include "tests/support/flow_fixture.hpp"

namespace flowc::testing {
namespace {

std::string csv_flow(const std::filesystem::path& dir, const std::string& name, const std::string& schedule) {
  return fmt::format(R"(flow "{}"
account files = csv {{ dir = "{}" }}
source row = files.new_rows {{ path = "rows.csv" }}
send files.append_row {{ path = "{}.out.csv"  columns.title = row.title }}
schedule {}
)",
                     name, dir.string(), name, schedule);
}

TEST(ServeReload, EditsAreServedBrokenEditsKeepTheLastGoodVersion) {
  TempDir dir;
  dir.write("rows.csv", "title\na\n");
  std::filesystem::create_directories(dir.path() / "flows");
  const std::string edited = dir.write("flows/edited.flow", csv_flow(dir.path(), "edited", "every 1h"));
  dir.write("flows/steady.flow", csv_flow(dir.path(), "steady", "every 1h"));
  const std::filesystem::path out = dir.path() / "serve.out";
  const std::filesystem::path err = dir.path() / "serve.err";

  const pid_t serve =
      spawn_flowc({"serve", (dir.path() / "flows").string(), "--state", (dir.path() / "state.db").string()},
                  out.string(), err.string());
  ASSERT_GT(serve, 0);
  const ChildGuard guard(serve);

  ASSERT_TRUE(wait_until([&] { return count_of(read_file(out), "serve flow=") == 2; })) << read_file(out);

  // A changed schedule is picked up from the file, without a signal.
  dir.write("flows/edited.flow", csv_flow(dir.path(), "edited", "every 1s"));
  ASSERT_TRUE(wait_until([&] { return read_file(out).find("end   flow=edited") != std::string::npos; }))
      << read_file(out) << read_file(err);
  // The unchanged flow kept its tick through the reload (or reloads: the watcher may have seen
  // the file half-written once).
  std::istringstream lines(read_file(out));
  std::vector<std::string> steady_lines;
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" serve flow=steady") != std::string::npos) steady_lines.push_back(line.substr(line.find(" serve ")));
  }
  ASSERT_GE(steady_lines.size(), 2u) << read_file(out);
  for (const std::string& line : steady_lines) EXPECT_EQ(line, steady_lines.front());

  // A broken edit: diagnostics are printed and the previous version keeps running.
  std::ofstream(edited, std::ios::trunc) << "flow \"edited\"\nsource row = \n";
  ASSERT_TRUE(wait_until([&] {
    return read_file(err).find("still serving the version of flow \"edited\"") != std::string::npos;
  })) << read_file(err);
  const std::size_t runs_before = count_of(read_file(out), "end   flow=edited");
  ASSERT_TRUE(wait_until([&] { return count_of(read_file(out), "end   flow=edited") > runs_before; }))
      << read_file(out);

  // SIGHUP reloads too; SIGTERM stops with exit 0.
  const std::size_t reloads = count_of(read_file(out), " reload");
  kill(serve, SIGHUP);
  ASSERT_TRUE(wait_until([&] { return count_of(read_file(out), " reload") > reloads; })) << read_file(out);
  kill(serve, SIGTERM);
  int status = 0;
  ASSERT_TRUE(wait_until([&] { return waitpid(serve, &status, WNOHANG) == serve; }));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(out);
  EXPECT_EQ(read_file(dir.path() / "edited.out.csv"), "title\na\n") << "a row was sent twice across reloads";
}

}  // namespace
}  // namespace flowc::testing
