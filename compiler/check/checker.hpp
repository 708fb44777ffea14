// Semantic checks of a parsed flow: names, fields against the connector catalog, references,
// conditions, schedules and settings. Collects every problem in one pass.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/parse/ast.hpp"
#include "ir/diagnostic.hpp"
#include "ir/source.hpp"

namespace flowc {

// The source of a flow as a reader of its local file sees it: the values written in the flow.
struct SourceFileQuery {
  std::string connector;                              // "csv"
  std::string action;                                 // "new_rows"
  std::map<std::string, std::string> fields;          // the source's fields with a value fixed in the flow, as text
  std::map<std::string, std::string> account_fields;  // the account's, likewise
  std::string flow_path;                              // relative file paths start from its folder
};

// What the header of a source's local file says.
struct SourceFileColumns {
  std::string file;                  // the file as resolved, for messages
  std::vector<std::string> columns;  // the names its header gives the columns, when it could be read
  std::string problem;               // why it could not be read, naming the file; empty when it was
};

// Reads the header of the source's file; nullopt when the source has no local file whose header
// names the columns (another connector, `header = false`, a path only known at run time).
using SourceFileReader = std::function<std::optional<SourceFileColumns>(const SourceFileQuery&)>;

struct CheckOptions {
  // Unset, the checker reads nothing but the flow's text. `flowc check` sets it, so `row.NAME` is
  // checked against the columns the source's file really has.
  SourceFileReader read_source_file;
};

// Adds errors (E020..E099) and warnings (W001..W099) to `diagnostics`; see diagnostic_codes.hpp.
// A flow without errors can be lowered to IR.
void check_flow(const ast::Flow& flow, const SourceFile& source, Diagnostics& diagnostics,
                const CheckOptions& options = {});

}  // namespace flowc
