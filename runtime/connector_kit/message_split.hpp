// Telegram caps a message at 4096 characters, counted in UTF-16 code units (an emoji outside the
// BMP counts twice). Longer texts are split into several messages or truncated.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace flowc::runtime::connectors {

inline constexpr std::size_t kTelegramMessageLimit = 4096;

// Length of UTF-8 `text` in UTF-16 code units (malformed bytes count one each).
std::size_t utf16_length(std::string_view text);

// Whether `text` is within `limit` UTF-16 units: one message, as it is.
bool fits_one_message(std::string_view text, std::size_t limit = kTelegramMessageLimit);

// Parts of at most `limit` units each, in order. A part ends at the last line break that fits,
// else at the last space, else in the middle of a word (never inside a character); the line break
// or space at a cut is dropped. A text within the limit is one part. The parts are views of `text`.
std::vector<std::string_view> split_message(std::string_view text, std::size_t limit = kTelegramMessageLimit);

// `text` itself when it fits, else its longest prefix that fits with "…" appended.
std::string truncate_message(std::string_view text, std::size_t limit = kTelegramMessageLimit);

}  // namespace flowc::runtime::connectors
