#!/usr/bin/env bash
# End-to-end tests of the command line, run as a user would. Uses only synthetic data.
# Prints "N passed, M failed" and exits non-zero on any failure.
set -u
HD="${HUSHDESK:?set HUSHDESK to the hushdesk binary}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
check() {  # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

# detect: the contract format, code point offsets.
out="$(printf '%s\n' '{"text":"我叫张伟，手机13800138000","id":1}' | "$HD" detect)"
check "detect finds name and phone with code point offsets" \
  test "$out" = '{"entities":[{"type":"PERSON","start":2,"end":4,"score":0.85},{"type":"PHONE_NUMBER","start":7,"end":18,"score":1.00}]}'

# detect: malformed JSON stops with the line number and a non-zero exit.
printf '%s\n' '{"text":"a@b.cn"}' 'not json' '{"text":"c@d.cn"}' > "$tmp/mixed.jsonl"
"$HD" detect < "$tmp/mixed.jsonl" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "malformed JSON exits non-zero" test "$rc" -ne 0
check "error names line 2" grep -q "line 2: malformed JSON" "$tmp/err"
check "lines before the bad one were written" test "$(wc -l < "$tmp/out")" -eq 1

# --skip-bad: the rest is processed, one output line per input line.
"$HD" detect --skip-bad < "$tmp/mixed.jsonl" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "--skip-bad exits 0" test "$rc" -eq 0
check "--skip-bad keeps one line per input" test "$(wc -l < "$tmp/out")" -eq 3
check "--skip-bad processed line 3" grep -q '"start":0,"end":6' <(sed -n 3p "$tmp/out")

# Invalid UTF-8 and over-long lines.
printf 'ok 13800138000\n\xff\xfe bad\n' > "$tmp/bad.txt"
"$HD" redact < "$tmp/bad.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "invalid UTF-8 exits non-zero" test "$rc" -ne 0
check "invalid UTF-8 names line and offset" grep -q "line 2: invalid UTF-8 at byte offset 0" "$tmp/err"
head -c 3000 /dev/zero | tr '\0' 'a' > "$tmp/long.txt"; printf '\nshort 13800138000\n' >> "$tmp/long.txt"
"$HD" redact --max-line-bytes 1000 --skip-bad < "$tmp/long.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "over-long line reported" grep -q "line 1: line longer than 1000 bytes" "$tmp/err"
check "line after the long one redacted" grep -q "short <PHONE_NUMBER>" "$tmp/out"
check "skip-bad redact exits 0" test "$rc" -eq 0

# Operators.
check "tag" test "$(echo '电话13800138000' | "$HD" redact)" = "电话<PHONE_NUMBER>"
check "mask" test "$(echo '电话13800138000' | "$HD" redact --operator mask)" = "电话138****8000"
check "unknown operator is a usage error" bash -c "! echo x | '$HD' redact --operator shred 2>/dev/null"
check "unknown type is a usage error" bash -c "echo x | '$HD' redact --types NOPE 2>&1 | grep -q 'valid types'"
check "pseudonym without a key explains itself" bash -c "echo x | env -u HUSHDESK_MASTER_KEY '$HD' redact --operator pseudonym 2>&1 | grep -q 'keygen'"

# Token round trip through the vault.
"$HD" keygen --out "$tmp/key" 2>/dev/null
check "keygen refuses to overwrite" bash -c "! '$HD' keygen --out '$tmp/key' 2>/dev/null"
echo '邮箱zhang.wei@example.com' | "$HD" redact --operator token --vault "$tmp/vault" --key-file "$tmp/key" --scope c1 > "$tmp/red"
token="$(grep -o '⟦EMAIL_ADDRESS:[0-9a-f]*⟧' "$tmp/red")"
check "token written" test -n "$token"
check "vault holds no plaintext" bash -c "! grep -q 'zhang.wei' '$tmp/vault'"
check "reveal returns the original" test "$("$HD" reveal --vault "$tmp/vault" --key-file "$tmp/key" --scope c1 "$token")" = "zhang.wei@example.com"
check "reveal in another scope fails" bash -c "! '$HD' reveal --vault '$tmp/vault' --key-file '$tmp/key' --scope c2 '$token' 2>/dev/null"

# JSON Lines mode keeps other fields and takes the scope from a field.
out="$(printf '%s\n' '{"conv":"a","text":"call 13800138000"}' | "$HD" redact --jsonl --operator tag --scope-field conv)"
check "jsonl keeps fields" test "$out" = '{"conv":"a","text":"call <PHONE_NUMBER>"}'

# eval pii: scores and leak rate.
printf '%s\n' '{"text":"手机13800138000","spans":[{"start":2,"end":13,"type":"PHONE_NUMBER"}]}' \
  '{"text":"订单号12345678","spans":[]}' > "$tmp/gold.jsonl"
out="$("$HD" eval pii --gold "$tmp/gold.jsonl" --json)"
check "eval reports perfect F1 on a trivial set" grep -q '"span_f1":1' <<< "$out"
check "eval reports zero leak" grep -q '"leak_rate":0' <<< "$out"
printf '%s\n' '{"text":"x","spans":[{"start":0,"end":5,"type":"PERSON"}]}' > "$tmp/badgold.jsonl"
check "eval rejects spans outside the text" bash -c "! '$HD' eval pii --gold '$tmp/badgold.jsonl' 2>&1 | grep -q 'outside the text' && false || true"
"$HD" eval pii --gold "$tmp/badgold.jsonl" > /dev/null 2> "$tmp/err"; rc=$?
check "eval bad gold exits non-zero with line" test "$rc" -ne 0 -a -n "$(grep 'line 1' "$tmp/err")"

# user add: password from stdin, clear errors, no duplicates.
data="$tmp/var"
export HUSHDESK_PASSWORD_COST=minimal
printf 'correct horse battery\n' | "$HD" user add --data-dir "$data" --username alice --role agent > "$tmp/out" 2> "$tmp/err"; rc=$?
check "user add exits 0" test "$rc" -eq 0
check "user add reports the user" grep -q "added user alice" "$tmp/out"
check "user add creates a private master key" test "$(stat -c %a "$data/master.key")" = 600
printf 'correct horse battery\n' | "$HD" user add --data-dir "$data" --username alice --role agent > /dev/null 2> "$tmp/err"; rc=$?
check "duplicate user exits 1" test "$rc" -eq 1
check "duplicate user is named" grep -q "already exists" "$tmp/err"
printf 'correct horse battery\n' | "$HD" user add --data-dir "$data" --username bob --role wizard > /dev/null 2> "$tmp/err"; rc=$?
check "unknown role exits 1 and lists roles" test "$rc" -eq 1 -a -n "$(grep 'supervisor' "$tmp/err")"
printf 'short\n' | "$HD" user add --data-dir "$data" --username bob --role agent > /dev/null 2> "$tmp/err"; rc=$?
check "weak password refused" test "$rc" -eq 1 -a -n "$(grep '8 characters' "$tmp/err")"
printf 'correct horse battery\n' | "$HD" user add --data-dir "$data" --username carol --role supervisor > /dev/null 2>&1
check "password hashes are argon2id, not the password" \
  python3 -c "import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute('select password_hash from users').fetchall(); sys.exit(0 if all(h[0].startswith('\$argon2id\$') for h in r) and len(r)==2 else 1)" "$data/hushdesk.db"

# audit verify: intact, then tampered (the append-only triggers dropped, as an attacker could).
"$HD" audit verify --data-dir "$data" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "audit verify exits 0 on an intact chain" test "$rc" -eq 0
check "audit verify counts records" grep -q "audit log intact: [1-9][0-9]* records" "$tmp/out"
python3 - "$data/hushdesk.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER audit_no_update; UPDATE audit SET actor='user:99' WHERE seq=2;")
db.commit()
PY
"$HD" audit verify --data-dir "$data" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "audit verify exits non-zero on a tampered chain" test "$rc" -ne 0
check "audit verify names the first broken record" grep -q "BROKEN at record 2" "$tmp/out"
"$HD" audit verify --data-dir "$tmp/nowhere" > /dev/null 2> "$tmp/err"; rc=$?
check "audit verify without a database fails clearly" test "$rc" -ne 0 -a -n "$(grep 'no database' "$tmp/err")"

