#include "cli/run/fault_options.hpp"

namespace flowc::cli {

void add_fault_options(CLI::App& command, sandbox::Faults& faults) {
  const std::string group = "Sandbox faults";
  command.add_option("--failure-rate", faults.failure_rate, "Answer this share of requests (0..1) with a 500")
      ->check(CLI::Range(0.0, 1.0))->group(group);
  command.add_option("--latency", faults.latency_ms, "Add this many milliseconds before every answer")
      ->check(CLI::NonNegativeNumber)->group(group);
  command.add_option("--throttle-every", faults.throttle_every, "Answer every Nth request with 429 and Retry-After")
      ->check(CLI::NonNegativeNumber)->group(group);
  command.add_option("--retry-after", faults.retry_after_seconds, "The Retry-After seconds of a 429")
      ->check(CLI::NonNegativeNumber)->group(group);
  command.add_option("--burst-5xx-every", faults.burst_5xx_every, "Start a burst of 503s every M requests")
      ->check(CLI::NonNegativeNumber)->group(group);
  command.add_option("--burst-5xx-length", faults.burst_5xx_length, "How many 503s a burst has")
      ->check(CLI::NonNegativeNumber)->group(group);
  command.add_option("--reject-orders", faults.reject_orders_matching,
                     "KeepinCRM rejects (422) new orders whose title matches REGEX, or FIELD=REGEX")
      ->group(group);
  command.add_option("--fault-seed", faults.seed, "Seed of the random failures, to repeat a run")->group(group);
}

}  // namespace flowc::cli
