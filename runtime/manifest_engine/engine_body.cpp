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

enum class Emit { AsIs, AsList, NameValue };

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
  }
}

Emit emit_of(const BodyRoute& route) {
  if (route.route->shape == manifest::FieldShape::NameValue) return Emit::NameValue;
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

}  // namespace

BodyPlan::BodyPlan(const manifest::ActionManifest& action, const catalog::ActionSpec& spec)
    : order_(action.request.body_order) {
  for (std::size_t i = 0; i < action.routes.size() && i < spec.fields.size(); ++i) {
    const auto& route = action.routes[i];
    BodyRoute body{&route, &spec.fields[i], route.field, route.field.ends_with(".*"), {}};
    if (body.wildcard) body.name.resize(body.name.size() - 2);
    const std::string& to = route.to.empty() ? body.name : route.to;
    if (to != "*") body.to = split_dots(to);
    routes_.push_back(std::move(body));
  }
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