# serve: bad configuration is refused before anything starts.
"$HD" serve --data-dir "$data" --listen nonsense > /dev/null 2> "$tmp/err"; rc=$?
check "serve rejects a bad --listen" test "$rc" -eq 2 -a -n "$(grep 'HOST:PORT' "$tmp/err")"
printf 'listne = "127.0.0.1:1"\n' > "$tmp/bad.toml"
"$HD" serve --config "$tmp/bad.toml" > /dev/null 2> "$tmp/err"; rc=$?
check "serve names an unknown configuration key" grep -q 'unknown configuration key "listne"' "$tmp/err"

# train intent / eval intent: the contract JSON, bad CSV named by line, missing model.
{
  echo "text,label"
  for i in 1 2 3 4 5 6; do
    echo "where is my card $i,card_arrival"; echo "\"my card, number $i, has not come\",card_arrival"
    echo "i want a refund $i,refund"; echo "退款 $i 什么时候到账,refund"
    echo "tell me a joke $i,oos"; echo "what is the weather $i,oos"
  done
} > "$tmp/intents.csv"
"$HD" train intent --data "$tmp/intents.csv" --out "$tmp/intent.model" --epochs 10 --min-count 1 2> "$tmp/err"; rc=$?
check "train intent exits 0" test "$rc" -eq 0
out="$("$HD" eval intent --model "$tmp/intent.model" --data "$tmp/intents.csv" --json)"
check "eval intent reports accuracy, macro_f1 and the out-of-scope figures" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if {'accuracy','macro_f1','in_scope_accuracy','oos_recall'} <= d.keys() and d['accuracy'] > 0.8 else 1)" "$out"
printf 'text,label\nfine,a\n"never closed,b\n' > "$tmp/bad.csv"
"$HD" train intent --data "$tmp/bad.csv" --out "$tmp/x.model" > /dev/null 2> "$tmp/err"; rc=$?
check "train intent names the bad CSV line" test "$rc" -eq 1 -a -n "$(grep 'line 3' "$tmp/err")"
"$HD" eval intent --model "$tmp/missing.model" --data "$tmp/intents.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "eval intent without a model fails clearly" test "$rc" -ne 0 -a -n "$(grep 'cannot read' "$tmp/err")"

