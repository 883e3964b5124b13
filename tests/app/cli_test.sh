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

echo "$passed passed, $failed failed"
test "$failed" -eq 0
