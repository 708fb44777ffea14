#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS (default 30) from a
# seed corpus made of the repository's own flows, IR files, CSV data, connector manifests and
# tests/fuzz/seeds.
# A crash stops with the target's output and leaves the input as BUILD/crash-*; turn it into a
# regression test in the normal suite. Usage: tests/fuzz/run.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
build="${2:-build-fuzz}"

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DFLOWC_FUZZ=ON \
  -DFLOWC_BUILD_TESTS=OFF -DFLOWC_BUILD_BENCH=OFF >/dev/null
targets=(flow_text ir_loader template_filters csv_reader response_json manifest_text)
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

# Seeds: copies, so the fuzzer may add to the corpus without touching the sources.
corpus="$build/corpus"
rm -rf "$corpus"
mkdir -p "$corpus"/{flow_text,ir_loader,template_filters,csv_reader,response_json,manifest_text}
cp samples/*.flow tests/golden/*.flow "$corpus/flow_text/"
cp tests/golden/*.ir.json "$corpus/ir_loader/"
cp samples/data/*.csv tests/fuzz/seeds/csv/* "$corpus/csv_reader/"
cp tests/fuzz/seeds/template/* "$corpus/template_filters/"
cp tests/fuzz/seeds/json/* "$corpus/response_json/"
cp connectors/*/*.connector tests/golden/manifests/*.connector "$corpus/manifest_text/"
# Every input a fuzzer once found (tests/fuzz/regressions/<target>-*) seeds its target again.
for target in "${targets[@]}"; do
  for found in tests/fuzz/regressions/"$target"-*; do
    [[ -e "$found" ]] && cp "$found" "$corpus/$target/"
  done
done

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Reports name functions and lines only with a symbolizer (Debian's llvm-14 package).
if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" && -x /usr/lib/llvm-14/bin/llvm-symbolizer ]]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
rm -f "$build"/crash-* "$build"/leak-* "$build"/timeout-* "$build"/oom-*
for target in "${targets[@]}"; do
  binary="$build/tests/fuzz/fuzz_$target"
  [[ -x "$binary" ]] || { echo "no $binary" >&2; exit 1; }
  echo "== fuzz_$target for ${seconds}s"
  # -rss_limit_mb keeps a target within a shared CI machine; -max_len bounds one input.
  status=0
  "$binary" "$corpus/$target" -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=1536 \
    -artifact_prefix="$build/crash-$target-" -print_final_stats=1 >"$build/fuzz_$target.log" 2>&1 || status=$?
  grep -E "^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$build/fuzz_$target.log" || true
  if [[ $status -ne 0 ]] || ls "$build"/crash-"$target"-* >/dev/null 2>&1; then
    # The whole report, and the input in hex, so that a CI log is enough to reproduce it.
    cat "$build/fuzz_$target.log" >&2
    for found in "$build"/crash-"$target"-*; do
      [[ -e "$found" ]] && { echo "input $found:" >&2; od -A d -t x1z -v "$found" | head -n 64 >&2; }
    done
    echo "fuzz_$target failed (exit $status); add the input to tests/fuzz/regressions and a test" >&2
    exit 1
  fi
done
echo "fuzzing: no crash in ${#targets[@]} targets x ${seconds}s"
