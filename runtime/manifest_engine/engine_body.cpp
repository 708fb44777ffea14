#include "runtime/manifest_engine/engine_body.hpp"

#include <algorithm>
#include <array>

#include "base/json/json_put.hpp"
#include "base/json/json_writer.hpp"
#include "runtime/connector_kit/body_shapes.hpp"
#include "runtime/json_util.hpp"

namespace flowc::runtime::manifest_engine {

namespace {

using manifest::Placement;

enum class Emit { AsIs, AsList, NameValue, OneRow };

// The body as a tree of views into the field block, written in one pass: members of a `to` path
// that several fields share (`client_attributes`) are gathered under one key, at its first place.
struct OutNode {
  std::string_view key;
  const rapidjson::Value* value = nullptr;
  Emit emit = Emit::AsIs;
  std::vector<OutNode> children;

  OutNode& child(std::string_view name) {
    for (auto& node : children)
      if (node.key == name) return node;
    return children.emplace_back(OutNode{name, nullptr, Emit::AsIs, {}});
  }
  template <typename Path>
  void put(const Path& path, const rapidjson::Value* at, Emit how) {
    OutNode* node = this;
    for (const auto& piece : path) node = &node->child(piece);
    node->value = at;
    node->emit = how;
  }
};

std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> pieces;
  while (!text.empty()) {
    auto dot = text.find('.');
    pieces.emplace_back(text.substr(0, dot));
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  return pieces;
}

// A list as the only row of a list of rows: [[a, b]].
void write_one_row(JsonWriter& out, const rapidjson::Value& value) {
  out.StartArray();
  connectors::write_as_list(out, value);
  out.EndArray();
}

void write_node(JsonWriter& out, const OutNode& node) {
  if (node.value == nullptr) {
    out.StartObject();
    for (const auto& child : node.children) {
      json::put_key(out, child.key);
      write_node(out, child);
    }
    out.EndObject();
    return;
  }
  switch (node.emit) {
    case Emit::AsIs: node.value->Accept(out); break;
    case Emit::AsList: connectors::write_as_list(out, *node.value); break;
    case Emit::NameValue: connectors::write_name_value(out, *node.value); break;
    case Emit::OneRow: write_one_row(out, *node.value); break;
  }
}

Emit emit_of(const BodyRoute& route) {
  if (route.route->shape == manifest::FieldShape::NameValue) return Emit::NameValue;
  if (route.route->shape == manifest::FieldShape::OneRow) return Emit::OneRow;
  return route.spec->type == catalog::FieldType::List ? Emit::AsList : Emit::AsIs;
}

// An enum left empty is not chosen: it is not sent (Telegram's parse_mode).
bool unset(const BodyRoute& route, const rapidjson::Value& value) {
  if (value.IsNull()) return true;
  return route.spec->type == catalog::FieldType::Enum && value.IsString() && value.GetStringLength() == 0;
}

// Puts one field's value at its route's place; a wildcard with `to = "*"` puts each member at the top.
void place(OutNode& root, const BodyRoute& route, const rapidjson::Value& value) {
  if (route.wildcard && route.to.empty() && value.IsObject()) {
    for (const auto& entry : value.GetObject())
      root.put(std::array{std::string_view(entry.name.GetString(), entry.name.GetStringLength())}, &entry.value,
               Emit::AsIs);
    return;
  }
  root.put(route.to, &value, emit_of(route));
}

struct FlowOrderWalk {
  const BodyPlan& plan;
  OutNode& root;
  std::string_view text_field;
  const rapidjson::Value* text;
  std::vector<std::string_view> keys;  // the path walked so far, as the flow wrote it

  void walk(const rapidjson::Value& object, const std::string& prefix) {
    for (const auto& entry : object.GetObject()) {
      const std::string_view key(entry.name.GetString(), entry.name.GetStringLength());
      const std::string name = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
      keys.push_back(key);
      visit(name, entry.value);
      keys.pop_back();
    }
  }

