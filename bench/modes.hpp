// The benchmark modes of flowc_bench. Each prints `key=value` lines that bench/run.sh reads.
#pragma once

namespace flowc::bench {

// compile LINES: parse+check+lower of a generated flow vs RapidJSON parsing the IR JSON it compiles to.
int compile_bench(int argc, char** argv);
// interp FLOW CSV: the interpreter (dry run, counting observer) over CSV; the flow's own source path is not used.
int interp_bench(int argc, char** argv);
// hand CSV: the same parsing, filtering and formatting written directly in C++.
int hand_loop_bench(int argc, char** argv);
// curl BASE_URL CONCURRENCY ROWS [THREADS]: the end-to-end PATCHes from bare libcurl loops (flowc's floor).
int curl_floor_bench(int argc, char** argv);
// state DIR ROWS [BATCH]: the state store's new-row queries and batch commits, per row.
int state_bench(int argc, char** argv);
// sends SERVICE.ACTION ROWS FIELDS_JSON: one send per row through the built-in connector set,
// answered at once with a canned 200.
int sends_bench(int argc, char** argv);

}  // namespace flowc::bench
