// The long form of the connector manifests' codes (M001..), for `flowc explain M013`: what each
// means, an example in manifest text and the fix. docs/connector-format.md, "Diagnostics", has the
// same table in short.
#include "compiler/report/diagnostic_explanations.hpp"

#include <array>

namespace flowc {

namespace {

constexpr std::array kManifestExplanations{
    DiagnosticExplanation{"M001", "At this place a manifest takes a field `name = value` or a block `name { ... }`.",
                          "`= \"stray\"` at the top of the file", false,
                          "Write the setting's name before `=`, or remove the stray text."},
    DiagnosticExplanation{"M002", "A block's name (and its labels) must be followed by `{`.", "`kind send` (no `=`)",
                          false, "Add `=` for a field (`kind = send`) or `{ ... }` for a block."},
    DiagnosticExplanation{"M003", "A block holds fields and blocks and ends with `}`; the reader found something else.",
                          "a block not closed at the end of the file", false,
                          "Close the block with `}`; the caret shows where it was expected."},
    DiagnosticExplanation{"M010", "The block has no setting or block of this name; the message suggests the closest one.",
                          "`reqest { ... }` in an action", false,
                          "Use a name the block takes (docs/connector-format.md lists them): `request { ... }`."},
    DiagnosticExplanation{"M011", "A setting or block the manifest needs is missing.", "an action without `kind`",
                          false, "Add it: `kind = send` (or `source`)."},
    DiagnosticExplanation{"M012", "The value has the wrong type for this setting.", "`required = \"yes\"`", false,
                          "Give the type the setting takes: `required = true`."},
    DiagnosticExplanation{"M013", "The value is not one of the words this setting accepts.",
                          "`kind = sned`, `auth digest { }`", false,
                          "Use one of the choices the message lists: `kind = send`."},
    DiagnosticExplanation{"M014", "The same setting, field or block is given twice where it may appear once.",
                          "two `action post_note` blocks", false, "Keep one of them (or rename the second)."},
    DiagnosticExplanation{"M015", "A template or an auth block names a field the action or the account does not have.",
                          "`path = \"notes/{{txt}}\"`, `token = tokne`", false,
                          "Name a declared field (the message suggests the closest), or declare it."},
    DiagnosticExplanation{"M016", "An example's body must be JSON: the sandbox and `flowc test` serve it as the service's answer.",
                          "`body = \"\"\"{\"notes\": [1, 2\"\"\"`", false, "Write the body as valid JSON."},
    DiagnosticExplanation{"M017", "A number or an HTTP status is outside the range the setting allows.",
                          "`status = 700`", false, "Use a value in range: statuses are 100..599."},
    DiagnosticExplanation{"M018", "A manifest file describes exactly one connector, in one `connector NAME { }` block.",
                          "a file without `connector NAME { }`", false,
                          "Put everything in one `connector NAME { ... }` block, one file per service."},
    DiagnosticExplanation{"M019", "The setting exists but does not apply where it is written.",
                          "`pagination` in a send, `choices` on a string field", false,
                          "Remove it, or move it where it applies (a source, an enum field)."},
    DiagnosticExplanation{"M020",
                          "An auth block reads a credential from an account field that is not marked secret, so a flow "
                          "could write the credential in its text.",
                          "`auth bearer { token = api_key }` with `api_key` lacking `secret = true`", false,
                          "Mark the field `secret = true`: flows must then give it as `env.NAME`."},
    DiagnosticExplanation{"M021",
                          "A user connector has the name of a built-in connector or of another user connector; "
                          "names identify connectors in flows, and a built-in one cannot be replaced.",
                          "`connector telegram { ... }` in a `connectors/` folder beside a flow", false,
                          "Rename the connector (`connector my_telegram`), and its accounts' `= NAME` in the flows."},
};

}  // namespace

std::span<const DiagnosticExplanation> manifest_explanations() { return kManifestExplanations; }

}  // namespace flowc
