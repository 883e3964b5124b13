#!/usr/bin/python3
"""Answer selection: hushdesk's knowledge-base index against Xapian (Debian's python3-xapian,
BM25, CJK n-grams) on the same knowledge base and queries, in the same run.

  bench/kb_vs_xapian.py KB.csv QUERIES.csv [--lang en|zh]

KB.csv: the `hushdesk kb import` CSV (id, question, answer[, lang, title, intent, products]);
QUERIES.csv: text, id of the article that answers it (as for `hushdesk eval kb`). Xapian is set
up the way hushdesk indexes: every question variant and the title is its own document
(collapsed by article, so an article ranks by its best question), plus the answer as a
document of its own; English stemming; Chinese as character n-grams (FLAG_CJK_NGRAM).
Printed: right answer first, in the top 3, MRR and queries per second, for both.

Runs with Debian's /usr/bin/python3 (python3-xapian is installed for it by scripts/deps.sh).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

import xapian

p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
p.add_argument("kb")
p.add_argument("queries")
p.add_argument("--lang", default="en")
a = p.parse_args()

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
hushdesk = os.environ.get("HUSHDESK", os.path.join(root, "build", "hushdesk"))

# --- the knowledge base, as hushdesk reads it (rows with one id merge) ---
articles = {}
with open(a.kb, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        art = articles.setdefault(row["id"], {"questions": [], "answer": "", "title": ""})
        if row.get("question"):
            art["questions"].append(row["question"])
        if not art["answer"] and row.get("answer"):
            art["answer"] = row["answer"]
        if not art["title"] and row.get("title"):
            art["title"] = row["title"]
with open(a.queries, newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    next(r)
    queries = [(row[0], row[1]) for row in r if len(row) >= 2]

# --- Xapian ---
stemmer = xapian.Stem("english" if a.lang == "en" else "none")
db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
tg = xapian.TermGenerator()
tg.set_stemmer(stemmer)
tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
started = time.perf_counter()
for aid, art in articles.items():
    texts = [art["title"]] + art["questions"] if art["title"] else list(art["questions"])
    if not texts:
        texts = [art["answer"]]
    for text in texts + [art["answer"]]:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        doc.add_value(0, aid)
        doc.set_data(aid)
        db.add_document(doc)
build_s = time.perf_counter() - started
qp = xapian.QueryParser()
qp.set_stemmer(stemmer)
qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
qp.set_default_op(xapian.Query.OP_OR)
qp.set_database(db)
enquire = xapian.Enquire(db)
enquire.set_weighting_scheme(xapian.BM25Weight())
enquire.set_collapse_key(0)
flags = xapian.QueryParser.FLAG_CJK_NGRAM | xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_LOVEHATE
top1 = top3 = 0
rr = 0.0
started = time.perf_counter()
for text, want in queries:
    try:
        q = qp.parse_query(text, flags)
    except xapian.QueryParserError:
        q = qp.parse_query(text, 0)
    enquire.set_query(q)
    ranked = [m.document.get_data().decode() for m in enquire.get_mset(0, 10)]
    if want in ranked:
        k = ranked.index(want)
        top1 += k == 0
        top3 += k < 3
        rr += 1.0 / (k + 1)
xapian_s = time.perf_counter() - started
n = len(queries)

# --- hushdesk, same files ---
out = subprocess.run([hushdesk, "eval", "kb", "--kb", a.kb, "--data", a.queries, "--lang", a.lang, "--json"],
                     check=True, capture_output=True, text=True).stdout
hd = json.loads(out)

print(f"queries {n}, articles {len(articles)}")
print(f"== hushdesk  right answer first {hd['accuracy']:.4f}, top 3 {hd['top3']:.4f}, MRR {hd['mrr']:.4f}, "
      f"{hd['queries_per_s']:.0f} queries/s")
print(f"== Xapian {xapian.version_string()}  right answer first {top1 / n:.4f}, top 3 {top3 / n:.4f}, "
      f"MRR {rr / n:.4f}, {n / xapian_s:.0f} queries/s (index build {build_s:.2f} s)")
