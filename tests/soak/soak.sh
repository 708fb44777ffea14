#!/usr/bin/env bash
# Fault soak of the seed scenario (samples/keepincrm_update_or_create.flow's logic): a generated
# sheet of ROWS rows in `flowc sandbox`, which answers with random 500s, 429s, bursts of 503s and
# latency; `flowc run --state S` at concurrency 16 is SIGKILLed KILLS times at random moments and
# rerun until it finishes; rows held by a kill are then settled as a person would (`flowc retry`,
# or `--mark-done` when the sandbox got them). Then tests/soak/check.py compares what the sandbox
# holds and logged with what `flowc show` recorded. Not part of ctest: it takes minutes.
#
# Usage: tests/soak/soak.sh [FLOWC] [ROWS] [KILLS] [SEED]
#   FLOWC defaults to build/flowc; prints one JSON line of figures and exits 1 when a check fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
flowc="$(realpath "${1:-$here/../../build/flowc}")"
rows="${2:-10000}"
kills="${3:-5}"
seed="${4:-$RANDOM}"
work="$(mktemp -d /tmp/flowc-soak.XXXXXX)"
sandbox_pid=""
run_pid=""
cleanup() {
  [[ -n "$run_pid" ]] && kill -9 "$run_pid" 2>/dev/null || true
  [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null || true
  [[ -n "$sandbox_pid" ]] && wait "$sandbox_pid" 2>/dev/null || true
  [[ -z "${SOAK_KEEP:-}" ]] && rm -rf "$work"
}
trap cleanup EXIT
RANDOM=$seed

python3 "$here/make_data.py" "$work/data" "$rows"

# A free port: bind to 0 and read back what the kernel chose.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$flowc" sandbox --data "$work/data" --port "$port" --smtp-port 0 --latency 3 --failure-rate 0.02 --throttle-every 97 \
  --retry-after 1 --burst-5xx-every 700 --burst-5xx-length 4 --fault-seed "$seed" >"$work/sandbox.out" 2>&1 &
sandbox_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/_sandbox/state" >/dev/null && break; sleep 0.1; done
curl -sf "$base/_sandbox/state" >/dev/null || { echo "soak: the sandbox did not start:" >&2; cat "$work/sandbox.out" >&2; exit 1; }

sed -e "s|@BASE@|$base|g" "$here/seed_soak.flow" >"$work/soak.flow"
export SOAK_SHEETS_KEY=soak-sheets-key SOAK_CRM_KEY=soak-crm-key SOAK_BOT_TOKEN=123456:soak-bot-token
export SOAK_CHAT_ID=4242
state="$work/state.db"

# Killed runs: each gets a random 1..6 s before SIGKILL.
killed=0
for _ in $(seq "$kills"); do
  "$flowc" run "$work/soak.flow" --state "$state" --log-format json >>"$work/runs.log" 2>&1 &
  run_pid=$!
  sleep "$((RANDOM % 6 + 1)).$((RANDOM % 10))"
  if kill -9 "$run_pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$run_pid" 2>/dev/null || true
  run_pid=""
done
# Then rerun until a run ends normally (0: done, 3: a failure nothing examined; neither repeats).
reruns=0
start=$(date +%s)
until "$flowc" run "$work/soak.flow" --state "$state" --log-format json >>"$work/runs.log" 2>&1; do
  code=$?
  reruns=$((reruns + 1))
  [[ $code -eq 3 ]] && break
  [[ $reruns -ge 5 ]] && { echo "soak: flowc run keeps failing (exit $code); see $work/runs.log" >&2; SOAK_KEEP=1; exit 1; }
done
elapsed=$(($(date +%s) - start))

# What the sandbox holds and logged, and every run's rows as `flowc show` reports them.
collect() {
  curl -sf "$base/_sandbox/state" >"$work/sandbox_state.json"
  curl -sf "$base/_sandbox/requests" >"$work/sandbox_requests.json"
  "$flowc" runs --state "$state" --format json --limit 1000 >"$work/runs.json"
  python3 -c 'import json, sys; [print(run["id"]) for run in json.load(open(sys.argv[1]))]' "$work/runs.json" \
    >"$work/run_ids"
  : >"$work/shows.jsonl"
  while read -r id; do "$flowc" show "$id" --state "$state" --format json >>"$work/shows.jsonl"; done <"$work/run_ids"
}
collect

# The person's part: rows held because a kill came during or after a create or an alert, which
# must not be repeated. A person would look in KeepinCRM or the chat; the sandbox's state stands in for
# that look. What arrived is marked done, the rest is sent again.
python3 "$here/held_rows.py" "$work" >"$work/held"
held=0
while read -r row arrived; do
  held=$((held + 1))
  mark=()
  [[ $arrived == arrived ]] && mark=(--mark-done)
  "$flowc" retry "$work/soak.flow" --state "$state" --row "$row" "${mark[@]}" --log-format json \
    >>"$work/runs.log" 2>&1 || { echo "soak: flowc retry of row $row failed; see $work/runs.log" >&2; SOAK_KEEP=1; exit 1; }
done <"$work/held"
collect

python3 "$here/check.py" "$work" "$rows" "$killed" "$elapsed" "$seed" "$held" || { SOAK_KEEP=1; echo "kept $work" >&2; exit 1; }
