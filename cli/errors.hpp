// The ways a command fails, each tied to one exit code of cli/commands.hpp. Commands throw these
// (or return an exit code); main.cpp alone catches, prints the message after the one error prefix
// of flowc, `flowc: error: `, and exits with the code of the error's kind. Any other exception
// that reaches main is a system failure (state, I/O, network outside any send): exit code 4.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "cli/commands.hpp"

namespace flowc::cli {

class CommandError : public std::runtime_error {
 public:
  CommandError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// A bad command line, or a file named on it that cannot be read or written.
class UsageError : public CommandError {
 public:
  explicit UsageError(const std::string& message) : CommandError(kExitUsage, message) {}
};

// The flow has errors. Their diagnostics are printed already: an empty message adds nothing.
class FlowErrors : public CommandError {
 public:
  explicit FlowErrors(const std::string& message = {}) : CommandError(kExitFlowErrors, message) {}
};

// State, I/O or network failure outside any send.
class SystemError : public CommandError {
 public:
  explicit SystemError(const std::string& message) : CommandError(kExitSystem, message) {}
};

// Prints `flowc: error: MESSAGE` on stderr, secrets redacted. For main, and for the commands that
// report a problem and go on (check of several files, serve reloading its flows).
void print_error(std::string_view message);

}  // namespace flowc::cli
