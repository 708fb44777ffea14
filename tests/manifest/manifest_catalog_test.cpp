// The built-in catalog serves each HTTP connector's manifest as its file in the source tree reads:
// the same account fields, actions, field specs, response fields and after-crash policy, field by
// field. So the copy the build embeds is the file, and the catalog's entry is the manifest's.
// (Before the catalog came from the manifests, this compared each manifest with the hand-written
// spec it replaced; docs/connectors.md, generated from the catalog, stayed byte-identical.)
#include <gtest/gtest.h>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "manifest_support.hpp"

namespace flowc {
namespace {

using manifest_test::load_manifest;

// Every way `actual` differs from `expected`, one line each.
using Differences = std::vector<std::string>;

template <typename T>
void compare(Differences& out, const std::string& what, const T& actual, const T& expected) {
  if (!(actual == expected)) out.push_back(what);
}

void compare_fields(Differences& out, const std::vector<catalog::FieldSpec>& actual,
                    const std::vector<catalog::FieldSpec>& expected, const std::string& where) {
  if (actual.size() != expected.size()) {
    out.push_back(where + ": " + std::to_string(actual.size()) + " fields instead of " +
                  std::to_string(expected.size()));
    return;
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const catalog::FieldSpec& a = actual[i];
    const catalog::FieldSpec& e = expected[i];
    const std::string field = where + " field " + e.name;
    compare(out, field + ": name " + a.name, a.name, e.name);
    compare(out, field + ": type " + std::string(catalog::field_type_name(a.type)), a.type, e.type);
    compare(out, field + ": required", a.required, e.required);
    compare(out, field + ": secret", a.secret, e.secret);
    compare(out, field + ": choices", a.choices, e.choices);
    compare(out, field + ": names_list", a.names_list, e.names_list);
    compare(out, field + ": description \"" + a.description + "\"", a.description, e.description);
  }
}

Differences differences(const catalog::ConnectorSpec& actual, const catalog::ConnectorSpec& expected) {
  Differences out;
  compare(out, "name " + actual.name, actual.name, expected.name);
  compare(out, "description", actual.description, expected.description);
  compare(out, "account_needs_one_of", actual.account_needs_one_of, expected.account_needs_one_of);
  compare_fields(out, actual.account_fields, expected.account_fields, expected.name + " account");
  if (actual.actions.size() != expected.actions.size()) {
    out.push_back("number of actions");
    return out;
  }
  for (std::size_t i = 0; i < expected.actions.size(); ++i) {
    const catalog::ActionSpec& a = actual.actions[i];
    const catalog::ActionSpec& e = expected.actions[i];
    const std::string where = expected.name + "." + e.name;
    compare(out, where + ": name " + a.name, a.name, e.name);
    compare(out, where + ": kind", a.kind, e.kind);
    compare(out, where + ": description", a.description, e.description);
    compare(out, where + ": response fields", a.response_fields, e.response_fields);
    compare(out, where + ": open response", a.open_response, e.open_response);
    compare(out, where + ": after crash", a.after_crash, e.after_crash);
    compare_fields(out, a.fields, e.fields, where);
  }
  return out;
}

class BuiltinCatalogServesManifest : public testing::TestWithParam<std::string> {};

TEST_P(BuiltinCatalogServesManifest, FieldByField) {
  const catalog::ConnectorSpec* expected = catalog::installed().find_connector(GetParam());
  ASSERT_NE(expected, nullptr);
  const manifest::ConnectorManifest manifest = load_manifest(GetParam());
  EXPECT_EQ(differences(manifest.spec, *expected), Differences{});
  // The catalog keeps the whole manifest, for the engine: the same actions as the file's.
  const manifest::ConnectorManifest* served = catalog::installed().find_manifest(GetParam());
  ASSERT_NE(served, nullptr);
  EXPECT_EQ(served->actions.size(), manifest.actions.size());
  EXPECT_EQ(served->base_url, manifest.base_url);
  // One route per field, named like it: the engine finds a field's placement by index.
  ASSERT_EQ(manifest.account_routes.size(), manifest.spec.account_fields.size());
  for (std::size_t i = 0; i < manifest.account_routes.size(); ++i)
    EXPECT_EQ(manifest.account_routes[i].field, manifest.spec.account_fields[i].name);
  ASSERT_EQ(manifest.actions.size(), manifest.spec.actions.size());
  for (std::size_t a = 0; a < manifest.actions.size(); ++a) {
    EXPECT_EQ(manifest.actions[a].name, manifest.spec.actions[a].name);
    ASSERT_EQ(manifest.actions[a].routes.size(), manifest.spec.actions[a].fields.size());
    for (std::size_t i = 0; i < manifest.actions[a].routes.size(); ++i)
      EXPECT_EQ(manifest.actions[a].routes[i].field, manifest.spec.actions[a].fields[i].name);
  }
}

INSTANTIATE_TEST_SUITE_P(HttpConnectors, BuiltinCatalogServesManifest,
                         testing::Values("keepincrm", "telegram", "google_sheets", "http"),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

// The comparison itself can fail: a manifest that differs in one description does not pass.
TEST(BuiltinCatalogServesManifest, NoticesADifference) {
  catalog::ConnectorSpec changed = *catalog::installed().find_connector("telegram");
  changed.actions[0].fields[1].description = "Text.";
  const manifest::ConnectorManifest manifest = load_manifest("telegram");
  EXPECT_EQ(differences(manifest.spec, changed),
            Differences{"telegram.send_message field text: description \"Message text.\""});
}

}  // namespace
}  // namespace flowc
