#include "cli/flows/flow_connectors.hpp"

#include <cstdlib>
#include <stdexcept>

#include "cli/errors.hpp"

namespace flowc::cli {

std::vector<std::string>& connector_folder_options() {
  static std::vector<std::string> folders;
  return folders;
}

namespace {
bool& adding_closed() {
  static bool closed = false;
  return closed;
}
}  // namespace

void stop_adding_connectors() { adding_closed() = true; }

manifest::AddedConnectors add_flow_connectors(const std::string& flow_path) {
  if (adding_closed()) return {};
  const char* env_list = std::getenv("FLOWC_CONNECTORS");
  const auto folders = manifest::connector_folders(connector_folder_options(), env_list ? env_list : "", flow_path);
  if (folders.empty()) return {};
  try {
    return manifest::add_user_connectors(folders);
  } catch (const std::runtime_error& error) {
    throw UsageError(error.what());
  }
}

}  // namespace flowc::cli
