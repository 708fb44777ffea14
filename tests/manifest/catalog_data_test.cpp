// The catalog is data: the built-in one holds the native connectors and the embedded manifests,
// each embedded copy is its file in the source tree, and a catalog built from an edited manifest
// changes what the checker accepts, without a line of C++.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/compile.hpp"
#include "compiler/catalog/builtin_catalog.hpp"
#include "ir/diagnostic_codes.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "manifest_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace flowc {
namespace {

using manifest_test::load_manifest;
using manifest_test::read_source_file;

std::set<std::string> names(const catalog::Catalog& catalog) {
  std::set<std::string> out;
  for (const catalog::ConnectorSpec& connector : catalog.connectors()) out.insert(connector.name);
  return out;
}

// The connectors described by a manifest in the source tree: every connectors/NAME/NAME.connector.
std::set<std::string> manifest_folders() {
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(FLOWC_SOURCE_DIR) + "/connectors")) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && std::filesystem::exists(entry.path() / (name + ".connector"))) out.insert(name);
  }
  return out;
}

// The two native connectors and one per manifest folder: a folder the build did not embed, or a
// connector no folder holds, shows here.
TEST(BuiltinCatalog, HoldsTheNativeConnectorsAndEveryManifestFolder) {
  std::set<std::string> expected = manifest_folders();
  EXPECT_GE(expected.size(), 16u) << "google_sheets, http, keepincrm, telegram and the catalog of services";
  for (const std::string& described : expected) EXPECT_NE(catalog::installed().find_manifest(described), nullptr) << described;
  expected.insert({"csv", "email"});
  EXPECT_EQ(names(catalog::installed()), expected);
  for (std::string_view native : {"csv", "email"}) EXPECT_EQ(catalog::installed().find_manifest(native), nullptr);
  EXPECT_EQ(catalog::installed().find_action("telegram", "send_message")->name, "send_message");
  EXPECT_EQ(catalog::installed().find_action("telegram", "send_sticker"), nullptr);
  EXPECT_EQ(catalog::installed().find_action("nope", "send"), nullptr);
}

// What the tests' main installs is the process's one built-in catalog, read once.
TEST(BuiltinCatalog, IsReadOncePerProcess) {
  EXPECT_EQ(&catalog::installed(), &manifest::builtin_catalog());
  EXPECT_EQ(&manifest::builtin_catalog(), &manifest::builtin_catalog());
}

// The binary carries every manifest of connectors/*/ as it is in the tree (the build regenerates
// the embedded copy when one changes), and nothing else.
TEST(BuiltinCatalog, EmbedsEachManifestFileAsItIs) {
  std::set<std::string> in_tree;
  for (const auto& folder : std::filesystem::directory_iterator(std::string(FLOWC_SOURCE_DIR) + "/connectors")) {
    const std::string name = folder.path().filename().string();
    if (std::filesystem::exists(folder.path() / (name + ".connector"))) in_tree.insert(manifest_test::manifest_path(name));
  }
  std::set<std::string> embedded;
  for (const manifest::EmbeddedManifest& manifest : manifest::embedded_manifests()) {
    embedded.insert(std::string(manifest.path));
    EXPECT_EQ(manifest.text, read_source_file(manifest.path)) << manifest.path;
  }
  EXPECT_EQ(embedded, in_tree);
}

// A built-in manifest that does not read is a bug of flowc: reading the catalog stops, saying which.
TEST(BuiltinCatalog, AManifestThatDoesNotReadStopsIt) {
  const manifest::EmbeddedManifest broken[] = {{"connectors/broken/broken.connector", "connector broken {\n"}};
  try {
    manifest::read_builtin_catalog(broken);
    ADD_FAILURE() << "a broken built-in manifest was accepted";
  } catch (const std::logic_error& error) {
    EXPECT_NE(std::string(error.what()).find("connectors/broken/broken.connector:"), std::string::npos) << error.what();
  }
}

// The order `flowc connectors` and docs/connectors.md have always listed them in, natives included.
TEST(BuiltinCatalog, ListsTheConnectorsInDocsOrder) {
  std::vector<std::string> order;
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) order.push_back(connector.name);
  // The seed scenario's connectors first, as docs/connectors.md lists them; then the catalog by name.
  const std::vector<std::string> first{"csv", "google_sheets", "keepincrm", "telegram", "email", "http"};
  ASSERT_GT(order.size(), first.size());
  EXPECT_EQ(std::vector<std::string>(order.begin(), order.begin() + 6), first);
  EXPECT_TRUE(std::is_sorted(order.begin() + 6, order.end()));
}

