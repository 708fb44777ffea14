"""What a user would script instead of a flow: the same PATCHes with python3-requests.

usage: requests_baseline.py ROWS_CSV BASE_URL CONCURRENCY LIMIT
One requests.Session per worker (connections kept alive); CONCURRENCY 1 runs a plain loop,
more runs a thread pool. Prints rows=, seconds=, rows_per_s= like flowc_bench.
"""
import csv
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

HEADERS = {"X-Auth-Token": "bench-key", "Accept": "application/json", "Content-Type": "application/json"}


def patch(session, base_url, row):
    body = {"title": f"{row['product']} x {row['qty']}", "total": float(row["amount"])}
    response = session.patch(f"{base_url}/agreements/{row['order_id']}", json=body, headers=HEADERS, timeout=20)
    return response.status_code < 300


def main():
    path, base_url, concurrency, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(path, newline="") as f:
        rows = [row for _, row in zip(range(limit), csv.DictReader(f)) if row["order_id"]]
    start = time.perf_counter()
    if concurrency == 1:
        session = requests.Session()
        ok = sum(patch(session, base_url, row) for row in rows)
    else:
        local = threading.local()

        def work(row):
            if not hasattr(local, "session"):
                local.session = requests.Session()
            return patch(local.session, base_url, row)

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            ok = sum(pool.map(work, rows))
    seconds = time.perf_counter() - start
    if ok != len(rows):
        sys.exit(f"{len(rows) - ok} of {len(rows)} PATCHes failed")
    print(f"rows={len(rows)}\nseconds={seconds:.3f}\nrows_per_s={len(rows) / seconds:.0f}")


if __name__ == "__main__":
    main()
