// The common slips behind a syntax error (`sned`, `=` for `==`, 'single quotes', `name: value`,
// an unquoted path), recognized from the text where the parser stopped, so the error can say
// what to write instead of only what was expected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flowc::parse_slips {

struct Slip {
  std::size_t offset = 0;  // what to underline
  std::uint32_t length = 1;
  std::string help;  // "did you mean `send`?"
};

// The slip that most likely caused syntax error `code` (E001...) at `error_offset`, if one is
// recognizable there.
std::optional<Slip> recognize(std::string_view text, std::string_view code, std::size_t error_offset);

}  // namespace flowc::parse_slips