  void visit(const std::string& name, const rapidjson::Value& value) {
    if (const BodyRoute* route = plan.find(name, false)) {
      if (route->route->in == Placement::Body && !unset(*route, value))
        place(root, *route, name == text_field && text ? *text : value);
    } else if (const BodyRoute* wildcard = plan.find(name, true)) {
      if (wildcard->route->in == Placement::Body) place(root, *wildcard, value);
    } else if (value.IsObject() && plan.find(name + ".", false) != nullptr) {
      walk(value, name);
    } else {
      root.put(keys, &value, Emit::AsIs);  // not declared: sent as written
    }
  }
};

void emit(JsonWriter& out, const BodyRoute& route, const rapidjson::Value& value) {
  if (route.route->shape == manifest::FieldShape::NameValue) return connectors::write_name_value(out, value);
  if (route.route->shape == manifest::FieldShape::OneRow) return write_one_row(out, value);
  if (route.spec->type == catalog::FieldType::List) return connectors::write_as_list(out, value);
  value.Accept(out);
}

void put_key(JsonWriter& out, std::string_view key) { json::put_key(out, key); }

// The body written as the fields are read: each top-level field at once in its place.
struct StreamWrite {
  JsonWriter& out;
  std::string_view text_field;
  const rapidjson::Value* text;

  void field(const BodyRoute& route, const rapidjson::Value& value) {
    if (route.route->in != Placement::Body || unset(route, value)) return;
    put_key(out, route.to.back());
    emit(out, route, text && route.name == text_field ? *text : value);
  }

  void wildcard(const BodyRoute& route, const rapidjson::Value& value) {
    if (route.route->in != Placement::Body) return;
    if (route.to.empty() && value.IsObject()) {
      for (const auto& entry : value.GetObject()) {
        entry.name.Accept(out);
        entry.value.Accept(out);
      }
      return;
    }
    put_key(out, route.to.back());
    emit(out, route, value);
  }

