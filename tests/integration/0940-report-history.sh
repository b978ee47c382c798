#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A history that cannot silently vanish or be swapped: the report compares
# the journal with the repository's snapshots and with an earlier report's
# journal heads.  Real backups and drills.
#
#   - two backups and a drill: restorable; the report carries the journal's
#     head (records, SHA-256 of its last line)
#   - --previous with the same journal: no finding, exit 0
#   - the journal rewritten consistently with the signing key (one record
#     changed, every later line re-chained and re-signed, the head too):
#     journal verify still passes and a report without --previous cannot
#     tell (not anchored); --previous OLD.json: history_rewritten, exit 4
#   - the journal deleted (state dir and repository) then a new backup:
#     the older snapshots no record names are history_truncated, exit 4
#   - no journal at all while the repository holds snapshots: the journal
#     is not verified (never "verified" with 0 records), journal_missing,
#     exit 4

. "$(dirname "$0")/lib.sh"
need python3

python3 -c 'import cryptography' 2>/dev/null || skip "optional: python3-cryptography is needed to re-sign a journal"

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "minutes" >"$d/minutes.txt"
ensure_keys
confdir_profile "hist" "$d" <<EOF
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
C=(-c "$T/conf")
SJ=$T/state/journal
RJ=$T/repo/journal

# report NAME CODE [OPTION...]: JSON report $T/NAME.json, exit CODE, valid
# against docs/report-schema.json (schema_check).
report() {
	expect_exit "$2" "$RST" "${C[@]}" report "${@:3}" --format json --out "$T/$1.json" hist
	schema_check "$T/$1.json"
}

# codes FILE: "restorable;failed reasons;findings (code/integrity)".
codes() {
	json_get "$1" '"%s;%s;%s" % (d["profiles"][0]["verdict"]["restorable"], ",".join(r["code"] for r in d["profiles"][0]["verdict"]["reasons"] if not r["ok"]), ",".join("%s/%s" % (f["code"], f["integrity"]) for f in d["profiles"][0]["findings"]))'
}

expect_exit 0 "$RST" "${C[@]}" --json backup hist
S1=$(json_get "$OUT" 'd["snapshot"]')
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json backup hist
S2=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" drill hist "$S2"

note "the report carries the journal's head"
report old 0
python3 - "$T/old.json" "$SJ/hist.jsonl" <<'EOF' || fail "old.json: wrong journal head"
import hashlib, json, sys
h = json.load(open(sys.argv[1]))["profiles"][0]["journal"]["head"]
lines = open(sys.argv[2], "rb").read().split(b"\n")[:-1]
# the report record of old.json itself is appended after it was made
assert h == {"records": 3, "seq": 2, "sha256": hashlib.sha256(lines[2]).hexdigest()}, h
EOF

note "--previous with the same history"
report same 0 --previous "$T/old.json"
[ "$(codes "$T/same.json")" = "True;;" ] || fail "same history: $(codes "$T/same.json")"

note "a consistent re-signing with the key"
cp -a "$SJ" "$T/journal.good"
journal_rewrite "$T/keys/signing.pem" "$SJ/hist.jsonl" "$SJ/hist.head" 1
cp "$SJ/hist.jsonl" "$RJ/hist.jsonl"
cp "$SJ/hist.head" "$RJ/hist.head"
expect_exit 0 "$RST" "${C[@]}" journal verify hist
report unanchored 0
[ "$(codes "$T/unanchored.json")" = "True;;" ] ||
	fail "a consistent rewrite without --previous: $(codes "$T/unanchored.json")"
report rewritten 4 --previous "$T/old.json"
[ "$(codes "$T/rewritten.json")" = "False;history_rewritten;history_rewritten/True" ] ||
	fail "rewritten: $(codes "$T/rewritten.json")"
[ "$(json_get "$T/rewritten.json" 'd["profiles"][0]["findings"][0]["text"]')" = \
	"the journal of hist was rewritten: line 3 is not the one an earlier report recorded" ] ||
	fail "rewritten: wrong text: $(json_get "$T/rewritten.json" 'd["profiles"][0]["findings"]')"
expect_exit 4 "$RST" "${C[@]}" report --previous "$T/old.json" --format md --out "$T/rewritten.md" hist
grep -q "the journal of hist was rewritten: line 3" "$T/rewritten.md" || fail "rewritten.md: no finding"
expect_stderr "integrity findings"
expect_exit 2 "$RST" "${C[@]}" report --previous "$T/nope.json" --format json --out "$T/x.json" hist
expect_stderr "--previous .*nope.json"
rm -rf "$SJ" && cp -a "$T/journal.good" "$SJ"
cp "$SJ/hist.jsonl" "$RJ/hist.jsonl"
cp "$SJ/hist.head" "$RJ/hist.head"
expect_exit 0 "$RST" "${C[@]}" journal verify hist

note "the journal deleted (state dir and repository), then a new backup"
cp -a "$SJ" "$T/journal.kept"
rm -f "$SJ"/hist.* "$RJ"/hist.*
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json backup hist
S3=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" drill hist "$S3"
report truncated 4
[ "$(codes "$T/truncated.json")" = "True;;history_truncated/True,history_truncated/True" ] ||
	fail "truncated: $(codes "$T/truncated.json")"
python3 - "$T/truncated.json" "$S1" "$S2" <<'EOF' || fail "truncated.json"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert [f["snapshot"] for f in p["findings"]] == sys.argv[2:], p["findings"]
assert p["findings"][0]["text"] == "snapshot %s is older than the journal's first backup and no record names it: the history was truncated" % sys.argv[2], p["findings"]
assert p["inventory"]["unjournaled"] == sys.argv[2:], p["inventory"]
assert (p["inventory"]["journaled"], p["inventory"]["present"]) == (1, 3), p["inventory"]
assert d["integrity"]["verified"] is False and d["integrity"]["findings"] == 2, d["integrity"]
EOF
expect_exit 4 "$RST" "${C[@]}" report --format html --out "$T/truncated.html" hist
grep -qF 'class="banner bad"' "$T/truncated.html" || fail "truncated.html: no red banner"
grep -q "the history was truncated" "$T/truncated.html" || fail "truncated.html: no finding"
grep -q "not in the journal: <code>$S1</code><br>not in the journal: <code>$S2</code>" "$T/truncated.html" ||
	fail "truncated.html: the snapshots the journal never recorded are not listed"
expect_exit 4 "$RST" "${C[@]}" report --format md --out "$T/truncated.md" hist
grep -q "1 snapshot journaled, 3 present; not in the journal: $S1, $S2" "$T/truncated.md" ||
	fail "truncated.md: wrong inventory line"

note "no journal at all while the repository holds snapshots"
rm -f "$SJ"/hist.* "$RJ"/hist.*
report missing 4
[ "$(codes "$T/missing.json")" = "False;journal_broken,no_backup,no_drill;journal_missing/True" ] ||
	fail "missing: $(codes "$T/missing.json")"
python3 - "$T/missing.json" <<'EOF' || fail "missing.json"
import json, sys
d = json.load(open(sys.argv[1]))
j = d["profiles"][0]["journal"]
assert (j["verified"], j["records"], j["head"]) == (False, 0, None), j
assert d["integrity"]["verified"] is False, d["integrity"]
assert d["profiles"][0]["findings"][0]["text"] == "the journal of hist is missing while the repository holds 3 snapshots", d["profiles"][0]["findings"]
EOF
exit 0
