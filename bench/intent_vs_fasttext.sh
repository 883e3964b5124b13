#!/usr/bin/env bash
# Trains and evaluates hushdesk's intent (or sentiment) classifier and Debian's fastText on the
# same stratified train/dev split of a labelled CSV, in the same run, and prints both.
#
#   bench/intent_vs_fasttext.sh DATA.csv [DEV_SHARE=0.1] [SEED=1]
#   TASK=sentiment bench/intent_vs_fasttext.sh DATA.csv     # labels negative/neutral/positive
#
# fastText settings: the tuned ones commonly used for these sets (intent: word bigrams, char
# n-grams 3–5; sentiment: word bigrams, char n-grams 1–3; 25 epochs, lr 0.5, dim 100). fastText
# splits on spaces only, so each Han character is given to it as a word (as the published
# Chinese references do). Its out-of-scope decision is the "oos" label, plus a confidence
# threshold (the one hushdesk calibrated) for the second fastText line.
set -euo pipefail
data="${1:?usage: $0 DATA.csv [dev share] [seed]}"
dev="${2:-0.1}"
seed="${3:-1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
hd="${HUSHDESK:-$root/build/hushdesk}"
task="${TASK:-intent}"
case "$task" in
  intent) ngrams=(-minn 3 -maxn 5) ;;
  sentiment) ngrams=(-minn 1 -maxn 3) ;;
  *) echo "TASK must be intent or sentiment" >&2; exit 2 ;;
esac
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 "$root/tools/split_csv.py" "$data" --dev "$dev" --seed "$seed" \
  --train-out "$tmp/train.csv" --dev-out "$tmp/dev.csv"

echo "== hushdesk"
start=$(date +%s%N)
"$hd" train "$task" --data "$tmp/train.csv" --out "$tmp/model" 2> "$tmp/train.log"
end=$(date +%s%N)
threshold="$(sed -n 's/.*threshold \([0-9.]*\).*/\1/p' "$tmp/train.log")"
echo "train $(( (end - start) / 1000000 )) ms, model $(stat -c %s "$tmp/model") bytes"
"$hd" eval "$task" --model "$tmp/model" --data "$tmp/dev.csv" --json

# fastText wants "__label__X text" lines; Han characters become words of their own.
to_ft() {
  python3 - "$1" <<'PY'
import csv, re, sys
han = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))[1:]
for text, label in ((r[0], r[1]) for r in rows):
    print(f"__label__{label} " + " ".join(han.sub(r" \1 ", text.replace("\n", " ")).split()))
PY
}
to_ft "$tmp/train.csv" > "$tmp/train.ft"
to_ft "$tmp/dev.csv" > "$tmp/dev.ft"
echo "== fastText $(dpkg-query -W -f='${Version}' fasttext 2>/dev/null)"
start=$(date +%s%N)
fasttext supervised -input "$tmp/train.ft" -output "$tmp/ft" -epoch 25 -lr 0.5 -wordNgrams 2 \
  "${ngrams[@]}" -dim 100 -bucket 200000 -seed "$seed" -thread 2 -verbose 0
end=$(date +%s%N)
echo "train $(( (end - start) / 1000000 )) ms, model $(stat -c %s "$tmp/ft.bin") bytes"
fasttext predict-prob "$tmp/ft.bin" "$tmp/dev.ft" 1 > "$tmp/ft.pred"
python3 - "$tmp/dev.ft" "$tmp/ft.pred" "${threshold:-0}" <<'PY'
import sys
from collections import Counter
gold = [l.split(" ", 1)[0][9:] for l in open(sys.argv[1], encoding="utf-8")]
pred = []
for l in open(sys.argv[2], encoding="utf-8"):
    parts = l.split()
    pred.append((parts[0][9:], float(parts[1])) if parts else ("", 0.0))
def report(threshold):
    got = [("oos" if p < threshold else l) for l, p in pred]
    n = len(gold)
    acc = sum(g == p for g, p in zip(gold, got)) / n
    labels = set(gold)
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, got):
        if g == p: tp[g] += 1
        else: fp[p] += 1; fn[g] += 1
    f1 = []
    for l in labels:
        pr = tp[l] / (tp[l] + fp[l]) if tp[l] + fp[l] else 0
        rc = tp[l] / (tp[l] + fn[l]) if tp[l] + fn[l] else 0
        f1.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
    out = {"threshold": threshold, "accuracy": round(acc, 4), "macro_f1": round(sum(f1) / len(f1), 4)}
    if "oos" in labels:
        ins = [(g, p) for g, p in zip(gold, got) if g != "oos"]
        oos = [(g, p) for g, p in zip(gold, got) if g == "oos"]
        out["in_scope_accuracy"] = round(sum(g == p for g, p in ins) / len(ins), 4)
        out["oos_recall"] = round(sum(p == "oos" for g, p in oos) / len(oos), 4)
    print(out)
report(0.0)
if float(sys.argv[3]) > 0:
    report(float(sys.argv[3]))
PY