TEST(Catalog, RefusesTwoConnectorsOfOneName) {
  catalog::Catalog catalog;
  catalog.add_native(catalog::native_connectors()[0]);
  EXPECT_THROW(catalog.add_native(catalog::native_connectors()[0]), std::invalid_argument);
  catalog.add_manifest(load_manifest("telegram"));
  EXPECT_THROW(catalog.add_manifest(load_manifest("telegram")), std::invalid_argument);
}

// telegram.connector with one more action, as a user would add it.
std::string telegram_with_chat_action() {
  std::string text = read_source_file(manifest_test::manifest_path("telegram"));
  const std::size_t last_brace = text.rfind('}');
  text.insert(last_brace, R"(
  action send_chat_action {
    kind        = send
    description = "Shows that the bot is typing."

    field chat_id {
      type        = string
      required    = true
      description = "Chat id or @channel name."
    }

    request {
      method = POST
      path   = "sendChatAction"
      body   = json
    }

    response {
      success {
        status  = "2xx"
        body.ok = true
      }
    }
  }
)");
  return text;
}

// The built-in catalog with telegram's manifest replaced by the file `relative` of `folder`, read.
catalog::Catalog with_telegram_from(const testing::TempDir& folder, const std::string& relative) {
  manifest::ManifestResult edited = manifest::read_manifest(folder.file(relative), folder.read(relative));
  EXPECT_TRUE(edited.diagnostics.items().empty()) << render_text(edited.source, edited.diagnostics.items());
  catalog::Catalog catalog;
  for (const catalog::ConnectorSpec& connector : manifest::builtin_catalog().connectors()) {
    if (connector.name == "telegram") {
      if (edited.manifest) catalog.add_manifest(std::move(*edited.manifest));
    } else if (const manifest::ConnectorManifest* described = manifest::builtin_catalog().find_manifest(connector.name)) {
      catalog.add_manifest(*described);
    } else {
      catalog.add_native(connector);
    }
  }
  return catalog;
}

constexpr std::string_view kPrelude =
    "account bot = telegram { bot_token = env.TELEGRAM_BOT_TOKEN }\n"
    "account files = csv\n"
    "source row = files.new_rows { path = \"orders.csv\" }\n";

CompileResult check(std::string_view send) {
  return compile_source("typing.flow", std::string(kPrelude) + std::string(send) + "\n");
}

constexpr std::string_view kTyping = "send typing = bot.send_chat_action { chat_id = row.chat }";

// The codes of the errors the checker reports for `send`, in order.
std::vector<std::string> error_codes(std::string_view send) {
  const CompileResult result = check(send);
  std::vector<std::string> codes;
  for (const Diagnostic& diagnostic : result.diagnostics.items()) {
    if (diagnostic.severity == Severity::Error) codes.push_back(diagnostic.code);
  }
  return codes;
}

TEST(CatalogIsData, AnEditedManifestChangesWhatTheCheckerAccepts) {
  EXPECT_EQ(error_codes(kTyping), std::vector<std::string>{std::string(codes::kUnknownAction.code)});

  const testing::TempDir folder;
  folder.write("telegram/telegram.connector", telegram_with_chat_action());
  const catalog::Catalog edited = with_telegram_from(folder, "telegram/telegram.connector");
  ASSERT_NE(edited.find_action("telegram", "send_chat_action"), nullptr);
  const catalog::Catalog* builtin = catalog::install(edited);
  const CompileResult accepted = check(kTyping);
  // The new action's required field is checked like any other.
  const std::vector<std::string> missing_field = error_codes("send typing = bot.send_chat_action { }");
  catalog::install(*builtin);

  EXPECT_FALSE(accepted.diagnostics.has_errors()) << render_text(accepted.source, accepted.diagnostics.items());
  EXPECT_TRUE(accepted.flow.has_value());
  EXPECT_EQ(missing_field, std::vector<std::string>{std::string(codes::kMissingField.code)});
  // The built-in catalog is back: the action is unknown again.
  EXPECT_EQ(error_codes(kTyping), std::vector<std::string>{std::string(codes::kUnknownAction.code)});
}

}  // namespace
}  // namespace flowc
