// `flowc serve` picks up edited flows (file change or SIGHUP), keeps serving the last version that
// compiled when an edit breaks a file, and keeps the ticks of flows whose schedule did not change.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/flow_fixture.hpp"

extern char** environ;

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

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

template <class Condition>
bool wait_until(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

TEST(ServeReload, EditsAreServedBrokenEditsKeepTheLastGoodVersion) {
  TempDir dir;
  dir.write("rows.csv", "title\na\n");
  std::filesystem::create_directories(dir.path() / "flows");
  const std::string edited = dir.write("flows/edited.flow", csv_flow(dir.path(), "edited", "every 1h"));
  dir.write("flows/steady.flow", csv_flow(dir.path(), "steady", "every 1h"));
  const std::filesystem::path out = dir.path() / "serve.out";
  const std::filesystem::path err = dir.path() / "serve.err";

  std::vector<std::string> args{FLOWC_BINARY, "serve", (dir.path() / "flows").string(), "--state",
                                (dir.path() / "state.db").string()};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t serve = -1;
  ASSERT_EQ(posix_spawn(&serve, FLOWC_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  struct Reaper {
    pid_t pid;
    ~Reaper() {
      if (waitpid(pid, nullptr, WNOHANG) == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
  } reaper{serve};

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
