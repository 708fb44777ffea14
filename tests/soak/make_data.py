"""Writes the soak's sandbox data: DIR/Orders.csv with ROWS rows and DIR/keepincrm_orders.csv.

Every third row's order exists in KeepinCRM (update succeeds); the others are created; every
50th row has a phone KeepinCRM refuses (create fails, Telegram is alerted); every 40th is a draft
(filtered out)."""
import csv
import os
import sys

out, rows = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "keepincrm_orders.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "title", "total", "status", "client.person"])
    for i in range(3, rows + 1, 3):
        w.writerow([i, f"Seeded {i}", i, "new", f"Client {i}"])
with open(os.path.join(out, "Orders.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["order_id", "status", "product", "qty", "amount", "customer", "phone"])
    for i in range(1, rows + 1):
        order_id = i if i % 3 == 0 else 1_000_000 + i
        status = "draft" if i % 40 == 1 else "new"
        phone = "call after 6pm" if i % 50 == 7 else f"+38050{i:07d}"
        w.writerow([order_id, status, f"Item{i}", i % 5 + 1, i * 10, f"Client {i}", phone])
