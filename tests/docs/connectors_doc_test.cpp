// docs/connectors.md below its marker is exactly what catalog_markdown() renders from the catalog.
#include <gtest/gtest.h>

#include "ir/catalog.hpp"
#include "ir/manifest/connector_catalog.hpp"
#include "compiler/report/catalog_markdown.hpp"
#include "docs_support.hpp"

namespace flowc {
namespace {

using namespace docs_test;

constexpr std::string_view kConnectorsDoc = "docs/connectors.md";
constexpr std::string_view kMarker = "<!-- generated from the connectors' manifests and ir/catalog.cpp: do not edit below -->";

TEST(ConnectorsDoc, MatchesTheCatalog) {
  std::string doc = read_doc(kConnectorsDoc);
  const Section generated = section_between(doc, kMarker, "");
  ASSERT_TRUE(generated.found()) << kConnectorsDoc << " lacks the marker line " << kMarker;
  const std::string expected = catalog_markdown();
  const std::string actual = doc.substr(generated.begin);
  if (actual == expected) return;
  if (updating_docs()) {
    doc.replace(generated.begin, std::string::npos, expected);
    write_doc(kConnectorsDoc, doc);
    GTEST_SKIP() << "rewrote " << kConnectorsDoc;
  }
  // The first differing line makes the failure readable without a diff tool.
  std::size_t at = 0;
  while (at < actual.size() && at < expected.size() && actual[at] == expected[at]) ++at;
  const std::size_t line_start = expected.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t from = line_start == std::string::npos ? 0 : line_start + 1;
  ADD_FAILURE() << kConnectorsDoc << " is out of date with the catalog (the manifests and ir/catalog.cpp); " << kRegenerateHint
                << "\nfirst difference, expected line:\n  " << expected.substr(from, expected.find('\n', from) - from)
                << "\nfound:\n  " << actual.substr(from, actual.find('\n', from) - from);
}

TEST(ConnectorsDoc, RendersEveryConnectorAndAction) {
  const std::string markdown = catalog_markdown();
  for (const catalog::ConnectorSpec& connector : catalog::installed().connectors()) {
    EXPECT_NE(markdown.find("\n## " + connector.name + "\n"), std::string::npos) << connector.name;
    for (const catalog::ActionSpec& action : connector.actions) {
      EXPECT_NE(markdown.find("### `" + connector.name + "." + action.name + "`"), std::string::npos)
          << connector.name << "." << action.name;
    }
  }
}

TEST(ConnectorsDoc, EscapesTableCells) {
  // `<token>` would vanish as an HTML tag; a `|` would split the cell.
  const std::string markdown = catalog_markdown();
  EXPECT_NE(markdown.find("Bearer &lt;token&gt;"), std::string::npos);
  EXPECT_NE(markdown.find("`headers.<name>`"), std::string::npos);
}

}  // namespace
}  // namespace flowc
