#include "cli/errors.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "base/redactor.hpp"

namespace flowc::cli {

void print_error(std::string_view message) {
  fmt::print(stderr, "flowc: error: {}\n", redactor().redact(message));
}

}  // namespace flowc::cli
