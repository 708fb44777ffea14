// UTF-8 text helpers for cell values. Cells come from sheets, CSV files and HTTP responses, so any
// of them may hold invalid UTF-8: every function here accepts arbitrary bytes without crashing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace flowc::utf8 {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct Decoded {
  char32_t code_point = 0;  // kReplacementCharacter when !valid
  std::size_t length = 1;   // bytes consumed, at least 1 (an invalid sequence consumes one byte)
  bool valid = false;
};

// Decodes the character starting at `pos` (pos < text.size()). Overlong forms, surrogates and
// values above U+10FFFF are invalid.
Decoded decode(std::string_view text, std::size_t pos);

void append(std::string& out, char32_t code_point);

bool is_valid(std::string_view text);

// True when every byte is below 0x80 (ASCII text is valid UTF-8); eight bytes at a time.
bool is_ascii(std::string_view text);

// Where the first invalid sequence starts (a byte offset), or std::string_view::npos when the
// text is valid UTF-8.
std::size_t first_invalid(std::string_view text);

// The text with every invalid byte replaced by U+FFFD, so it can go into JSON or a log safely.
std::string sanitize(std::string_view text);

// At most `max_chars` characters; an invalid byte counts as one character and is kept as is.
std::string truncate(std::string_view text, std::size_t max_chars);

// Case mapping for Latin (ASCII, Latin-1 Supplement, Latin Extended-A), Cyrillic (including
// Ukrainian і ї є ґ) and Greek. Other characters and invalid bytes are copied unchanged. The
// mapping is one character to one character: ß stays ß and Σ lowers to σ (never final ς).
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// Without leading and trailing white space: ASCII space, \t \n \v \f \r and no-break spaces
// (U+00A0, U+202F), which spreadsheets often leave in cells.
std::string_view trim(std::string_view text);

// Empty after trim(): what `is empty` and `default(x)` treat as no value.
bool is_blank(std::string_view text);

}  // namespace flowc::utf8
