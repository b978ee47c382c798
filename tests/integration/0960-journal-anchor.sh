#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# An anchor outside the host (RFC 3161): a time-stamp authority on
# 127.0.0.1 (tests/helpers/tsa-httpd.py answering with `openssl ts -reply`,
# its CA and certificate made here with stock openssl) stamps the journal.
#
#   - check-config refuses a timestamp group without tsa_ca_file, a URL
#     that is not http(s) and a plain-HTTP URL with credentials (exit 2)
#   - run (a backup and a drill due): one request for the profile, the
#     token kept as journal/anc.tsr/SEQ.tsr in the state dir and the
#     repository, and checked by stock `openssl ts -verify -attime`
#   - report: the journal is anchored (newest anchored line, TSA time, the
#     stock command, which passes when run as printed), exit 0; HTML and
#     Markdown show it; the report's own record is stamped too
#   - the journal rewritten consistently with the signing key: journal
#     verify passes, but the report finds anchor_mismatch, exit 4
#   - a damaged token: anchor_invalid, exit 4
#   - the TSA down: run still exits 0 (backup made), with a warning
#   - a TSA (or a man in the middle of plain HTTP) replaying an old reply:
#     refused (nonce and imprint), nothing stored, a warning
#   - a record whose own time is later than its anchor's takes the TSA's
#     time (run --now three days ahead)
#   - an unanchored profile says it is not anchored, in every language

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tsa.sh"
need python3
need openssl

python3 -c 'import cryptography' 2>/dev/null || skip "optional: python3-cryptography is needed to re-sign a journal"

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "ledger" >"$d/ledger.txt"
ensure_keys
tsa_make
tsa_start
profile() {
	cat >"$T/conf/profiles/anc.conf" <<EOF
name = "anc";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1s"; drill = "1h"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
$1
EOF
}
C=(-c "$T/conf")
# schema FILE: a JSON report valid against docs/report-schema.json (when
# python3 has jsonschema).
schema() {
	python3 - "$SRCDIR/docs/report-schema.json" "$1" <<'EOF' || fail "$1 does not match the schema"
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit(0)
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
EOF
}
SJ=$T/state/journal
RJ=$T/repo/journal

note "check-config validates the timestamp group"
profile "timestamp = { url = \"$TSA_URL\"; };"
expect_exit 2 "$RST" "${C[@]}" check-config anc
expect_stderr 'anc.conf:[0-9]+: .*tsa_ca_file'
profile "timestamp = { url = \"ftp://127.0.0.1/\"; tsa_ca_file = \"$T/tsa/ca.crt\"; };"
expect_exit 2 "$RST" "${C[@]}" check-config anc
expect_stderr 'anc.conf:[0-9]+: timestamp.url: expected an https:// or http:// URL'
profile "timestamp = { url = \"http://u:secret@tsa.example/\"; tsa_ca_file = \"$T/tsa/ca.crt\"; };"
expect_exit 2 "$RST" "${C[@]}" check-config anc
expect_stderr 'plain-HTTP TSA URL must not carry credentials'
grep -q secret "$ERR" && fail "check-config printed the credentials"
profile "timestamp = { url = \"$TSA_URL\"; tsa_ca_file = \"$T/tsa/ca.crt\"; };"
expect_exit 0 "$RST" "${C[@]}" check-config anc

note "run: a backup and a drill, one stamp"
expect_exit 0 "$RST" "${C[@]}" --json run anc
[ "$(tsa_requests)" = 1 ] || fail "run made $(tsa_requests) TSA requests, not 1"
[ "$(json_get "$OUT" 'd["profiles"][0]["anchored"]')" = True ] || fail "run: not anchored: $(cat "$OUT")"
expect_stderr 'anc: journal line 2 anchored \(TSA time 20'
[ -f "$SJ/anc.tsr/1.tsr" ] && cmp -s "$SJ/anc.tsr/1.tsr" "$RJ/anc.tsr/1.tsr" ||
	fail "the token is not journal/anc.tsr/1.tsr in the state dir and the repository"
