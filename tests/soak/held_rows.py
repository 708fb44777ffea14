"""Lists the soak's held rows, one "ROW arrived|missing" line each, for soak.sh to settle.

A row is held when a kill caught it during or after its create or its alert: flowc does not send
either again on its own, since it may have arrived. Whether it did is what a person would look up
in KeepinCRM or the chat; here the sandbox's final state answers."""
import json
import re
import sys

work = sys.argv[1]
state = json.load(open(f"{work}/sandbox_state.json"))
shows = [json.loads(line) for line in open(f"{work}/shows.jsonl") if line.strip()]

tag = re.compile(r"#(\d+)")
created = {m.group(1) for o in state["orders"] if (m := tag.search(str(o.get("title", "")))) and str(o["id"]) != m.group(1)}
alerted = {m.group(1) for message in state["telegram_messages"] if (m := tag.search(json.dumps(message)))}

seen = set()
for show in shows:
    for row in show["rows"]:
        if not row["held"] or row["row"] in seen:
            continue
        seen.add(row["row"])
        order_id = row["identity"].removeprefix("k:")
        # A row's sends run in order, and the alert (the flow's one send besides `update` and
        # `create`) starts only after its create failed. When the row got as far as the alert, in
        # flight or finished (finished sends are listed with their outcomes), the chat is what to
        # check; otherwise KeepinCRM.
        alert_started = any(send["name"] not in ("update", "create") for send in row["sends"])
        landed = alerted if alert_started else created
        print(row["row"], "arrived" if order_id in landed else "missing")
