#!/usr/bin/env python3
"""Debugging aid (not a test): cross-check the Swift models against shared/eval's reference lists.

  python3 Benchmarks/models/check_reference.py prepare /work/shared/eval/synth-2000x500 /tmp/ref
  swift run -c release --scratch-path .build-models models-bench reference /tmp/ref
  python3 Benchmarks/models/check_reference.py compare /work/shared/eval /tmp/ref

`prepare` does protocol 1's leave-last-out split (PROTOCOL.md section 2) into plain files: train.tsv
(user index, item index, weight per training row, file order), texts.json, test.tsv (user index,
test item index). `compare` reads the Swift top-10 lists and reports HR@10/NDCG@10 and list agreement.
"""
import csv, json, math, re, sys
from datetime import datetime

W = {"view": 1.0, "add_to_wishlist": 3.0, "purchase": 5.0}

def order(ids):
    if all(re.fullmatch(r"-?[0-9]+", i) for i in ids):
        return sorted(ids, key=lambda s: (int(s), s))
    return sorted(ids)

def ts(v):
    v = v.strip()
    if re.fullmatch(r"-?[0-9]+", v): return int(v) * 10**9
    d = datetime.fromisoformat(v.replace("Z", "+00:00"))
    return int(d.timestamp()) * 10**9

def prepare(src, out):
    rows = list(csv.DictReader(open(f"{src}/interactions.csv", newline="")))
    items_rows = list(csv.DictReader(open(f"{src}/items.csv", newline="")))
    users = order({r["user_id"].strip() for r in rows})
    items = order({r["item_id"].strip() for r in rows} | {r["item_id"].strip() for r in items_rows})
    uix = {u: i for i, u in enumerate(users)}; iix = {t: i for i, t in enumerate(items)}
    texts = [""] * len(items)
    for r in items_rows:
        texts[iix[r["item_id"].strip()]] = " ".join(v for k, v in r.items() if k != "item_id")
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

if __name__ == "__main__":
    {"prepare": prepare, "compare": compare}[sys.argv[1]](sys.argv[2], sys.argv[3])