# train sentiment / eval sentiment: a trained model and the built-in lexicon both scored; labels
# that are not polarities are refused by name.
{
  echo "text,label"
  for i in 1 2 3 4 5 6; do
    echo "great service $i thank you,positive"; echo "送餐很快 $i 五星好评,positive"
    echo "late again $i the box was broken,negative"; echo "太慢了 $i 饭都凉了,negative"
    echo "what time do you open $i,neutral"; echo "请问 $i 可以开发票吗,neutral"
  done
} > "$tmp/sentiment.csv"
"$HD" train sentiment --data "$tmp/sentiment.csv" --out "$tmp/sentiment.model" --min-count 1 2> "$tmp/err"; rc=$?
check "train sentiment exits 0" test "$rc" -eq 0
out="$("$HD" eval sentiment --model "$tmp/sentiment.model" --data "$tmp/sentiment.csv" --json)"
check "eval sentiment reports accuracy and macro_f1 of the model" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['model']=='model' and d['accuracy'] > 0.8 and 'macro_f1' in d else 1)" "$out"
out="$("$HD" eval sentiment --data "$tmp/sentiment.csv" --json)"
check "eval sentiment without a model scores the lexicon" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['model']=='lexicon' and d['accuracy'] > 0.5 else 1)" "$out"
"$HD" train sentiment --data "$tmp/intents.csv" --out "$tmp/x.model" > /dev/null 2> "$tmp/err"; rc=$?
check "train sentiment refuses labels that are not polarities" test "$rc" -eq 1 -a -n "$(grep 'negative, neutral or positive' "$tmp/err")"
"$HD" eval sentiment --model "$tmp/intent.model" --data "$tmp/sentiment.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "eval sentiment refuses an intent model" test "$rc" -ne 0 -a -n "$(grep 'negative, neutral or positive' "$tmp/err")"

# eval kb / kb import: answer selection scored, unknown article ids and bad files named.
cat > "$tmp/kb.csv" <<'KB'
id,lang,title,question,answer,intent
returns,en,Returns,How do I return an item?,Open your order and choose Return.,return_item
returns,,,can I send back what I bought,,
hours,en,Opening hours,What are your opening hours?,We are open 9 to 5.,hours
th,zh,退货,怎么退货,在订单详情页申请退货。,return_item
KB
printf 'text,article\nhow can I return this item,returns\nwhen are you open,hours\n我想退货,th\n' > "$tmp/kbq.csv"
out="$("$HD" eval kb --kb "$tmp/kb.csv" --data "$tmp/kbq.csv" --json)"
check "eval kb puts the right answer first" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['accuracy'] == 1.0 and {'top3','mrr','answered'} <= d.keys() else 1)" "$out"
printf 'text,article\nhello,nosuch\n' > "$tmp/kbbad.csv"
"$HD" eval kb --kb "$tmp/kb.csv" --data "$tmp/kbbad.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "eval kb names a query whose article is missing" test "$rc" -eq 1 -a -n "$(grep 'nosuch' "$tmp/err")"
# eval kb --pairs: question matching with a threshold calibrated on other pairs.
cat > "$tmp/pairs.csv" <<'PAIRS'
sentence1,sentence2,label
怎么退货,退货怎么操作,1
怎么退货,发票怎么开,0
how do I return an item,how can I return this item,1
how do I return an item,what are your opening hours,0
PAIRS
out="$("$HD" eval kb --pairs "$tmp/pairs.csv" --calibrate "$tmp/pairs.csv" --json)"
check "eval kb --pairs tells same from different questions" \
  python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d['accuracy'] == 1.0 and d['calibrated'] and d['pairs'] == 4 else 1)" "$out"
