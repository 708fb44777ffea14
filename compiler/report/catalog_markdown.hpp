// The reference tables of the docs rendered from the data they describe, so docs/connectors.md and
// the filter table of docs/language.md cannot drift from the catalog (a test compares them).
#pragma once

#include <string>

namespace flowc {

// docs/connectors.md below its "generated" marker: every connector of the installed catalog, its
// account fields and each action's fields and response fields.
std::string catalog_markdown();

// The table of template filters in docs/language.md, from template_filters().
std::string template_filters_markdown();

}  // namespace flowc
