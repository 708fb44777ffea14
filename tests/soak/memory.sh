#!/usr/bin/env bash
# Heap of one long `flowc run` under valgrind massif, against `flowc sandbox` serving a generated
# sheet of ROWS rows (no faults): prints massif's peak and final heap so runs of different
# lengths can be compared; MASSIF_OUT=FILE keeps massif's output for ms_print.
# Usage: tests/soak/memory.sh [FLOWC] [ROWS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
flowc="$(realpath "${1:-$here/../../build/flowc}")"
rows="${2:-2000}"
work="$(mktemp -d /tmp/flowc-memory.XXXXXX)"
sandbox_pid=""
trap '[[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT

python3 "$here/make_data.py" "$work/data" "$rows"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$flowc" sandbox --data "$work/data" --port "$port" --smtp-port 0 >"$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/_sandbox/state" >/dev/null && break; sleep 0.1; done
sed -e "s|@BASE@|http://127.0.0.1:$port|g" "$here/seed_soak.flow" >"$work/soak.flow"
export SOAK_SHEETS_KEY=k SOAK_CRM_KEY=k SOAK_BOT_TOKEN=1:k SOAK_CHAT_ID=1
valgrind --tool=massif --massif-out-file="$work/massif.out" \
  "$flowc" run "$work/soak.flow" --state "$work/state.db" --log-format json >"$work/run.log" 2>"$work/valgrind.log" || true
[[ -n "${MASSIF_OUT:-}" ]] && cp "$work/massif.out" "$MASSIF_OUT"
# Snapshots are "mem_heap_B=N" lines in time order: report the peak and the last one.
python3 - "$work/massif.out" "$rows" <<'PY'
import re, sys
heap = [int(v) for v in re.findall(r"mem_heap_B=(\d+)", open(sys.argv[1]).read())]
print(f"rows={sys.argv[2]} snapshots={len(heap)} peak_heap_kb={max(heap)//1024} final_heap_kb={heap[-1]//1024}"
      f" heap_at_half_kb={heap[len(heap)//2]//1024}")
PY
