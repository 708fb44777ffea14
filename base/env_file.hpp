// `--env-file`: KEY=VALUE lines loaded into the process environment before a run, so secrets
// can live in a file outside the repository instead of the shell's history.
#pragma once

#include <string>

namespace flowc {

// Sets each variable of the file that the environment does not already define (the
// environment wins, as with dotenv). Accepts `# comments`, blank lines, `export KEY=...`, and
// values in single or double quotes. Throws std::runtime_error naming the file and line on a
// malformed line or when the file cannot be read; the message never contains a value.
void load_env_file(const std::string& path);

}  // namespace flowc
