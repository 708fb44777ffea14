#include "cli/run/sandbox_run.hpp"

#include <filesystem>

#include "connectors/list.hpp"
#include "runtime/connector.hpp"
#include "tools/sandbox/flow_binding.hpp"

namespace flowc::cli {
namespace {

std::filesystem::path data_dir_for(const std::string& flow_path) {
  const std::filesystem::path dir = std::filesystem::path(flow_path).parent_path() / "data";
  return std::filesystem::is_directory(dir) ? dir : std::filesystem::path();
}

}  // namespace

SandboxRun::SandboxRun(const ir::Flow& flow, const std::string& flow_path, sandbox::Faults faults) : files_(flow) {
  sandbox::SandboxOptions options;
  options.data_dir = data_dir_for(flow_path);
  options.faults = std::move(faults);
  sandbox_ = std::make_unique<sandbox::Sandbox>(std::move(options));
  sandbox_->start();
  sandbox::fill_missing_env(flow);
}

std::string SandboxRun::base_url() const { return "http://127.0.0.1:" + std::to_string(sandbox_->port()); }

void SandboxRun::configure(runtime::RunOptions& options) const {
  options.account_overrides = [services = sandbox::account_overrides(*sandbox_), this](const ir::Account& account) {
    const bool files = runtime::connectors::installed_connectors().transport_of(account.connector) == runtime::Transport::LocalFiles;
    return files ? files_.overrides(account) : services(account);
  };
}

}  // namespace flowc::cli