dg=$(sed -n 2p "$SJ/anc.jsonl" | tr -d '\n' | sha256sum | cut -d' ' -f1)
gen=$(openssl ts -reply -in "$RJ/anc.tsr/1.tsr" -text 2>/dev/null | sed -n 's/^Time stamp: //p')
[ -n "$gen" ] || fail "openssl cannot read the token's time"
at=$(date -u -d "$gen" +%s)
openssl ts -verify -digest "$dg" -in "$RJ/anc.tsr/1.tsr" -CAfile "$T/tsa/ca.crt" \
	-attime "$at" >"$T/v.out" 2>&1 && grep -q "Verification: OK" "$T/v.out" ||
	{ cat "$T/v.out" >&2; fail "stock openssl ts -verify refuses the token"; }
openssl ts -verify -digest "$(sed -n 1p "$SJ/anc.jsonl" | tr -d '\n' | sha256sum | cut -d' ' -f1)" \
	-in "$RJ/anc.tsr/1.tsr" -CAfile "$T/tsa/ca.crt" >"$T/v.out" 2>&1 &&
	fail "the token verifies for another line"

note "report: anchored"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/r1.json" anc
[ "$(tsa_requests)" = 2 ] || fail "report made no stamp of its own record"
[ -f "$SJ/anc.tsr/2.tsr" ] && [ -f "$RJ/anc.tsr/2.tsr" ] || fail "the report's record is not anchored"
schema "$T/r1.json"
python3 - "$T/r1.json" "$dg" "$T/tsa/ca.crt" "$at" <<'EOF' || fail "r1.json: wrong anchor"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
j = p["journal"]
a = j["anchor"]
assert j["anchored"] is True and a["anchored"] is True, j
assert (a["tokens"], a["verified"], a["problems"]) == (1, 1, []), a
n = a["newest"]
assert (n["seq"], n["line"], n["sha256"], n["file"]) == (1, 2, sys.argv[2], "journal/anc.tsr/1.tsr"), n
assert n["command"] == "openssl ts -verify -digest %s -in journal/anc.tsr/1.tsr -CAfile %s -attime %s" % (sys.argv[2], sys.argv[3], sys.argv[4]), n["command"]
assert p["verdict"]["restorable"] is True and p["findings"] == [], p["verdict"]
EOF
cmd=$(json_get "$T/r1.json" 'd["profiles"][0]["journal"]["anchor"]["newest"]["command"]')
(cd "$T/repo" && $cmd) >"$T/v.out" 2>&1 && grep -q "Verification: OK" "$T/v.out" ||
	{ cat "$T/v.out" >&2; fail "the report's command does not verify: $cmd"; }
expect_exit 0 "$RST" "${C[@]}" report --format html --out "$T/r1.html" anc
grep -q "line 3 anchored by a time-stamp authority at 20" "$T/r1.html" ||
	fail "r1.html: no anchor (the report record of r1.json is line 3)"
grep -q "openssl ts -verify -digest [0-9a-f]\{64\} -in journal/anc.tsr/2.tsr -CAfile" "$T/r1.html" ||
	fail "r1.html: no stock command"
expect_exit 0 "$RST" "${C[@]}" report --format md --lang fr --out "$T/r1.md" anc
grep -q "ligne 4 ancrée par une autorité d'horodatage le 20" "$T/r1.md" || fail "r1.md: no anchor in French"
grep -q "réécrire un journal qui n'est pas ancré" "$T/r1.md" || fail "r1.md: no limit sentence"

note "a fleet report reads the tokens from the repository; --tsa-ca"
rm -rf "$T/state.keep" && cp -a "$SJ/anc.tsr" "$T/state.keep"
rm -rf "$SJ/anc.tsr"
# (exit 1: with backups due every second, the journal is journal_stale
# three seconds after its last record)
sleep 3
expect_exit 1 "$RST" "${C[@]}" report --repository anc --format json --out "$T/fleet.json"
schema "$T/fleet.json"
[ "$(json_get "$T/fleet.json" '(d["profiles"][0]["journal"]["anchored"], d["profiles"][0]["journal"]["anchor"]["problems"])')" = "(True, [])" ] ||
	fail "fleet.json: $(json_get "$T/fleet.json" 'd["profiles"][0]["journal"]')"
rm -rf "$SJ/anc.tsr" && cp -a "$T/state.keep" "$SJ/anc.tsr"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/other.key" -out "$T/other.crt" \
	-days 30 -subj "/CN=another CA" >/dev/null 2>&1 || fail "could not make another CA"
