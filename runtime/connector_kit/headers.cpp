#include "runtime/connector_kit/headers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "runtime/json_util.hpp"

namespace flowc::runtime::connectors {

void put_header(Headers& headers, std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& header) {
    return std::ranges::equal(header.first, name, [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
  headers.emplace_back(std::move(name), std::move(value));
}

void put_headers(Headers& headers, const rapidjson::Value* object) {
  if (object == nullptr || !object->IsObject()) return;
  for (const auto& entry : object->GetObject()) {
    if (auto value = scalar_text(&entry.value))
      put_header(headers, std::string(entry.name.GetString(), entry.name.GetStringLength()), std::move(*value));
  }
}

std::optional<std::string> unsafe_header(const Headers& headers) {
  for (const auto& [name, value] : headers) {
    if (name.find_first_of("\r\n:") != std::string::npos || value.find_first_of("\r\n") != std::string::npos)
      return fmt::format("header \"{}\" contains a line break or colon", name);
  }
  return std::nullopt;
}

}  // namespace flowc::runtime::connectors
