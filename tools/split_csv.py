#!/usr/bin/env python3
"""Stratified train/dev split of a labelled CSV (header; text, label), reproducible by seed.

  python3 tools/split_csv.py IN.csv --dev 0.1 --seed 1 --train-out train.csv --dev-out dev.csv
  python3 tools/split_csv.py pairs.csv --label-column 2 --keep-columns 3 ...   # sentence1,sentence2,label
"""
import argparse, csv, random, sys
from collections import defaultdict

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("input")
p.add_argument("--dev", type=float, default=0.1, help="share of each label held out")
p.add_argument("--seed", type=int, default=1)
p.add_argument("--label-column", type=int, default=1, help="0-based column holding the label")
p.add_argument("--keep-columns", type=int, default=2, help="columns written out (the first N)")
p.add_argument("--train-out", required=True)
p.add_argument("--dev-out", required=True)
a = p.parse_args()
with open(a.input, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
by_label = defaultdict(list)
for r in rows:
    by_label[r[a.label_column]].append(r)
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
        w.writerow(header[:a.keep_columns])
        w.writerows(r[:a.keep_columns] for r in part)
print(f"{len(train)} train, {len(dev)} dev rows, {len(by_label)} labels", file=sys.stderr)