printf 'sentence1,sentence2,label\na,b,maybe\n' > "$tmp/pairsbad.csv"
"$HD" eval kb --pairs "$tmp/pairsbad.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "eval kb --pairs names a bad label's line" test "$rc" -eq 1 -a -n "$(grep 'line 2' "$tmp/err")"
"$HD" eval kb --pairs "$tmp/pairs.csv" --kb "$tmp/kb.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "eval kb refuses --pairs with --kb" test "$rc" -eq 2
# identity sign: a token the server's verifier accepts needs the shared secret.
out="$(HUSHDESK_IDENTITY_SECRET=0123456789abcdef0123456789abcdef "$HD" identity sign --tier vip --ttl 60)"
check "identity sign prints payload.signature" \
  python3 -c "import sys,base64,json; p,s=sys.argv[1].split('.'); d=json.loads(base64.urlsafe_b64decode(p+'=='*2)); sys.exit(0 if d['tier']=='vip' and len(s)==64 else 1)" "$out"
env -u HUSHDESK_IDENTITY_SECRET "$HD" identity sign > /dev/null 2> "$tmp/err"; rc=$?
check "identity sign without a secret says what to set" test "$rc" -eq 2 -a -n "$(grep 'identity_secret' "$tmp/err")"
kbdata="$tmp/kbdata"
"$HD" kb import --data-dir "$kbdata" "$tmp/kb.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "kb import stores the articles" test "$rc" -eq 0 -a -n "$(grep 'imported 3 articles' "$tmp/out")"
printf 'id,question,answer\nok,hello,hi\nbad,"never closed\n' > "$tmp/kbbroken.csv"
"$HD" kb import --data-dir "$kbdata" "$tmp/kbbroken.csv" > /dev/null 2> "$tmp/err"; rc=$?
check "kb import names the bad line and stores nothing" test "$rc" -ne 0 -a -n "$(grep 'line 3' "$tmp/err")"
"$HD" audit verify --data-dir "$kbdata" > /dev/null 2>&1; rc=$?
check "kb import is audited in an intact chain" bash -c "test $rc -eq 0 && grep -aq kb.put '$kbdata/hushdesk.db'"

# serve over TLS: a self-signed certificate, then /healthz over HTTPS; a missing key file is
# refused with its name.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" > /dev/null 2>&1
HUSHDESK_TLS_CERT="$tmp/cert.pem" HUSHDESK_TLS_KEY="$tmp/missing.pem" \
  "$HD" serve --data-dir "$data" --listen 127.0.0.1:0 > /dev/null 2> "$tmp/err"; rc=$?
check "serve names an unreadable TLS key" test "$rc" -ne 0 -a -n "$(grep 'missing.pem' "$tmp/err")"
HUSHDESK_TLS_CERT="$tmp/cert.pem" HUSHDESK_TLS_KEY="$tmp/key.pem" HUSHDESK_DEMO=false \
  "$HD" serve --data-dir "$data" --listen 127.0.0.1:0 > "$tmp/tls.out" 2> "$tmp/tls.err" &
tls_pid=$!
for _ in $(seq 1 100); do grep -q "serving on" "$tmp/tls.out" 2>/dev/null && break; sleep 0.1; done
tls_url="$(sed -n 's|.*serving on \(https://[0-9.:]*\)/.*|\1|p' "$tmp/tls.out")"
check "serve announces an https URL" test -n "$tls_url"
check "healthz answers over TLS" python3 -c "
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2]); ctx.check_hostname = False
sys.exit(0 if urllib.request.urlopen(sys.argv[1] + '/healthz', context=ctx).read() == b'{\"status\":\"ok\"}' else 1)
" "$tls_url" "$tmp/cert.pem"
check "plain HTTP to the TLS port is refused" python3 -c "
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1].replace('https', 'http') + '/healthz', timeout=5); sys.exit(1)
except Exception:
    sys.exit(0)
" "$tls_url"
kill -TERM "$tls_pid"; wait "$tls_pid"; rc=$?
check "serve stops cleanly on SIGTERM" test "$rc" -eq 0

echo "$passed passed, $failed failed"
test "$failed" -eq 0
