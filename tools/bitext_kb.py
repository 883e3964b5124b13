#!/usr/bin/env python3
"""Turns bitext-cs-intent into a knowledge base and queries for `hushdesk eval kb`.

  python3 tools/bitext_kb.py DATASET_DIR OUT_DIR

Writes OUT_DIR/kb-answers.csv (27 articles: the canonical response of each intent, titled with
the intent's words, no question variants), OUT_DIR/kb-faq.csv (the same answers with every
training utterance of the intent as a question variant) and OUT_DIR/queries.csv (the dev
utterances with the id of the article that answers them).
"""
import csv, os, sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(src, "responses.csv"), newline="", encoding="utf-8") as f:
    responses = {r["intent"]: r["response"] for r in csv.DictReader(f)}
with open(os.path.join(src, "train.csv"), newline="", encoding="utf-8") as f:
    train = list(csv.DictReader(f))
with open(os.path.join(src, "dev.csv"), newline="", encoding="utf-8") as f:
    dev = list(csv.DictReader(f))

with open(os.path.join(out, "kb-answers.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "lang", "title", "question", "answer", "intent"])
    for intent, answer in sorted(responses.items()):
        w.writerow([intent, "en", intent.replace("_", " "), "", answer, intent])
with open(os.path.join(out, "kb-faq.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "lang", "title", "question", "answer", "intent"])
    for intent, answer in sorted(responses.items()):
        w.writerow([intent, "en", "", "", answer, intent])
        for r in train:
            if r["intent"] == intent:
                w.writerow([intent, "", "", r["utterance"], "", ""])
with open(os.path.join(out, "queries.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["text", "article"])
    for r in dev:
        w.writerow([r["utterance"], r["intent"]])
print(f"{len(responses)} articles, {len(train)} question variants, {len(dev)} queries", file=sys.stderr)
