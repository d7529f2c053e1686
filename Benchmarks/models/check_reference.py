#!/usr/bin/env python3
"""Debugging aid (not a test): cross-check the Swift models against shared/eval's reference lists.

  python3 Benchmarks/models/check_reference.py prepare /work/shared/eval/synth-2000x500 /tmp/ref
  swift run -c release --scratch-path .build-models models-bench reference /tmp/ref
  python3 Benchmarks/models/check_reference.py compare /work/shared/eval /tmp/ref
  (protocol 2: `prepare2` into another directory, the same `reference` run, then `compare2`)

`prepare` does protocol 1's leave-last-out split (PROTOCOL.md section 2) into plain files: train.tsv
(user index, item index, weight per training row, file order), texts.json, test.tsv (user index,
test item index). `compare` reads the Swift top-10 lists and reports HR@10/NDCG@10 and list agreement.
"""
import csv, json, math, re, sys
from datetime import datetime, timedelta, timezone

W = {"view": 1.0, "add_to_wishlist": 3.0, "purchase": 5.0}

def order(ids):
    if all(re.fullmatch(r"-?[0-9]+", i) for i in ids):
        return sorted(ids, key=lambda s: (int(s), s))
    return sorted(ids)

def ts(v):
    v = v.strip()
    if re.fullmatch(r"-?[0-9]+", v): return int(v) * 10**9
    d = datetime.fromisoformat(v.replace("Z", "+00:00"))
    if d.tzinfo is None: d = d.replace(tzinfo=timezone.utc)
    return (d - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(microseconds=1) * 1000

def read_dataset(src):
    """The dataset's rows, its users and items in id order with their indices, and each item's text."""
    rows = list(csv.DictReader(open(f"{src}/interactions.csv", newline="")))
    items_rows = list(csv.DictReader(open(f"{src}/items.csv", newline="")))
    users = order({r["user_id"].strip() for r in rows})
    items = order({r["item_id"].strip() for r in rows} | {r["item_id"].strip() for r in items_rows})
    uix = {u: i for i, u in enumerate(users)}; iix = {t: i for i, t in enumerate(items)}
    texts = [""] * len(items)
    for r in items_rows:
        texts[iix[r["item_id"].strip()]] = " ".join(v for k, v in r.items() if k != "item_id")
    return rows, users, items, uix, iix, texts

def prepare(src, out):
    rows, users, items, uix, iix, texts = read_dataset(src)
    by_user = {}
    for r in rows: by_user.setdefault(uix[r["user_id"].strip()], []).append(r)
    test = {}
    for u, rs in by_user.items():
        if len({r["item_id"].strip() for r in rs}) < 2: continue
        last = max(rs, key=lambda r: (ts(r["timestamp"]), iix[r["item_id"].strip()]))
        test[u] = iix[last["item_id"].strip()]
    with open(f"{out}/train.tsv", "w") as f:
        for r in rows:
            u = uix[r["user_id"].strip()]; i = iix[r["item_id"].strip()]
            if test.get(u) == i: continue
            w = W.get(r["event"]) if r["event"] != "rating" else float(r["value"])
            f.write(f"{u}\t{i}\t{w}\n")
    json.dump({"users": len(users), "texts": texts}, open(f"{out}/texts.json", "w"))
    with open(f"{out}/test.tsv", "w") as f:
        for u in sorted(test): f.write(f"{u}\t{test[u]}\n")
    json.dump({"users": users, "items": items}, open(f"{out}/ids.json", "w"))

def compare(ref_dir, out):
    ids = json.load(open(f"{out}/ids.json")); items = ids["items"]; users = ids["users"]
    import glob, os
    for path in sorted(glob.glob(f"{out}/recs_*.tsv")):
        model = os.path.basename(path)[5:-4]
        ref = {r["user_id"]: r for r in csv.DictReader(open(f"{ref_dir}/reference-lists/recs_{model}.csv"))}
        hits = ndcg = same = 0; n = 0
        for line in open(path):
            u, t, *top = line.split(); top = [items[int(x)] for x in top]
            uid = users[int(u)]; test_item = items[int(t)]
            n += 1
            if test_item in top:
                hits += 1; ndcg += 1 / math.log2(top.index(test_item) + 2)
            if ref[uid]["top_items"].split() == top: same += 1
        refhr = sum(r["rank"] != "0" for r in ref.values()) / len(ref)
        print(f"{model:10s} HR@10 {hits/n:.4f} (ref {refhr:.4f}, diff {abs(hits/n-refhr)*n:.0f} users)  NDCG {ndcg/n:.4f}  identical lists {same}/{n}")

def prepare2(src, out):
    """Protocol 2 (PROTOCOL.md section 7): training = rows before the integer 80th-percentile cut;
    test.tsv = test users; exclude.tsv = their purchased training pairs; sessions.json = test sessions."""
    rows, users, items, uix, iix, texts = read_dataset(src)
    t = sorted(ts(r["timestamp"]) for r in rows); n = len(t)
    j = 80 * (n - 1) // 100; rem = 80 * (n - 1) - 100 * j
    cut = t[j] + (-(-rem * (t[j + 1] - t[j]) // 100) if rem else 0)
    trained = set(); purchased = set()
    with open(f"{out}/train.tsv", "w") as f:
        for r in rows:
            if ts(r["timestamp"]) >= cut: continue
            u = uix[r["user_id"].strip()]; i = iix[r["item_id"].strip()]
            w = W.get(r["event"]) if r["event"] != "rating" else float(r["value"])
            f.write(f"{u}\t{i}\t{w}\n"); trained.add(u)
            if r["event"] == "purchase": purchased.add((u, i))
    by_user = {}
    for r in rows: by_user.setdefault(uix[r["user_id"].strip()], []).append((ts(r["timestamp"]), iix[r["item_id"].strip()]))
    sessions = []
    for u in sorted(by_user):
        if u not in trained: continue
        evs = sorted(by_user[u]); cur = [evs[0]]
        for e in evs[1:]:
            if e[0] - cur[-1][0] > 1800 * 10**9:
                if cur[0][0] >= cut: sessions.append((u, sorted({x[1] for x in cur})))
                cur = [e]
            else: cur.append(e)
        if cur[0][0] >= cut: sessions.append((u, sorted({x[1] for x in cur})))
    test_users = sorted({u for u, _ in sessions})
    json.dump({"users": len(users), "texts": texts}, open(f"{out}/texts.json", "w"))
    json.dump({"users": users, "items": items}, open(f"{out}/ids.json", "w"))
    json.dump(sessions, open(f"{out}/sessions.json", "w"))
    with open(f"{out}/test.tsv", "w") as f:
        for u in test_users: f.write(f"{u}\t-1\n")
    with open(f"{out}/exclude.tsv", "w") as f:
        for u, i in sorted(purchased): f.write(f"{u}\t{i}\n")
    print("cut", cut, "test sessions", len(sessions), "test users", len(test_users))

def compare2(ref_dir, out):
    import glob, os
    sessions = json.load(open(f"{out}/sessions.json"))
    ref = json.load(open(f"{ref_dir}/reference-synth-2000x500.json"))
    refacc = {m["model"]: m.get("accuracy@10") for m in ref["results"]}
    for path in sorted(glob.glob(f"{out}/recs_*.tsv")):
        model = os.path.basename(path)[5:-4]
        top = {}
        for line in open(path):
            u, _, *xs = line.split(); top[int(u)] = {int(x) for x in xs}
        hits = sum(1 for u, its in sessions if top[u] & set(its))
        acc = hits / len(sessions)
        print(f"{model:10s} accuracy@10 {acc:.4f} (ref {refacc[model]:.4f}, diff {abs(acc-refacc[model])*len(sessions):.0f} sessions)")

if __name__ == "__main__":
    {"prepare": prepare, "compare": compare, "prepare2": prepare2, "compare2": compare2}[sys.argv[1]](sys.argv[2], sys.argv[3])
