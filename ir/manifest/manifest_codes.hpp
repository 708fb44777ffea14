// The codes of manifest diagnostics (docs/connector-format.md lists them): M001..M009 for the
// syntax of the block language, M010..M099 for what the reader finds. A manifest also gets the
// flows' syntax codes for what both share (E003 unterminated string, E013 bad escape, ...).
#pragma once

#include <span>
#include <string_view>

#include "ir/diagnostic_codes.hpp"

namespace flowc::manifest {

namespace codes {
// Syntax (also the prefix of the grammar's messages, grammar/manifest_error_messages.hpp).
inline constexpr DiagnosticCode kExpectedEntry{"M001", "expected a field or a block"};
inline constexpr DiagnosticCode kExpectedBlockOpen{"M002", "expected `{` to open a block"};
inline constexpr DiagnosticCode kBlockNotClosed{"M003", "expected a field, a block or `}`"};
// The reader.
inline constexpr DiagnosticCode kUnknownEntry{"M010", "unknown field or block"};
inline constexpr DiagnosticCode kMissing{"M011", "missing required field or block"};
inline constexpr DiagnosticCode kWrongType{"M012", "value of the wrong type"};
inline constexpr DiagnosticCode kBadChoice{"M013", "value is not one of the allowed choices"};
inline constexpr DiagnosticCode kDuplicate{"M014", "given twice"};
inline constexpr DiagnosticCode kUnknownName{"M015", "reference to an unknown field"};
inline constexpr DiagnosticCode kBadExample{"M016", "example body is not JSON"};
inline constexpr DiagnosticCode kOutOfRange{"M017", "number or status out of range"};
inline constexpr DiagnosticCode kConnectorBlock{"M018", "a manifest holds exactly one connector block"};
inline constexpr DiagnosticCode kNotHere{"M019", "setting does not apply here"};
inline constexpr DiagnosticCode kSecretNotMarked{"M020", "auth reads an account field not marked secret"};
// Loading user connectors (compiler/catalog/user_connectors.hpp).
inline constexpr DiagnosticCode kNameTaken{"M021", "a connector of this name is already known"};
}  // namespace codes

// Every code above, in code order.
std::span<const DiagnosticCode> manifest_codes();

}  // namespace flowc::manifest
