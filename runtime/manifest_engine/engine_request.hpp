// The request side of the manifest engine: templates rendered against an action's fields and its
// account, the base URL with its auth path prefix, and the headers in the manifest's order.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ir/manifest/connector_manifest.hpp"
#include "runtime/connector.hpp"

namespace flowc::runtime::manifest_engine {

// What a template's references read: the field block (only while SendAction::begin runs), the
// account, the match of a lookup and the text describing what the lookup searched.
struct TemplateValues {
  const rapidjson::Value* fields = nullptr;
  const AccountConfig* account = nullptr;
  std::optional<std::string_view> found_id;
  std::string_view lookup;
  std::string_view page_range;  // `{{page.range}}`: a row window's A1 range
  std::string_view cursor;      // `{{cursor}}`: where an incremental source's last poll ended
};

// The auth block in use: the first whose account field is set; null when none is.
const manifest::Auth* active_auth(const manifest::ConnectorManifest& connector, const AccountConfig& account);

// Appends `text` rendered to `out`; inserted values are percent-encoded when `encode` is set.
// Returns the problem when a filter rejects a value, else nullopt.
std::optional<std::string> render(const manifest::Template& text, const TemplateValues& values, bool encode,
                                  std::string& out);
// The same for some of a template's pieces.
std::optional<std::string> render(std::span<const manifest::TemplatePiece> pieces, const TemplateValues& values,
                                  bool encode, std::string& out);

// Appends base_url (the account's or the manifest's) with base_path and a path_token auth's
// `PREFIX<token>`, then `path` after exactly one slash (none when `path` is empty).
void append_url(std::string& out, const manifest::ConnectorManifest& connector, const AccountConfig& account,
                std::string_view path);
// The account's URL prefix and its problem, worked out at its first request (AccountConfig::prepared).
const AccountConfig::Prepared& prepared_account(const manifest::ConnectorManifest& connector,
                                                const AccountConfig& account);
// Whether there is a base URL to start from (the http connector has none by default).
bool has_base_url(const manifest::ConnectorManifest& connector, const AccountConfig& account);

// `NAME=value` of a query auth whose account field is set, encoded; empty when none applies.
std::string auth_query(const manifest::ConnectorManifest& connector, const AccountConfig& account);

// The headers every request of the account carries (account header fields, auth, static headers),
// made at the account's first request and kept in AccountConfig::shared_headers.
const std::shared_ptr<const Headers>& account_headers(const manifest::ConnectorManifest& connector,
                                                      const AccountConfig& account);


}  // namespace flowc::runtime::manifest_engine
