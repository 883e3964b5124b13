#!/usr/bin/env bash
# Crash test: kill -9 the server while customers are sending, restart it, and check that every
# message that had been acknowledged is there, readable by its customer and by an agent, and
# that the audit chain verifies. Prints "N passed, M failed".
set -u
HD="${HUSHDESK:?set HUSHDESK to the hushdesk binary}"
LG="${LOADGEN:?set LOADGEN to the hushdesk-loadgen binary}"
tmp="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
passed=0
failed=0
check() {
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
export HUSHDESK_PASSWORD_COST=minimal HUSHDESK_DEMO=false HUSHDESK_LOG_LEVEL=warn

start() {  # start OUTFILE: starts the server, sets $pid and $port
  "$HD" serve --data-dir "$tmp/var" --listen 127.0.0.1:0 > "$1" 2> "$1.err" &
  pid=$!
  for _ in $(seq 1 100); do
    port="$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1")"
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "server did not start"; cat "$1.err"; exit 1
}

printf 'crash test password\n' | "$HD" user add --data-dir "$tmp/var" --username agent1 --role agent > /dev/null
start "$tmp/run1"
"$LG" --server "127.0.0.1:$port" --sessions 64 --seconds 4 --health-seconds 0 \
      --record "$tmp/acks.txt" > "$tmp/lg.out" 2>&1 &
lg=$!
sleep 2
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=""
wait "$lg"
acked="$(wc -l < "$tmp/acks.txt")"
check "messages were acknowledged before the crash ($acked)" test "$acked" -gt 100

start "$tmp/run2"
python3 - "$port" "$tmp/acks.txt" > "$tmp/verify.out" 2>&1 <<'PY'
import json, sys, urllib.request
port, acks_file = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/api/v1"

def call(method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.load(r)

def messages(conv, token):
    ids, after = set(), 0
    while True:
        page = call("GET", f"/conversations/{conv}/messages?after={after}&limit=500", token)
        ids.update(m["id"] for m in page["items"])
        if len(page["items"]) < 500:
            return ids
        after = page["next_after"]

acked = {}
for line in open(acks_file):
    conv, token, mid = line.split()
    acked.setdefault((conv, token), set()).add(int(mid))
missing = 0
for (conv, token), ids in acked.items():
    missing += len(ids - messages(conv, token))
print("conversations", len(acked), "acknowledged", sum(map(len, acked.values())), "missing", missing)
agent = call("POST", "/auth/login", body={"username": "agent1", "password": "crash test password"})["token"]
readable = 0
for (conv, token), ids in list(acked.items())[:5]:
    call("POST", f"/conversations/{conv}/claim", agent)
    if ids <= messages(conv, agent):
        readable += 1
print("agent-readable", readable)
sys.exit(0 if missing == 0 and readable == min(5, len(acked)) else 1)
PY
rc=$?
check "every acknowledged message survived and is readable ($(head -1 "$tmp/verify.out"))" test "$rc" -eq 0
cat "$tmp/verify.out"
kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=""
"$HD" audit verify --data-dir "$tmp/var" > "$tmp/audit.out" 2>&1; rc=$?
check "the audit chain verifies after the crash" test "$rc" -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
