#include "base/env_file.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "base/redactor.hpp"
#include "base/text/ascii.hpp"

namespace flowc {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

}  // namespace

void load_env_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw EnvFileError(fmt::format("cannot read env file {}", path));
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = ascii::trim(line);
    if (text.empty() || text.front() == '#') continue;
    if (text.starts_with("export ")) text = ascii::trim(text.substr(7));
    const auto equals = text.find('=');
    const std::string_view name = equals == std::string_view::npos ? text : ascii::trim(text.substr(0, equals));
    if (equals == std::string_view::npos || !valid_name(name)) {
      throw EnvFileError(fmt::format("{}:{}: expected NAME=VALUE", path, number));
    }
    const std::string value(unquote(ascii::trim(text.substr(equals + 1))));
    const std::string key(name);
    redactor().add(value);
    setenv(key.c_str(), value.c_str(), /*overwrite=*/0);
  }
}

}  // namespace flowc
