// The one error type the state store throws: it names the database file so a
// user can find (and back up or delete) the file that misbehaved.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace flowc::runtime::state {

class StateError : public std::runtime_error {
 public:
  StateError(const std::filesystem::path& path, std::string_view message)
      : std::runtime_error("state " + path.string() + ": " + std::string(message)), path_(path) {}
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace flowc::runtime::state
