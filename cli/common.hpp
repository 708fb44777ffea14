// What several commands share: the options they spell alike (--state, --env-file, --log-format),
// and reading and writing the files named on the command line (a failure there is a UsageError).
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace flowc::cli {

// `--state FILE`: the state database (empty: $FLOWC_STATE or .flowc/state.db).
void add_state_option(CLI::App& command, std::string& state);
// `--env-file FILE`: KEY=VALUE lines for the environment, loaded by load_env_file_option.
void add_env_file_option(CLI::App& command, std::string& env_file);
// `--log-format text|json`.
void add_log_format_option(CLI::App& command, std::string& log_format);

// Loads the file of --env-file into the environment; nothing when the option was not given.
// Throws EnvFileError on a malformed line (the message never holds a value).
void load_env_file_option(const std::string& env_file);

// The text of `path`; nullopt when it cannot be read, with `why` saying so.
std::optional<std::string> try_read_text_file(const std::string& path, std::string& why);
// The text of `path`. Throws UsageError when it cannot be read.
std::string read_text_file(const std::string& path);
// Writes `text` to `path`, or to stdout when `path` is empty or "-". Throws UsageError on failure.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace flowc::cli
