#include "runtime/connector_kit/message_split.hpp"

namespace flowc::runtime::connectors {

namespace {

constexpr std::string_view kEllipsis = "…";  // one UTF-16 unit

// Bytes of the UTF-8 sequence that starts with `lead`, and its UTF-16 units.
struct CodePoint {
  std::size_t bytes;
  std::size_t units;
};

CodePoint code_point_at(std::string_view text, std::size_t at) {
  auto lead = static_cast<unsigned char>(text[at]);
  std::size_t bytes = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  std::size_t available = 1;  // stop at the end or at a byte that is not a continuation
  while (available < bytes && at + available < text.size() &&
         (static_cast<unsigned char>(text[at + available]) & 0xC0) == 0x80)
    ++available;
  if (available < bytes) return {1, 1};
  return {bytes, bytes == 4 ? 2u : 1u};
}

// The byte length of the longest prefix of `text` within `limit` UTF-16 units.
std::size_t fitting_prefix(std::string_view text, std::size_t limit) {
  std::size_t at = 0;
  std::size_t units = 0;
  while (at < text.size()) {
    CodePoint point = code_point_at(text, at);
    if (units + point.units > limit) break;
    units += point.units;
    at += point.bytes;
  }
  return at;
}

}  // namespace

// A text has no more units than bytes (each code point takes at least as many bytes as units),
// so a short text needs no counting.
bool fits_one_message(std::string_view text, std::size_t limit) {
  return text.size() <= limit || utf16_length(text) <= limit;
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t at = 0; at < text.size();) {
    CodePoint point = code_point_at(text, at);
    units += point.units;
    at += point.bytes;
  }
  return units;
}

std::vector<std::string_view> split_message(std::string_view text, std::size_t limit) {
  std::vector<std::string_view> parts;
  while (!fits_one_message(text, limit)) {
    std::size_t fit = fitting_prefix(text, limit);
    if (fit == 0) break;  // limit smaller than one character: nothing sensible to do
    std::string_view head = text.substr(0, fit);
    std::size_t cut = head.rfind('\n');
    if (cut == std::string_view::npos || cut == 0) cut = head.rfind(' ');
    bool at_separator = cut != std::string_view::npos && cut > 0;
    if (!at_separator) cut = fit;
    parts.emplace_back(text.substr(0, cut));
    text.remove_prefix(at_separator ? cut + 1 : cut);
  }
  if (!text.empty() || parts.empty()) parts.emplace_back(text);
  return parts;
}

std::string truncate_message(std::string_view text, std::size_t limit) {
  if (fits_one_message(text, limit)) return std::string(text);
  std::size_t room = limit > 0 ? limit - 1 : 0;
  return std::string(text.substr(0, fitting_prefix(text, room))) + std::string(kEllipsis);
}

}  // namespace flowc::runtime::connectors
