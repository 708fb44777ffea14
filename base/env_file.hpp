// `--env-file`: KEY=VALUE lines loaded into the process environment before a run, so secrets
// can live in a file outside the repository instead of the shell's history.
#pragma once

#include <stdexcept>
#include <string>

namespace flowc {

// An env file that cannot be read, or a malformed line in it: the user's input, not the system.
class EnvFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sets each variable of the file that the environment does not already define (the
// environment wins, as with dotenv). Accepts `# comments`, blank lines, `export KEY=...`, and
// values in single or double quotes. Throws EnvFileError naming the file and line on a
// malformed line or when the file cannot be read; the message never contains a value.
void load_env_file(const std::string& path);

}  // namespace flowc