  void group(const TopEntry& entry, const rapidjson::Value& value) {
    put_key(out, entry.group_key);
    if (!value.IsObject()) {
      value.Accept(out);
      return;
    }
    out.StartObject();
    for (const auto& member : value.GetObject()) {
      const std::string_view key(member.name.GetString(), member.name.GetStringLength());
      auto found = std::ranges::find_if(entry.members, [&](const BodyRoute* r) { return r->name.ends_with(key) &&
                                                                                         r->name.size() == entry.name.size() + 1 + key.size(); });
      if (found != entry.members.end()) {
        field(**found, member.value);
      } else {
        member.name.Accept(out);  // not declared: sent as written
        member.value.Accept(out);
      }
    }
    out.EndObject();
  }
};

}  // namespace

BodyPlan::BodyPlan(const manifest::ActionManifest& action, const catalog::ActionSpec& spec)
    : order_(action.request.body_order) {
  for (std::size_t i = 0; i < action.routes.size() && i < spec.fields.size(); ++i) {
    const auto& route = action.routes[i];
    BodyRoute body{&route, &spec.fields[i], route.field, route.field.ends_with(".*"), false, {}};
    if (body.wildcard) body.name.resize(body.name.size() - 2);
    body.dotted = body.name.find('.') != std::string::npos;
    const std::string& to = route.to.empty() ? body.name : route.to;
    if (to != "*") body.to = split_dots(to);
    routes_.push_back(std::move(body));
  }
  for (const std::string& name : order_) ordered_.push_back(find(name, false));
  plan_stream();
}

// The key a top-level entry writes in the body ("*": its members); empty when it writes none.
static std::string_view output_key(const TopEntry& entry) {
  if (entry.route == nullptr) return entry.group_key;
  if (entry.route->route->in != Placement::Body) return {};
  return entry.route->to.empty() ? std::string_view("*") : std::string_view(entry.route->to[0]);
}

void BodyPlan::plan_stream() {
  streamable_ = true;
  auto entry_for = [this](std::string_view name) -> TopEntry& {
    for (auto& entry : top_)
      if (entry.name == name) return entry;
    return top_.emplace_back(TopEntry{name, nullptr, {}, {}});
  };
  for (const auto& route : routes_) {
    const auto dot = route.name.find('.');
    const std::string_view head = std::string_view(route.name).substr(0, dot);
    if (dot == std::string::npos) {
      const bool one_key = route.to.size() == 1 || (route.wildcard && route.to.empty());
      TopEntry& entry = entry_for(head);
      if (!one_key || entry.route != nullptr || !entry.members.empty()) streamable_ = false;
      entry.route = &route;
      continue;
    }
    // One level below a group, landing one level below the group's one output key.
    TopEntry& entry = entry_for(head);
    const bool one_below = route.name.find('.', dot + 1) == std::string::npos && !route.wildcard && route.to.size() == 2;
    if (!one_below || entry.route != nullptr || (!entry.group_key.empty() && entry.group_key != route.to[0]))
      streamable_ = false;
    if (one_below && route.route->in == Placement::Body) entry.group_key = route.to[0];
    entry.members.push_back(&route);
  }
  // Two top-level fields writing the same key would need gathering.
  for (std::size_t i = 0; i < top_.size(); ++i) {
    for (std::size_t j = i + 1; j < top_.size(); ++j) {
      if (!output_key(top_[i]).empty() && output_key(top_[i]) == output_key(top_[j])) streamable_ = false;
    }
  }
  for (const BodyRoute* route : ordered_)
    if (route == nullptr || route->to.size() != 1) streamable_ = false;
  for (const auto& entry : top_)
    if (!entry.name.empty()) top_by_length_[std::min(entry.name.size(), kLengthBuckets - 1)].push_back(&entry);
}

const TopEntry* BodyPlan::top(std::string_view name) const {
  if (name.empty()) return nullptr;
  for (const TopEntry* entry : top_by_length_[std::min(name.size(), kLengthBuckets - 1)]) {
    // The first byte rules out nearly every other field of the same length without a memcmp call.
    if (entry->name[0] == name[0] && entry->name == name) return entry;
  }
  return nullptr;
}

// An exact name, or with `wildcard` the wildcard over it; a name ending in "." asks whether any
// field lies under it.
const BodyRoute* BodyPlan::find(std::string_view name, bool wildcard) const {
  const bool under = name.ends_with('.');
  for (const auto& route : routes_) {
    if (under ? route.name.starts_with(name) : (route.wildcard == wildcard && route.name == name)) return &route;
  }
  return nullptr;
}

bool BodyPlan::has_body_fields(const rapidjson::Value& fields) const {
  for (const auto& route : routes_) {
    if (route.route->in != Placement::Body) continue;
    const auto* value = connectors::member_path(fields, route.name);
    if (value != nullptr && !value->IsNull()) return true;
  }
  return false;
}

std::string BodyPlan::write(const rapidjson::Value& fields, std::string_view text_field,
                            std::optional<std::string_view> text) const {
  rapidjson::Value text_value;
  if (text) text_value.SetString(rapidjson::StringRef(text->data(), static_cast<rapidjson::SizeType>(text->size())));
  if (streamable_) {
    JsonWriter out;
    StreamWrite stream{out, text_field, text ? &text_value : nullptr};
    out.StartObject();
    if (!ordered_.empty()) {
      for (const BodyRoute* route : ordered_) {
        const auto* value = route->dotted ? connectors::member_path(fields, route->name) : connectors::member(fields, route->name);
        if (value != nullptr) stream.field(*route, *value);
      }
    } else if (fields.IsObject()) {
      for (const auto& member : fields.GetObject()) {
        const std::string_view key(member.name.GetString(), member.name.GetStringLength());
        const TopEntry* entry = top(key);
        if (entry == nullptr) {
          member.name.Accept(out);  // not declared: sent as written
          member.value.Accept(out);
        } else if (entry->route == nullptr) {
          if (!entry->group_key.empty()) stream.group(*entry, member.value);
        } else if (entry->route->wildcard) {
          stream.wildcard(*entry->route, member.value);
        } else {
          stream.field(*entry->route, member.value);
        }
      }
    }
    out.EndObject();
    return out.take();
  }
  OutNode root;
  if (!order_.empty()) {
    for (const std::string& name : order_) {
      const BodyRoute* route = find(name, false);
      const auto* value = connectors::member_path(fields, name);
      if (route == nullptr || value == nullptr || unset(*route, *value)) continue;
      place(root, *route, name == text_field && text ? text_value : *value);
    }
  } else if (fields.IsObject()) {
    FlowOrderWalk{*this, root, text_field, text ? &text_value : nullptr, {}}.walk(fields, {});
  }
  JsonWriter out;
  write_node(out, root);
  return out.take();
}

}  // namespace flowc::runtime::manifest_engine
