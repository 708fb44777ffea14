// Reading the connectors' manifests in tests: paths relative to the source tree.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "compiler/manifest/manifest_reader.hpp"

namespace flowc::manifest_test {

inline std::string read_source_file(std::string_view relative) {
  std::ifstream in(std::string(FLOWC_SOURCE_DIR) + "/" + std::string(relative), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// connectors/NAME/NAME.connector
inline std::string manifest_path(std::string_view service) {
  return "connectors/" + std::string(service) + "/" + std::string(service) + ".connector";
}

// The manifest of `service`, read; the test fails with its diagnostics when it does not read cleanly.
inline manifest::ConnectorManifest load_manifest(std::string_view service) {
  const std::string path = manifest_path(service);
  manifest::ManifestResult result = manifest::read_manifest(path, read_source_file(path));
  EXPECT_TRUE(result.diagnostics.items().empty()) << render_text(result.source, result.diagnostics.items());
  if (!result.manifest) return {};
  return std::move(*result.manifest);
}

// A manifest written in a test, read as a user's would be; the test fails with its diagnostics
// when it does not read cleanly.
inline manifest::ConnectorManifest read_clean(const std::string& text) {
  manifest::ManifestResult result = manifest::read_manifest("test.connector", text);
  EXPECT_TRUE(result.diagnostics.items().empty()) << render_text(result.source, result.diagnostics.items());
  return result.manifest ? std::move(*result.manifest) : manifest::ConnectorManifest{};
}

}  // namespace flowc::manifest_test
