#include "runtime/connector_kit/base64.hpp"

#include <cstdint>

namespace flowc::runtime::connectors {

namespace {

std::string encode(std::string_view bytes, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t at = 0;
  for (; at + 3 <= bytes.size(); at += 3) {
    std::uint32_t chunk = (static_cast<std::uint8_t>(bytes[at]) << 16) |
                          (static_cast<std::uint8_t>(bytes[at + 1]) << 8) | static_cast<std::uint8_t>(bytes[at + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += alphabet[(chunk >> shift) & 0x3F];
  }
  std::size_t rest = bytes.size() - at;
  if (rest == 0) return out;
  std::uint32_t chunk = static_cast<std::uint8_t>(bytes[at]) << 16;
  if (rest == 2) chunk |= static_cast<std::uint8_t>(bytes[at + 1]) << 8;
  out += alphabet[(chunk >> 18) & 0x3F];
  out += alphabet[(chunk >> 12) & 0x3F];
  if (rest == 2) out += alphabet[(chunk >> 6) & 0x3F];
  if (pad) out.append(rest == 1 ? 2 : 1, '=');
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

std::string base64url_encode(std::string_view bytes) {
  return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

}  // namespace flowc::runtime::connectors
