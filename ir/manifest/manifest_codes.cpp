#include "ir/manifest/manifest_codes.hpp"

#include <array>

namespace flowc::manifest {

std::span<const DiagnosticCode> manifest_codes() {
  using namespace codes;
  static constexpr std::array kAll{kExpectedEntry, kExpectedBlockOpen, kBlockNotClosed, kUnknownEntry,
                                   kMissing,       kWrongType,         kBadChoice,      kDuplicate,
                                   kUnknownName,   kBadExample,        kOutOfRange,     kConnectorBlock,
                                   kNotHere,       kSecretNotMarked, kNameTaken};
  return kAll;
}

}  // namespace flowc::manifest
