#!/usr/bin/env python3
"""Posts batches of valid `view` events to POST /interactions over keep-alive connections and
reports events/s.

    ingest.py BASE_URL BATCH_SIZE BATCHES [CONNECTIONS=1]

Events are for random users 1..2000 and shoes 1..300 (the default data), each with its own
timestamp in the year 2000 (so none is a repeat, and none touches the care or replacement
schedules, which only read purchases); run.sh deletes them afterwards. Every batch must answer
201 with `inserted` equal to its size.
"""
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone


def main():
    base, size, batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    connections = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    url = urllib.parse.urlsplit(base)
    # A start second unique to this run within the year 2000, then one second per event.
    start = datetime(2000, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=random.randrange(0, 20_000_000))
    latencies, failures, inserted = [], [], [0]
    lock = threading.Lock()
    next_batch = [0]

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        while True:
            with lock:
                batch = next_batch[0]
                if batch >= batches:
                    break
                next_batch[0] += 1
            events = []
            for i in range(size):
                moment = start + timedelta(seconds=batch * size + i)
                events.append({"user_id": random.randint(1, 2000), "shoe_id": random.randint(1, 300),
                               "interaction_type": "view", "occurred_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ")})
            body = json.dumps(events)
            began = time.perf_counter()
            connection.request("POST", "/interactions", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if response.status != 201:
                    failures.append(f"{response.status} {payload[:200]!r}")
                else:
                    inserted[0] += json.loads(payload)["inserted"]
        connection.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    total = size * batches
    print(f"batch {size:5d} x {batches:4d} on {connections} connection(s): {total / elapsed:8.0f} events/s "
          f"({batches / elapsed:6.1f} batches/s, batch p50 {p50:.1f} ms, p99 {p99:.1f} ms), "
          f"inserted {inserted[0]}/{total}, failed batches {len(failures)}")
    for failure in failures[:3]:
        print(f"  failure: {failure}")
    return 1 if failures or inserted[0] != total else 0


if __name__ == "__main__":
    sys.exit(main())
