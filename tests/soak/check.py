"""Checks a finished soak (see soak.sh) and prints its figures as one JSON line.

From the sandbox's final state and request log and from `flowc show` of every run:
  lost        rows whose order was neither updated/created nor alerted       (must be 0)
  duplicates  orders created twice, alerts sent twice for one row; each must belong to a row
              flowc itself reported `uncertain` (a send in flight when the run was killed may
              have reached the server, and only the server knows; the rerun sends it again)
  false_ok    sends flowc recorded as success whose order the server lacks  (must be 0)"""
import collections
import json
import re
import sys

work, rows, killed, elapsed, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
state = json.load(open(f"{work}/sandbox_state.json"))
requests = json.load(open(f"{work}/sandbox_requests.json"))
runs = json.load(open(f"{work}/runs.json"))
shows = [json.loads(line) for line in open(f"{work}/shows.jsonl") if line.strip()]

expected_update, expected_create, expected_alert = set(), set(), set()
for i in range(1, rows + 1):
    if i % 40 == 1:
        continue
    if i % 3 == 0:
        expected_update.add(str(i))
    elif i % 50 == 7:
        expected_alert.add(str(1_000_000 + i))
    else:
        expected_create.add(str(1_000_000 + i))

tag = re.compile(r"#(\d+)")
orders = state["orders"]
by_id = {str(o["id"]): o for o in orders}
created = collections.Counter()
updated = set()
for order in orders:
    m = tag.search(str(order.get("title", "")))
    if not m:
        continue
    if str(order["id"]) == m.group(1):
        updated.add(m.group(1))
    else:
        created[m.group(1)] += 1
alerts = collections.Counter()
for message in state["telegram_messages"]:
    m = tag.search(json.dumps(message))
    if m:
        alerts[m.group(1)] += 1

lost = sorted((expected_update - updated) | (expected_create - set(created)) | (expected_alert - set(alerts)))
duplicate_orders = sum(n - 1 for n in created.values() if n > 1)
duplicate_alerts = sum(n - 1 for n in alerts.values() if n > 1)
uncertain = sum(run["counts"]["uncertain"] for run in runs)

uncertain_rows = set()
false_ok = []
for show in shows:
    for row in show["rows"]:
        if any(send["result"] == "uncertain" for send in row["sends"]):
            uncertain_rows.add(row["identity"].removeprefix("k:"))
        for send in row["sends"]:
            if send["result"] == "success" and send["name"] in ("update", "create"):
                if send["response_id"] not in by_id:
                    false_ok.append((show["run"]["id"], row["row"], send["name"], send["response_id"]))

duplicated = {key for key, n in created.items() if n > 1} | {key for key, n in alerts.items() if n > 1}
unexplained = sorted(duplicated - uncertain_rows)
faults = collections.Counter(r["status"] for r in requests if r["status"] in (429, 500, 503))
figures = {
    "seed": seed,
    "rows": rows,
    "kills": killed,
    "runs": len(runs),
    "final_run_seconds": elapsed,
    "requests": len(requests),
    "faults_injected": {str(k): v for k, v in sorted(faults.items())},
    "orders_updated": len(updated & expected_update),
    "orders_created": len(created),
    "alerts": len(alerts),
    "lost": len(lost),
    "duplicate_orders": duplicate_orders,
    "duplicate_alerts": duplicate_alerts,
    "uncertain_reported": uncertain,
    "duplicates_not_reported_uncertain": len(unexplained),
    "false_success": len(false_ok),
}
print(json.dumps(figures))
problems = []
if lost:
    problems.append(f"{len(lost)} rows lost, e.g. {lost[:5]}")
if unexplained:
    problems.append(f"{len(unexplained)} rows duplicated without an uncertain send, e.g. {unexplained[:5]}")
if false_ok:
    problems.append(f"{len(false_ok)} sends recorded as success the server does not have, e.g. {false_ok[:5]}")
for problem in problems:
    print("soak check failed:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
