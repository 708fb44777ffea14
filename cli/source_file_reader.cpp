#include "cli/source_file_reader.hpp"

#include <filesystem>

#include "connectors/list.hpp"
#include "runtime/connector.hpp"

namespace flowc::cli {

std::optional<SourceFileColumns> read_source_file_header(const SourceFileQuery& query) {
  const runtime::SourceAction* action = runtime::connectors::installed_connectors().find_source(query.connector, query.action);
  if (action == nullptr) return std::nullopt;
  const std::string flow_dir = std::filesystem::path(query.flow_path).parent_path().string();
  std::optional<runtime::SourceHeader> header = action->read_header(query.fields, query.account_fields, flow_dir);
  if (!header) return std::nullopt;
  return SourceFileColumns{std::move(header->file), std::move(header->columns), std::move(header->problem)};
}

}  // namespace flowc::cli
