#include "cli/common.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/env_file.hpp"
#include "cli/errors.hpp"

namespace flowc::cli {

void add_state_option(CLI::App& command, std::string& state) {
  command.add_option("--state", state, "State database (default: $FLOWC_STATE or .flowc/state.db)");
}

void add_env_file_option(CLI::App& command, std::string& env_file) {
  command.add_option("--env-file", env_file, "Load KEY=VALUE lines into the environment first")
      ->check(CLI::ExistingFile);
}

void add_log_format_option(CLI::App& command, std::string& log_format) {
  command.add_option("--log-format", log_format, "Output: text (default) or json (one JSON object a line)")
      ->check(CLI::IsMember({"text", "json"}));
}

void load_env_file_option(const std::string& env_file) {
  if (!env_file.empty()) load_env_file(env_file);  // main reports an EnvFileError as a usage error
}

std::optional<std::string> try_read_text_file(const std::string& path, std::string& why) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    why = fmt::format("cannot read {}: is a directory", path);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = fmt::format("cannot read {}: {}", path, std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    why = fmt::format("cannot read {}: read error", path);
    return std::nullopt;
  }
  return text.str();
}

std::string read_text_file(const std::string& path) {
  std::string why;
  std::optional<std::string> text = try_read_text_file(path, why);
  if (!text) throw UsageError(why);
  return std::move(*text);
}

void write_text_file(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    fmt::print("{}", text);
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw UsageError(fmt::format("cannot write {}", path));
}

}  // namespace flowc::cli
