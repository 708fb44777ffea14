// `action NAME { ... }`: its catalog::ActionSpec and the exchange that performs it.
#pragma once

#include "compiler/manifest/block_reader.hpp"
#include "compiler/manifest/read_fields.hpp"

namespace flowc::manifest {

// What an action's templates may refer to besides its own fields.
struct ActionScope {
  const FieldList& account;  // `account.NAME`
  const FieldGroups& groups;
};

// Reads one action; nullopt when its name is missing.
std::optional<std::pair<catalog::ActionSpec, ActionManifest>> read_action(const TreeBlock& block, Problems& problems,
                                                                          const ActionScope& scope);

}  // namespace flowc::manifest
