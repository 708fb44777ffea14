// The names the IR JSON gives its enums, shared by the writer (ir_json_write.cpp) and the reader
// (ir_json_read.cpp): one table each, so that the two cannot disagree.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

#include "ir/ir.hpp"

namespace flowc::ir_json_names {

inline constexpr std::array<std::pair<ir::CompareOp, std::string_view>, 13> kCompareOps{{
    {ir::CompareOp::Eq, "eq"},
    {ir::CompareOp::Ne, "ne"},
    {ir::CompareOp::Lt, "lt"},
    {ir::CompareOp::Le, "le"},
    {ir::CompareOp::Gt, "gt"},
    {ir::CompareOp::Ge, "ge"},
    {ir::CompareOp::Contains, "contains"},
    {ir::CompareOp::NotContains, "not_contains"},
    {ir::CompareOp::StartsWith, "starts_with"},
    {ir::CompareOp::EndsWith, "ends_with"},
    {ir::CompareOp::Matches, "matches"},
    {ir::CompareOp::IsEmpty, "is_empty"},
    {ir::CompareOp::IsNotEmpty, "is_not_empty"},
}};

inline constexpr std::array<std::pair<ir::RefRoot, std::string_view>, 6> kRefRoots{{
    {ir::RefRoot::Row, "row"},
    {ir::RefRoot::Send, "send"},
    {ir::RefRoot::Env, "env"},
    {ir::RefRoot::Flow, "flow"},
    {ir::RefRoot::Run, "run"},
    {ir::RefRoot::Now, "now"},
}};

template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return "?";
}

}  // namespace flowc::ir_json_names
