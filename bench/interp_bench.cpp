// The interpreter over a CSV file with no I/O on the sending side: a dry run renders every
// request each row would make (every branch of every `if`) and hands it to an observer that
// drops it.
#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>

#include "bench/measure.hpp"
#include "bench/modes.hpp"
#include "compiler/compile.hpp"
#include "connectors/list.hpp"
#include "runtime/rows/csv_source.hpp"
#include "runtime/interpreter/interpreter.hpp"

namespace flowc::bench {
namespace {

// Counts what a dry run would print, so the rendering cannot be optimized away.
class CountingObserver : public runtime::RunObserver {
 public:
  void on_request(const ir::Send&, const runtime::Row&, const runtime::HttpRequest& request,
                  const std::string&) override {
    bytes += request.url.size() + request.body.size();
  }
  std::size_t bytes = 0;
};

}  // namespace

int interp_bench(int argc, char** argv) {
  if (argc < 2) throw std::invalid_argument("usage: interp FLOW CSV");
  setenv("KEEPINCRM_API_KEY", "bench-key", 0);
  setenv("TELEGRAM_BOT_TOKEN", "bench-token", 0);
  CompileResult compiled = compile_file(argv[0]);
  if (!compiled.flow) throw std::runtime_error(fmt::format("{} does not compile", argv[0]));

  runtime::CsvSource rows(argv[1]);
  runtime::RunOptions options;
  options.connectors = &runtime::connectors::installed_connectors();
  options.dry_run = true;
  CountingObserver observer;
  const double start = now_seconds();
  const runtime::RunSummary summary = runtime::run_flow_on(*compiled.flow, rows, options, observer);
  const double seconds = now_seconds() - start;
  fmt::print("rows={}\nrows_done={}\nrows_filtered_out={}\nbytes={}\n", summary.rows_read, summary.rows_done,
             summary.rows_filtered_out, observer.bytes);
  fmt::print("seconds={:.3f}\nrows_per_s={:.0f}\npeak_rss_mb={:.1f}\n", seconds,
             static_cast<double>(summary.rows_read) / seconds, peak_rss_mb());
  return 0;
}

}  // namespace flowc::bench
