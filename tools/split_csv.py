#!/usr/bin/env python3
"""Stratified train/dev split of a labelled CSV (header; text, label), reproducible by seed.

  python3 tools/split_csv.py IN.csv --dev 0.1 --seed 1 --train-out train.csv --dev-out dev.csv
"""
import argparse, csv, random, sys
from collections import defaultdict

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("input")
p.add_argument("--dev", type=float, default=0.1, help="share of each label held out")
p.add_argument("--seed", type=int, default=1)
p.add_argument("--train-out", required=True)
p.add_argument("--dev-out", required=True)
a = p.parse_args()
with open(a.input, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
by_label = defaultdict(list)
for r in rows:
    by_label[r[1]].append(r)
rng = random.Random(a.seed)
train, dev = [], []
for label in sorted(by_label):
    group = by_label[label]
    rng.shuffle(group)
    k = max(1, round(len(group) * a.dev)) if len(group) > 1 else 0
    dev += group[:k]
    train += group[k:]
rng.shuffle(train)
for path, part in ((a.train_out, train), (a.dev_out, dev)):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header[:2])
        w.writerows(r[:2] for r in part)
print(f"{len(train)} train, {len(dev)} dev rows, {len(by_label)} labels", file=sys.stderr)
