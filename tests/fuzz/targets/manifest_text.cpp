// The connector manifest reader on arbitrary text. Anything but a crash, a sanitizer report or a
// manifest whose parts disagree is a pass: bad input must end in diagnostics.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/manifest/manifest_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  flowc::manifest::ManifestResult result =
      flowc::manifest::read_manifest("fuzz.connector", std::string(reinterpret_cast<const char*>(data), size));
  // Rendering walks every span back into the text: a span past its end would show here.
  const std::string rendered = flowc::render_text(result.source, result.diagnostics.items());
  if (!result.manifest) {
    if (result.diagnostics.items().empty()) std::abort();  // a rejected manifest always says why
    return 0;
  }
  const flowc::manifest::ConnectorManifest& manifest = *result.manifest;
  // One route per field, one manifest action per catalog action: the engine indexes them alike.
  if (manifest.account_routes.size() != manifest.spec.account_fields.size()) std::abort();
  if (manifest.actions.size() != manifest.spec.actions.size()) std::abort();
  for (std::size_t i = 0; i < manifest.actions.size(); ++i) {
    if (manifest.actions[i].routes.size() != manifest.spec.actions[i].fields.size()) std::abort();
  }
  return 0;
}
