// Times as the state store writes them: UTC, ISO 8601, milliseconds. Text that
// sorts in time order and reads the same on every machine.
#pragma once

#include <chrono>
#include <string>

namespace flowc::runtime::state {

// e.g. "2024-05-18T15:04:05.123Z"
std::string utc_timestamp(std::chrono::system_clock::time_point when);
std::string utc_now();

// A run id that sorts by start time: "20240518T150405.123Z-" plus 6 random hex
// digits, so runs started in the same millisecond (other machines, tests) differ.
std::string generate_run_id(std::chrono::system_clock::time_point when);

}  // namespace flowc::runtime::state