expect_exit 4 "$RST" "${C[@]}" report --tsa-ca "$T/other.crt" --format json --out "$T/other.json" anc
schema "$T/other.json"
python3 - "$T/other.json" <<'EOF' || fail "other.json: tokens of another CA are not anchor_invalid"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["journal"]["anchored"] is False, p["journal"]
codes = set(f["code"] for f in p["findings"])
assert codes == {"anchor_invalid"}, p["findings"]
f = [f for f in p["findings"] if f["file"] == "journal/anc.tsr/1.tsr"][0]
assert f["text"].startswith("the time-stamp token journal/anc.tsr/1.tsr of the journal of anc does not verify ("), f
EOF
rm -f "$SJ"/anc.tsr/[6-9].tsr "$T"/repo/journal/anc.tsr/[6-9].tsr

note "the journal rewritten consistently with the key"
cp -a "$SJ" "$T/journal.good"
python3 - "$T/keys/signing.pem" "$SJ/anc.jsonl" "$SJ/anc.head" <<'EOF' || fail "re-signing failed"
import base64, hashlib, json, sys
from cryptography.hazmat.primitives.serialization import load_pem_private_key
key = load_pem_private_key(open(sys.argv[1], "rb").read(), None)
TAIL = len(b',"sig":"') + 88 + 2
def sign(body):
    return body[:-1] + b',"sig":"' + base64.b64encode(key.sign(body)) + b'"}'
lines = open(sys.argv[2], "rb").read().split(b"\n")[:-1]
prev = None
for i, l in enumerate(lines):
    body = l[:-TAIL] + b"}"
    if i == 0:
        assert b'"files":1,' in body, body
        body = body.replace(b'"files":1,', b'"files":9,', 1)
    if prev is not None:
        o = json.loads(body)
        body = body.replace(o["prev"].encode(), prev, 1)
    lines[i] = sign(body)
    prev = hashlib.sha256(lines[i]).hexdigest().encode()
open(sys.argv[2], "wb").write(b"\n".join(lines) + b"\n")
head = b'{"v":1,"count":%d,"last":"%s"}' % (len(lines), prev)
open(sys.argv[3], "wb").write(sign(head) + b"\n")
EOF
cp "$SJ/anc.jsonl" "$SJ/anc.head" "$RJ/"
expect_exit 0 "$RST" "${C[@]}" journal verify anc
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/rw.json" anc
expect_stderr "integrity findings"
schema "$T/rw.json"
python3 - "$T/rw.json" <<'EOF' || fail "rw.json: no anchor_mismatch"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
codes = sorted(set(f["code"] for f in p["findings"]))
assert codes == ["anchor_mismatch"], p["findings"]
f = [f for f in p["findings"] if f["file"] == "journal/anc.tsr/1.tsr"][0]
assert f["integrity"] is True, f
assert f["text"] == "the time-stamp token journal/anc.tsr/1.tsr matches no line of the journal of anc: the journal was rewritten after it was anchored", f
assert p["verdict"]["restorable"] is False, p["verdict"]
assert "anchor_mismatch" in [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]], p["verdict"]
assert d["integrity"]["verified"] is False and d["integrity"]["findings"] >= 2, d["integrity"]
EOF
expect_exit 4 "$RST" "${C[@]}" report --format html --out "$T/rw.html" anc
grep -qF 'class="banner bad"' "$T/rw.html" || fail "rw.html: no red banner"
grep -q "journal/anc.tsr/1.tsr matches no line of the journal of anc" "$T/rw.html" || fail "rw.html: no finding"
rm -rf "$SJ" && cp -a "$T/journal.good" "$SJ"
cp "$SJ/anc.jsonl" "$SJ/anc.head" "$RJ/"
rm -f "$SJ"/anc.tsr/[3-9].tsr "$RJ"/anc.tsr/[3-9].tsr

note "a damaged token"
cp "$RJ/anc.tsr/1.tsr" "$T/token.good"
flip_byte "$RJ/anc.tsr/1.tsr" -40
cp "$RJ/anc.tsr/1.tsr" "$SJ/anc.tsr/1.tsr"
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/bad.json" anc
schema "$T/bad.json"
[ "$(json_get "$T/bad.json" '",".join(f["code"] for f in d["profiles"][0]["findings"])')" = anchor_invalid ] ||
	fail "bad.json: $(json_get "$T/bad.json" 'd["profiles"][0]["findings"]')"
