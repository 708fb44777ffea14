// Runs the flowc executable as a user would, capturing its exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace flowc::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `arguments` is appended to the flowc binary's path and run through the shell.
inline CommandResult run_flowc(const std::string& arguments, const std::string& env = "") {
  static int counter = 0;
  const std::string err_file = "/tmp/flowc-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const std::string command = env + " " + FLOWC_BINARY + " " + arguments + " 2>" + err_file;
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  result.err = text.str();
  std::remove(err_file.c_str());
  return result;
}

}  // namespace flowc::testing
