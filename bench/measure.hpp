// Timing and memory readings shared by the benchmark modes.
#pragma once

#include <chrono>

namespace flowc::bench {

// Seconds since an arbitrary fixed point (steady clock).
double now_seconds();

// The process's peak resident set so far, in MB (getrusage), so each mode runs in its own
// process to be measured alone.
double peak_rss_mb();

}  // namespace flowc::bench
