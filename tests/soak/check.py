"""Checks a finished soak (see soak.sh) and prints its figures as one JSON line.

From the sandbox's final state and request log and from `flowc show` of every run:
  lost        rows whose order was neither updated/created nor alerted       (must be 0)
              (a create answered 500 is not repeated, since it may have acted: the alert
              then accounts for the row)
  duplicates  orders created twice, alerts sent twice for one row                (must be 0)
              (a create or alert in flight at a kill holds its row: no run repeats it, and
              soak.sh settles the held rows as a person would)
  false_ok    sends flowc recorded as success whose order the server lacks  (must be 0)"""
import collections
import json
import re
import sys

work, rows, killed, elapsed, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
held = int(sys.argv[6])
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

# A create the service answered with a 500 is not repeated (it may have acted): the flow's `if`
# alerts instead, which accounts for the row as well as an order does.
alerted_instead = (expected_update | expected_create) - updated - set(created)
lost = sorted((expected_alert - set(alerts)) | (alerted_instead - set(alerts)))
duplicate_orders = sum(n - 1 for n in created.values() if n > 1)
duplicate_alerts = sum(n - 1 for n in alerts.values() if n > 1)
uncertain = sum(run["counts"]["uncertain"] for run in runs)

false_ok = []
for show in shows:
    for row in show["rows"]:
        for send in row["sends"]:
            if send["result"] == "success" and send["name"] in ("update", "create"):
                if send["response_id"] not in by_id:
                    false_ok.append((show["run"]["id"], row["row"], send["name"], send["response_id"]))

duplicated = sorted({key for key, n in created.items() if n > 1} | {key for key, n in alerts.items() if n > 1})
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
    "alerted_instead_of_created": len(alerted_instead & set(alerts)),
    "lost": len(lost),
    "duplicate_orders": duplicate_orders,
    "duplicate_alerts": duplicate_alerts,
    "uncertain_reported": uncertain,
    "held_rows_settled": held,
    "false_success": len(false_ok),
}
print(json.dumps(figures))
problems = []
if lost:
    problems.append(f"{len(lost)} rows lost, e.g. {lost[:5]}")
if duplicated:
    problems.append(f"{len(duplicated)} rows with an order or alert sent twice, e.g. {duplicated[:5]}")
if false_ok:
    problems.append(f"{len(false_ok)} sends recorded as success the server does not have, e.g. {false_ok[:5]}")
for problem in problems:
    print("soak check failed:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
