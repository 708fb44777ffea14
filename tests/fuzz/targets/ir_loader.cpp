// The IR loader and validator on arbitrary JSON: `flowc run flow.ir.json` reads files a person
// may have edited by hand, so any input must end in an error message or a validated flow.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/catalog/builtin_catalog.hpp"
#include "ir/diagnostic.hpp"
#include "ir/json/ir_json.hpp"
#include "ir/ir_validate.hpp"

// Once, before the first input: the connectors flows are checked against.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  flowc::manifest::install_builtin_catalog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  const auto flow = flowc::ir_from_json(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (!flow) return 0;
  flowc::Diagnostics diagnostics;
  flowc::validate_ir(*flow, diagnostics);
  return 0;
}
