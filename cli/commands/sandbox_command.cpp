// `flowc sandbox`: serves the KeepinCRM, Telegram and Google Sheets stand-ins and the SMTP sink
// on loopback in the foreground, logging each request to stderr, until Ctrl-C (SIGINT/SIGTERM).
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/commands.hpp"
#include "cli/run/fault_options.hpp"
#include "tools/sandbox/sandbox.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"
#include "tools/sandbox/stand_ins.hpp"
#include "tools/sandbox/stubs/example_stub.hpp"

namespace flowc::cli {
namespace {

struct SandboxCommandOptions {
  int port = 8765;
  int smtp_port = 2525;
  std::string data_dir;
  sandbox::Faults faults;
};

// Blocks SIGINT and SIGTERM in this thread (and so in every thread it starts afterwards), so
// the signals can be awaited with sigwait() instead of interrupting a server thread.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

void print_endpoints(const sandbox::Sandbox& box) {
  auto root = fmt::format("http://127.0.0.1:{}", box.port());
  fmt::print("flowc sandbox is serving (set each account's base_url):\n");
  for (const sandbox::StandIn& stand_in : sandbox::stand_ins()) {
    const std::string url = box.base_url(stand_in.service);
    std::string note;
    if (!stand_in.token_path.empty())
      note = fmt::format("   (service-account token endpoint: {}{})", url, stand_in.token_path);
    fmt::print("  {:<10} {}{}\n", stand_in.service, url, note);
  }
  fmt::print("  others     {}{}NAME   (any other installed connector, answered from its manifest's examples)\n", root,
             sandbox::kExamplesPath);
  fmt::print("  log        {}/_sandbox/requests\n", root);
  fmt::print("  state      {}/_sandbox/state\n", root);
  fmt::print("Requests are logged to stderr. Ctrl-C stops.\n");
  std::fflush(stdout);
}

int run_sandbox(const SandboxCommandOptions& command) {
  sandbox::SandboxOptions options;
  options.port = command.port;
  options.smtp_port = command.smtp_port;
  options.data_dir = command.data_dir;
  options.faults = command.faults;
  options.on_request = [](const sandbox::LoggedRequest& request) {
    fmt::print(stderr, "{}\n", sandbox::format_log_line(request));
  };

  sigset_t stop_signals = block_stop_signals();
  // Bad fault settings are usage errors; a port in use or unreadable seed data, system failures.
  sandbox::Sandbox box(std::move(options));
  box.start();
  print_endpoints(box);
  int received = 0;
  sigwait(&stop_signals, &received);
  box.stop();
  fmt::print(stderr, "flowc sandbox: stopped ({} requests served)\n", box.requests().size());
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  return kExitOk;
}

}  // namespace

void register_sandbox_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SandboxCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "sandbox", "Serve local stand-ins for KeepinCRM, Telegram and Google Sheets, and an SMTP sink, on loopback");
  command->add_option("--port", options->port, "HTTP port on 127.0.0.1 (0 picks a free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command->add_option("--smtp-port", options->smtp_port, "SMTP port on 127.0.0.1 (0 picks a free one)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command
      ->add_option("--data", options->data_dir,
                   "Seed data: keepincrm_orders.csv|json, <sheet>.csv, <spreadsheetId>/<sheet>.csv")
      ->check(CLI::ExistingDirectory);
  add_fault_options(*command, options->faults);
  command->callback([options, &exit_code] { exit_code = run_sandbox(*options); });
}

}  // namespace flowc::cli
