// Send actions performed from a connector manifest (docs/connector-format.md) instead of
// hand-written C++: one ManifestSendAction per `action NAME { kind = send }`, shared by every row.
// The runtime receives the manifest as IR; it never reads a manifest file.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"
#include "runtime/manifest_engine/engine_body.hpp"

namespace flowc::runtime::manifest_engine {

class ManifestSendAction final : public SendAction {
 public:
  // `connector` must outlive the action (and every exchange it begins).
  ManifestSendAction(const manifest::ConnectorManifest& connector, const manifest::ActionManifest& action,
                     const catalog::ActionSpec& spec);

  std::unique_ptr<Exchange> begin(const rapidjson::Value& fields, const AccountConfig& account) const override;

  const manifest::ConnectorManifest& connector() const { return connector_; }
  const manifest::ActionManifest& action() const { return action_; }
  const catalog::ActionSpec& spec() const { return spec_; }
  const BodyPlan& body() const { return body_; }
  const RetryAdvice& advice() const { return advice_; }
  // The route of the field placed `in` (the URL, the method, the raw body), or null.
  const manifest::FieldRoute* route_in(manifest::Placement in) const;
  // Every field placed `in` (headers, query parameters), in the manifest's order.
  std::span<const manifest::FieldRoute* const> routes_in(manifest::Placement in) const {
    return all_placed_[static_cast<std::size_t>(in)];
  }
  bool has_query_auth() const { return has_query_auth_; }
  // Body fields with a default, and account fields placed in the body: what a send's fields are
  // completed with before its body is written (empty for most actions: no copy is made then).
  std::span<const manifest::FieldRoute* const> body_defaults() const { return body_defaults_; }
  std::span<const manifest::FieldRoute* const> account_in(manifest::Placement in) const {
    return account_placed_[static_cast<std::size_t>(in)];
  }
  // The path_token auth, whose token is masked in errors; null when none.
  const manifest::Auth* path_token() const { return path_token_; }
  // A field's default as the manifest gives it ("" when none).
  std::string_view default_of(std::string_view field) const;
  // The defaults of the fields every send of a lookup or a split reads, found once.
  std::string_view lookup_by_default() const { return lookup_by_default_; }
  std::string_view lookup_many_default() const { return lookup_many_default_; }
  std::string_view split_mode_default() const { return split_mode_default_; }

 private:
  const manifest::ConnectorManifest& connector_;
  const manifest::ActionManifest& action_;
  const catalog::ActionSpec& spec_;
  BodyPlan body_;
  RetryAdvice advice_;
  std::vector<std::pair<std::string, std::string>> defaults_;  // field, default as text
  std::string_view lookup_by_default_, lookup_many_default_, split_mode_default_;  // into defaults_
  std::array<const manifest::FieldRoute*, 8> placed_{};  // by Placement: its first field
  std::array<std::vector<const manifest::FieldRoute*>, 8> all_placed_{};
  std::vector<const manifest::FieldRoute*> body_defaults_;
  std::array<std::vector<const manifest::FieldRoute*>, 8> account_placed_{};
  const manifest::Auth* path_token_ = nullptr;
  bool has_query_auth_ = false;
  std::vector<std::size_t> required_fields_;  // indexes of required fields without a default
  friend std::optional<std::string> required_problem(const ManifestSendAction&, const rapidjson::Value&,
                                                     const AccountConfig&);
};

// The send action `action` of `connector`, or null when it has no such send.
std::unique_ptr<ManifestSendAction> make_send_action(const manifest::ConnectorManifest& connector,
                                                     std::string_view action);

}  // namespace flowc::runtime::manifest_engine