json_get "$T/bad.json" 'd["profiles"][0]["findings"][0]["text"]' |
	grep -q "^the time-stamp token journal/anc.tsr/1.tsr of the journal of anc does not verify (" ||
	fail "bad.json: wrong text"
cp "$T/token.good" "$RJ/anc.tsr/1.tsr"
cp "$T/token.good" "$SJ/anc.tsr/1.tsr"

note "the TSA down: the backup is still made"
tsa_stop
n0=$(committed_dirs anc)
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json run anc
[ "$(committed_dirs anc)" = $((n0 + 1)) ] || fail "no backup while the TSA is down"
expect_stderr "anc: journal not anchored: timestamp http://127.0.0.1:$TSA_PORT/tsa: "
[ "$(json_get "$OUT" 'd["profiles"][0]["anchored"]')" = False ] || fail "run says anchored"
[ "$(json_get "$OUT" 'd["profiles"][0]["exit"]')" = 0 ] || fail "run: profile exit not 0"

note "a replayed reply is refused, nothing is stored"
tsa_start --replay "$T/token.good"
profile "timestamp = { url = \"$TSA_URL\"; tsa_ca_file = \"$T/tsa/ca.crt\"; };"
ls "$SJ/anc.tsr" >"$T/tokens.before"
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json run anc
expect_stderr "anc: journal not anchored: timestamp reply: the time-stamp does not verify: .*(nonce|imprint)"
ls "$SJ/anc.tsr" | cmp -s - "$T/tokens.before" || fail "a replayed reply was stored"
[ "$(json_get "$OUT" 'd["profiles"][0]["anchored"]')" = False ] || fail "run says anchored after a replay"
tsa_stop

note "an anchored record takes the TSA's time when it is earlier than its own"
tsa_start
profile "timestamp = { url = \"$TSA_URL\"; tsa_ca_file = \"$T/tsa/ca.crt\"; };"
future=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "$RST" "${C[@]}" --json run --now "$future" anc
[ "$(json_get "$OUT" 'd["profiles"][0]["anchored"]')" = True ] || { cat "$OUT" "$ERR" >&2; fail "run --now: not anchored"; }
SF=$(json_get "$OUT" '[t for t in d["profiles"][0]["tasks"] if t["task"] == "backup"][0]["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/eff.json" anc
schema "$T/eff.json"
python3 - "$T/eff.json" "$SF" "$future" <<'EOF' || fail "eff.json: the anchored record keeps its future time"
import json, sys, datetime
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
b = [x for x in p["backups"]["items"] if x.get("snapshot") == sys.argv[2]]
assert len(b) == 1, p["backups"]
gen = p["journal"]["anchor"]["newest"]["gen_time"]
assert b[0]["ts"] <= d["generated"] and b[0]["ts"] != sys.argv[3], (b[0], gen)
assert b[0]["clock"] == "set", b[0]
EOF

note "an unanchored profile"
profile ""
rm -rf "$SJ/anc.tsr" "$RJ/anc.tsr"
for l in en:"not anchored" fr:"non ancré" nl:"niet verankerd" sv:"inte förankrad" de:"nicht verankert"; do
	expect_exit 0 "$RST" "${C[@]}" report --format md --lang "${l%%:*}" --out "$T/u.md" anc
	grep -q "${l#*:}" "$T/u.md" || fail "u.md (${l%%:*}): does not say \"${l#*:}\""
done
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/u.json" anc
schema "$T/u.json"
[ "$(json_get "$T/u.json" '(d["profiles"][0]["journal"]["anchored"], d["profiles"][0]["journal"]["anchor"]["tokens"])')" = "(False, 0)" ] ||
	fail "u.json: $(json_get "$T/u.json" 'd["profiles"][0]["journal"]')"
expect_exit 2 "$RST" "${C[@]}" report --tsa-ca "$T/nope.pem" --format json --out "$T/x.json" anc
expect_stderr "--tsa-ca .*nope.pem"
exit 0
