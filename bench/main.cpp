// flowc_bench MODE ARGS...: see modes.hpp; bench/run.sh is the usual way in.
#include <cstdio>
#include <exception>
#include <string_view>

#include "bench/modes.hpp"
#include "compiler/catalog/builtin_catalog.hpp"
#include "runtime/interpreter/malloc_tuning.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: flowc_bench compile LINES | interp FLOW CSV | hand CSV | state DIR ROWS [BATCH] | curl BASE_URL CONCURRENCY ROWS [THREADS]\n");
    return 2;
  }
  flowc::runtime::keep_freed_memory_for_reuse();  // as flowc itself does
  flowc::manifest::install_builtin_catalog();
  const std::string_view mode = argv[1];
  try {
    if (mode == "compile") return flowc::bench::compile_bench(argc - 2, argv + 2);
    if (mode == "interp") return flowc::bench::interp_bench(argc - 2, argv + 2);
    if (mode == "hand") return flowc::bench::hand_loop_bench(argc - 2, argv + 2);
    if (mode == "curl") return flowc::bench::curl_floor_bench(argc - 2, argv + 2);
    if (mode == "state") return flowc::bench::state_bench(argc - 2, argv + 2);
    if (mode == "sends") return flowc::bench::sends_bench(argc - 2, argv + 2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "flowc_bench %s: %s\n", argv[1], e.what());
    return 1;
  }
  std::fprintf(stderr, "flowc_bench: unknown mode %s\n", argv[1]);
  return 2;
}
