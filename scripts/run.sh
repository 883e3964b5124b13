#!/usr/bin/env bash
# The main job, until `hushdesk serve` lands: builds hushdesk and runs the privacy gate on the
# synthetic sample conversation, showing what it finds and three de-identified renderings.
# Usage: sudo scripts/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/hushdesk-ccache}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target hushdesk
hd=build/hushdesk
sample=data/samples/chat.txt
echo; echo "== input ($sample, synthetic)"; cat "$sample"
echo; echo "== hushdesk redact --operator tag";  "$hd" redact --operator tag  < "$sample"
echo; echo "== hushdesk redact --operator mask"; "$hd" redact --operator mask < "$sample"
key="$(mktemp)"; rm -f "$key"; vault="$(mktemp -d)/vault.jsonl"
"$hd" keygen --out "$key" 2>/dev/null
echo; echo "== hushdesk redact --operator token (originals sealed in $vault)"
"$hd" redact --operator token --vault "$vault" --key-file "$key" --scope demo < "$sample" | tee "$vault.out"
token="$(grep -o '⟦PHONE_NUMBER:[0-9a-f]*⟧' "$vault.out" | head -1)"
echo; echo "== hushdesk reveal $token"
"$hd" reveal --vault "$vault" --key-file "$key" --scope demo "$token"
rm -f "$key"
