// Parser + checker + lowering on arbitrary flow text; a compiled flow also goes through the IR's
// JSON round trip, which must reproduce the same bytes. Anything but a crash, a sanitizer report
// or a broken round trip is a pass: bad input must end in diagnostics.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/compile.hpp"
#include "compiler/catalog/builtin_catalog.hpp"
#include "ir/json/ir_json.hpp"

// Once, before the first input: the connectors flows are checked against.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  flowc::manifest::install_builtin_catalog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  flowc::CompileResult result =
      flowc::compile_source("fuzz.flow", std::string(reinterpret_cast<const char*>(data), size));
  if (!result.flow) return 0;
  const std::string json = flowc::ir_to_json(*result.flow);
  std::string error;
  const auto reloaded = flowc::ir_from_json(json, error);
  if (!reloaded || flowc::ir_to_json(*reloaded) != json) std::abort();  // the IR must survive its own format
  return 0;
}
