// The JSON body of a manifest action, written from the flow's field block: each field at its
// route's `to` path (`client.person` under `client_attributes`), a `list` field's single value as
// a one-item list, a `name_value` wildcard as [{"name", "value"}], members in `body_order` or in
// the order the flow wrote them.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/manifest/connector_manifest.hpp"

namespace flowc::runtime::manifest_engine {

// One field route as the body writer uses it, prepared once per action.
struct BodyRoute {
  const manifest::FieldRoute* route = nullptr;
  const catalog::FieldSpec* spec = nullptr;
  std::string name;                 // the field's name; a wildcard's without ".*"
  bool wildcard = false;
  bool dotted = false;              // `name` has a dot: looked up by path
  std::vector<std::string> to;      // the `to` path, split at dots; empty for `to = "*"`
};

// A top-level member of the field block and where it goes, for a body written in one pass:
// a field (`title`), a wildcard (`custom_fields.*`) or a group of fields that lands under one key
// (`client.*` under `client_attributes`).
struct TopEntry {
  std::string_view name;
  const BodyRoute* route = nullptr;      // a field or a wildcard; null for a group
  std::string_view group_key;            // a group: its output key
  std::vector<const BodyRoute*> members;  // a group: its fields, each one level below
};

class BodyPlan {
 public:
  BodyPlan(const manifest::ActionManifest& action, const catalog::ActionSpec& spec);
  // Its lookups point into its own routes.
  BodyPlan(const BodyPlan&) = delete;
  BodyPlan& operator=(const BodyPlan&) = delete;

  // Whether the flow set any field that goes into the body.
  bool has_body_fields(const rapidjson::Value& fields) const;
  // The body; `text_field`'s value replaced by `text` when `text` is given (a split message's part).
  std::string write(const rapidjson::Value& fields, std::string_view text_field = {},
                    std::optional<std::string_view> text = std::nullopt) const;

  const BodyRoute* find(std::string_view name, bool wildcard) const;

 private:
  void plan_stream();
  const TopEntry* top(std::string_view name) const;

  std::vector<BodyRoute> routes_;
  std::vector<std::string> order_;  // body_order; empty = the flow's order
  // Set when every body member has one place decided by its top-level field alone, so the body
  // can be written as the fields are read (every connector so far); else a tree gathers it first.
  bool streamable_ = false;
  std::vector<TopEntry> top_;
  // top_'s entries by the length of their name (the last bucket holds every longer one): a
  // field block's member is found among one or two candidates, for every member of every send.
  static constexpr std::size_t kLengthBuckets = 24;
  std::array<std::vector<const TopEntry*>, kLengthBuckets> top_by_length_;
  std::vector<const BodyRoute*> ordered_;  // body_order's routes
};

}  // namespace flowc::runtime::manifest_engine
