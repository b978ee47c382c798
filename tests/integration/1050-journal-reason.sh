#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Machine reasons in journal records and --json (DESIGN.md decision 2):
#
#   - a record that did not pass carries "reason":{"code":…,"args":{…}}
#     right after "exit" and before "data" (after it "clock":"set" under a
#     clock set with --now), beside data.reasons; a passing record has none
#   - real causes: a pre_backup hook exiting 3 is hook_failed {hook
#     pre_backup, exit 3}; a drill check exiting 7 is check_failed {check,
#     exit 7}; a drill over a 1 ms RTO target is rto_missed {seconds,
#     target_seconds 0.001}; a part with one byte flipped (XOR 0x01) is
#     integrity_mismatch naming the part's object; a refused TCP
#     connection is connection_refused
#     naming host:port; a held lock is lock_busy naming the holder's
#     command (in --json: lock failures are not journaled); a bad operand
#     is usage_error
#   - every real in a record, a --json document and a drill details file
#     is written with at most 3 decimals (milliseconds)
#   - journal verify passes on all of it

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "ledger" >"$d/ledger.txt"
head -c 300000 /dev/urandom >"$d/blob.bin"

mk_profile rs "$d"
P=$T/rs.conf
J=$T/state/journal/rs.jsonl
cp "$P" "$T/rs.base"

# last_has REGEX: the last journal line matches REGEX.
last_has() {
	python3 - "$J" "$1" <<'PY' || { tail -n 1 "$J" >&2; fail "last journal line does not match /$1/"; }
import re, sys
line = open(sys.argv[1], "rb").read().decode().splitlines()[-1]
sys.exit(0 if re.search(sys.argv[2], line) else 1)
PY
}

# reason_is FILE CODE ARGS: the reason of the last line of FILE (a journal)
# or of the JSON document FILE is {code: CODE, args: ARGS (a Python dict)}.
reason_is() {
	python3 - "$@" <<'PY' || fail "reason in $1 is not $2 $3"
import json, sys
f, code, args = sys.argv[1], sys.argv[2], eval(sys.argv[3])
text = open(f).read()
doc = json.loads(text.splitlines()[-1]) if f.endswith(".jsonl") else json.loads(text)
r = doc.get("reason")
print("reason:", json.dumps(r))
sys.exit(0 if r == {"code": code, "args": args} else 1)
PY
}

# ms_only FILE: no JSON number in FILE has more than 3 decimals.
ms_only() {
	python3 - "$1" <<'PY' || fail "$1 has a number with more than 3 decimals"
import re, sys
text = open(sys.argv[1]).read()
# Numbers outside strings only: drop the strings first.
bare = re.sub(r'"(\\.|[^"\\])*"', '""', text)
bad = re.findall(r'-?\d+\.\d{4,}(?:[eE][-+]?\d+)?', bare)
if bad:
    print("long numbers:", bad[:5])
sys.exit(1 if bad else 0)
PY
}

note "a failing pre_backup hook: hook_failed"
cat >>"$P" <<CONF
hooks = { pre_backup = "exit 3"; };
CONF
expect_exit 1 "$RST" backup "$P"
last_has '"kind":"backup",.*"result":"fail","exit":1,"reason":\{"code":"hook_failed","args":\{"hook":"pre_backup","exit":3\}\},"data":\{'
last_has '"reasons":\["'

note "a passing record has no reason; --json and the journal round to ms"
cp "$T/rs.base" "$P"
cat >>"$P" <<CONF
drill = { scratch_dir = "$T/scratch"; checks = ( { name = "ledger ok"; command = "exit 7"; } ); };
CONF
expect_exit 0 "$RST" --json backup "$P"
last_has '"kind":"backup",.*"result":"pass","exit":0,"data":'
if last_has_reason=$(tail -n 1 "$J" | grep -c '"reason"'); [ "$last_has_reason" != 0 ]; then
	fail "a passing record carries a reason: $(tail -n 1 "$J")"
fi
ms_only "$OUT"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d["seconds"], float)' "$OUT" ||
	fail "backup --json has no seconds"

note "a failing drill check: check_failed"
expect_exit 1 "$RST" --json drill "$P"
last_has '"kind":"drill",.*"exit":1,"reason":\{"code":"check_failed","args":\{"check":"ledger ok","exit":7\}\},"data":\{'
reason_is "$J" check_failed '{"check": "ledger ok", "exit": 7}'
reason_is "$OUT" check_failed '{"check": "ledger ok", "exit": 7}'
ms_only "$J"
ms_only "$OUT"
details=$(find "$T/state" -name '*.jsonl' -path '*drill*' | head -n 1)
[ -n "$details" ] && ms_only "$details"

note "a drill over its RTO target: rto_missed with both durations"
sed -i 's/command = "exit 7";/command = "true";/; s/drill = {/drill = { rto_target = "1ms";/' "$P"
expect_exit 1 "$RST" drill "$P"
python3 - "$J" <<'PY' || fail "rto_missed: $(tail -n 1 "$J")"
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])["reason"]
assert r["code"] == "rto_missed" and r["args"]["target_seconds"] == 0.001, r
assert r["args"]["seconds"] > 0.001, r
PY

note "a part with one byte flipped: integrity_mismatch naming it"
snap=$(snapdir rs)
part=$(ls "$snap" | grep '^stream' | head -n 1)
[ -n "$part" ] || fail "no part in $snap"
python3 -c 'import sys
p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[100] ^= 1; open(p, "wb").write(b)' "$snap/$part"
expect_exit 4 "$RST" verify "$P"
reason_is "$J" integrity_mismatch "{'object': 'snapshots/rs/$(basename "$snap")/$part'}"
rm -rf "$snap"

note "a held lock: lock_busy naming the holder (--json)"
cp "$T/rs.base" "$P"
cat >>"$P" <<CONF
hooks = { pre_backup = "touch '$T/started'; sleep 4"; };
CONF
"$RST" backup "$P" >"$T/bg.out" 2>&1 &
bg=$!
at_exit "kill $bg 2>/dev/null"
for _ in $(seq 1 100); do [ -f "$T/started" ] && break; sleep 0.05; done
[ -f "$T/started" ] || fail "the background backup did not start"
expect_exit 5 "$RST" --json drill "$P"
python3 - "$OUT" <<'PY' || fail "drill --json under a held lock: $(cat "$OUT")"
import json, os, sys
r = json.load(open(sys.argv[1]))["reason"]
assert r["code"] == "lock_busy", r
assert r["args"]["command"] == "backup" and r["args"]["host"] == os.uname().nodename, r
assert isinstance(r["args"]["pid"], int), r
PY
wait "$bg" || fail "the background backup failed: $(cat "$T/bg.out")"

note "a bad operand: usage_error (--json)"
expect_exit 2 "$RST" --json drill "$P" not-a-snapshot
reason_is "$OUT" usage_error '{}'

note "a refused connection: connection_refused naming host:port"
port=$(free_port)
cp "$T/rs.base" "$P"
sed -i '/^repository = /d' "$P"
cat >>"$P" <<CONF
repository = { url = "webdav+http://127.0.0.1:$port/repo"; retries = 1; timeout = "5s"; };
CONF
expect_exit 3 "$RST" backup "$P"
reason_is "$J" connection_refused "{'host': '127.0.0.1:$port'}"
last_has '"result":"error","exit":3,"reason":\{"code":"connection_refused"'

note "journal verify passes"
cp "$T/rs.base" "$P"
expect_exit 0 "$RST" journal verify "$P"
