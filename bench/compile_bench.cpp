// The compiler against the fastest thing that reads the same information: RapidJSON parsing the
// IR JSON that the compile produced (a DOM parse, no checks, no diagnostics).
#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "bench/flow_gen.hpp"
#include "bench/measure.hpp"
#include "bench/modes.hpp"
#include "compiler/compile.hpp"
#include "ir/json/ir_json.hpp"

namespace flowc::bench {
namespace {

// Best of `reps` timings: the least disturbed by other work on a shared machine.
template <typename F>
double best_seconds(int reps, F&& run) {
  double best = 1e300;
  for (int i = 0; i < reps; ++i) {
    const double start = now_seconds();
    run();
    best = std::min(best, now_seconds() - start);
  }
  return best;
}

}  // namespace

int compile_bench(int argc, char** argv) {
  const std::size_t lines = argc > 0 ? std::strtoul(argv[0], nullptr, 10) : 10000;
  const std::string text = generate_flow(lines);
  CompileResult first = compile_source("bench.flow", text);
  if (!first.flow) {
    const std::string why = first.diagnostics.items().empty() ? "?" : first.diagnostics.items().front().message;
    throw std::runtime_error("the generated flow does not compile: " + why);
  }
  const std::string json = ir_to_json(*first.flow);
  const double compile_s = best_seconds(5, [&] {
    if (!compile_source("bench.flow", text).flow) throw std::runtime_error("compile failed");
  });
  const double parse_s = best_seconds(20, [&] {
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    if (doc.HasParseError()) throw std::runtime_error("IR JSON does not parse");
  });
  const double mb = static_cast<double>(text.size()) / 1e6;
  fmt::print("flow_lines={}\nflow_mb={:.3f}\nir_json_mb={:.3f}\n", std::count(text.begin(), text.end(), '\n'), mb,
             static_cast<double>(json.size()) / 1e6);
  fmt::print("compile_s={:.4f}\ncompile_mb_s={:.2f}\n", compile_s, mb / compile_s);
  fmt::print("json_parse_s={:.4f}\njson_parse_mb_s={:.2f}\n", parse_s,
             static_cast<double>(json.size()) / 1e6 / parse_s);
  fmt::print("compile_over_parse={:.2f}\n", compile_s / parse_s);
  return 0;
}

}  // namespace flowc::bench
