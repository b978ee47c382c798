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
#   - a libcurl refusing CURLOPT_SSL_VERIFYPEER (LD_PRELOAD shim): no
#     request reaches the TSA, a warning, the backup made
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
echo "not a certificate" >"$T/junk.pem"
profile "timestamp = { url = \"$TSA_URL\"; tsa_ca_file = \"$T/junk.pem\"; };"
expect_exit 2 "$RST" "${C[@]}" check-config anc
expect_stderr "anc.conf: timestamp.tsa_ca_file: no PEM certificate could be read"
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
schema_check "$T/r1.json"
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
assert p["status"]["level"] == "green", p["status"]
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
schema_check "$T/fleet.json"
[ "$(json_get "$T/fleet.json" '(d["profiles"][0]["journal"]["anchored"], d["profiles"][0]["journal"]["anchor"]["problems"])')" = "(True, [])" ] ||
	fail "fleet.json: $(json_get "$T/fleet.json" 'd["profiles"][0]["journal"]')"
rm -rf "$SJ/anc.tsr" && cp -a "$T/state.keep" "$SJ/anc.tsr"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/other.key" -out "$T/other.crt" \
	-days 30 -subj "/CN=another CA" >/dev/null 2>&1 || fail "could not make another CA"
expect_exit 4 "$RST" "${C[@]}" report --tsa-ca "$T/other.crt" --format json --out "$T/other.json" anc
schema_check "$T/other.json"
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
journal_rewrite "$T/keys/signing.pem" "$SJ/anc.jsonl" "$SJ/anc.head" 0
cp "$SJ/anc.jsonl" "$SJ/anc.head" "$RJ/"
expect_exit 0 "$RST" "${C[@]}" journal verify anc
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/rw.json" anc
expect_stderr "integrity findings"
schema_check "$T/rw.json"
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
schema_check "$T/bad.json"
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
# A libcurl that cannot apply a security option sends nothing (the
# LD_PRELOAD shim of 0893): a warning, no request, the backup made.
CC=${CC_FOR_TESTS:-cc}
if command -v "$CC" >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1 &&
	# shellcheck disable=SC2046
	"$CC" -shared -fPIC -o "$T/shim.so" "$SRCDIR/tests/helpers/setopt-refuse.c" \
		$(pkg-config --cflags libcurl) -ldl 2>"$T/cc.err"; then
	sleep 1
	n0=$(committed_dirs anc)
	expect_exit 0 env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		LD_PRELOAD="$T/shim.so" SETOPT_REFUSE=CURLOPT_SSL_VERIFYPEER "$RST" "${C[@]}" run anc
	expect_stderr "anc: journal not anchored: http://127.0.0.1:$TSA_PORT/tsa: this libcurl refuses CURLOPT_SSL_VERIFYPEER"
	[ "$(tsa_requests)" = 0 ] || fail "the TSA got a request without TLS verification set"
	[ "$(committed_dirs anc)" = $((n0 + 1)) ] || fail "no backup with the refused option"
else
	note "(no C compiler or pkg-config: the fail-closed check is left out)"
fi
future=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "$RST" "${C[@]}" --json run --now "$future" anc
[ "$(json_get "$OUT" 'd["profiles"][0]["anchored"]')" = True ] || { cat "$OUT" "$ERR" >&2; fail "run --now: not anchored"; }
SF=$(json_get "$OUT" '[t for t in d["profiles"][0]["tasks"] if t["task"] == "backup"][0]["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/eff.json" anc
schema_check "$T/eff.json"
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

note "tokens without a CA to check them: anchor_unchecked, a warning"
profile ""
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/unchecked.json" anc
schema_check "$T/unchecked.json"
python3 - "$T/unchecked.json" <<'EOF' || fail "unchecked.json: no anchor_unchecked warning"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert p["journal"]["anchored"] is False, p["journal"]
f = [(x["code"], x["integrity"]) for x in p["findings"]]
assert f and set(f) == {("anchor_unchecked", False)}, f
x = [x for x in p["findings"] if x["file"] == "journal/anc.tsr/1.tsr"][0]
assert x["text"] == "the time-stamp token journal/anc.tsr/1.tsr of the journal of anc was not checked: no TSA certificate (timestamp.tsa_ca_file, or report --tsa-ca FILE)", x
assert p["verdict"]["restorable"] is True and d["integrity"]["verified"] is True, p["verdict"]
EOF

note "an unanchored profile"
rm -rf "$SJ/anc.tsr" "$RJ/anc.tsr"
for l in en:"not anchored" fr:"non ancré" nl:"niet verankerd" sv:"inte förankrad" de:"nicht verankert"; do
	expect_exit 0 "$RST" "${C[@]}" report --format md --lang "${l%%:*}" --out "$T/u.md" anc
	grep -q "${l#*:}" "$T/u.md" || fail "u.md (${l%%:*}): does not say \"${l#*:}\""
done
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/u.json" anc
schema_check "$T/u.json"
[ "$(json_get "$T/u.json" '(d["profiles"][0]["journal"]["anchored"], d["profiles"][0]["journal"]["anchor"]["tokens"])')" = "(False, 0)" ] ||
	fail "u.json: $(json_get "$T/u.json" 'd["profiles"][0]["journal"]')"
[ "$(json_get "$T/u.json" '(d["profiles"][0]["status"]["level"], [c["code"] for c in d["profiles"][0]["status"]["causes"]])')" = "('amber', ['not_anchored'])" ] ||
	fail "u.json: an unanchored journal is not amber: $(json_get "$T/u.json" 'd["profiles"][0]["status"]')"
expect_exit 2 "$RST" "${C[@]}" report --tsa-ca "$T/nope.pem" --format json --out "$T/x.json" anc
expect_stderr "--tsa-ca .*nope.pem"
expect_exit 2 "$RST" "${C[@]}" report --tsa-ca "$T/junk.pem" --format json --out "$T/x.json" anc
expect_stderr "report: --tsa-ca .*junk.pem: no PEM certificate could be read"
[ ! -e "$T/x.json" ] || fail "a report was written with an unreadable --tsa-ca"
exit 0
