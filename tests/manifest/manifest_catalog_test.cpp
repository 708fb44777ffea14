// Each HTTP connector's manifest yields exactly its entry of ir/catalog.cpp: the same account
// fields, actions, field specs, response fields and after-crash policy, field by field. So the
// format expresses today's catalog, and the catalog can be read from the manifests instead.
#include <gtest/gtest.h>

#include "ir/catalog.hpp"
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

class ManifestMatchesCatalog : public testing::TestWithParam<std::string> {};

TEST_P(ManifestMatchesCatalog, FieldByField) {
  const catalog::ConnectorSpec* expected = catalog::find_connector(GetParam());
  ASSERT_NE(expected, nullptr);
  const manifest::ConnectorManifest manifest = load_manifest(GetParam());
  EXPECT_EQ(differences(manifest.spec, *expected), Differences{});
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

INSTANTIATE_TEST_SUITE_P(HttpConnectors, ManifestMatchesCatalog,
                         testing::Values("keepincrm", "telegram", "google_sheets", "http"),
                         [](const testing::TestParamInfo<std::string>& param) { return param.param; });

// The comparison itself can fail: a manifest that differs in one description does not pass.
TEST(ManifestMatchesCatalog, NoticesADifference) {
  catalog::ConnectorSpec changed = *catalog::find_connector("telegram");
  changed.actions[0].fields[1].description = "Text.";
  const manifest::ConnectorManifest manifest = load_manifest("telegram");
  EXPECT_EQ(differences(manifest.spec, changed),
            Differences{"telegram.send_message field text: description \"Message text.\""});
}

}  // namespace
}  // namespace flowc
