#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# What the journal expects in the repository, with prune: an intent record
# names the snapshots a prune will remove before it deletes any, a record
# after names what it removed; neither leaves them "missing" for the
# report.  A snapshot deleted behind prune's back stays an integrity
# finding until prune --forget-missing acknowledges it in the journal.
# Real backups, drills and prunes.
#
#   - S1, S2, S3 backed up, S3 drilled; keep_last = 2: prune journals
#     {phase: intent, intent: [S1]} then {removed: [S1]}; the report: 2
#     journaled, 2 present, no finding, exit 0
#   - S2 deleted with rm: snapshot_missing for S2, exit 4, the verdict (on
#     S3) still holds; prune --forget-missing --dry-run journals nothing;
#     prune --forget-missing journals {phase: forget, forgotten: [S2]}: the
#     report is clean again, exit 0
#   - S3 (the verdict's) deleted: not proven, snapshot_missing, exit 4;
#     once forgotten, no newest good snapshot remains: no_backup, exit 1

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "contracts" >"$d/contracts.txt"
ensure_keys
cat >"$T/conf/profiles/pi.conf" <<EOF
name = "pi";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
retention = { keep_last = 2; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
C=(-c "$T/conf")
J=$T/state/journal/pi.jsonl

# report NAME CODE: JSON report $T/NAME.json, exit CODE.
report() {
	expect_exit "$2" "$RST" "${C[@]}" report --format json --out "$T/$1.json" pi
}
# state FILE: "restorable;failed reasons;findings;journaled;present".
state() {
	json_get "$1" '"%s;%s;%s;%d;%d" % (d["profiles"][0]["verdict"]["restorable"], ",".join(r["code"] for r in d["profiles"][0]["verdict"]["reasons"] if not r["ok"]), ",".join("%s:%s" % (f["code"], f.get("snapshot")) for f in d["profiles"][0]["findings"]), d["profiles"][0]["inventory"]["journaled"], d["profiles"][0]["inventory"]["present"])'
}
# prune_records: the data of every prune record, one JSON per line.
prune_records() {
	python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["kind"] == "prune": print(json.dumps(r["data"], sort_keys=True))' "$J"
}

for i in 1 2 3; do
	expect_exit 0 "$RST" "${C[@]}" --json backup pi
	eval "S$i=$(json_get "$OUT" 'd["snapshot"]')"
	sleep 1
done
expect_exit 0 "$RST" "${C[@]}" drill pi "$S3"

note "prune journals its intent, then what it removed"
expect_exit 0 "$RST" "${C[@]}" prune pi
[ ! -e "$T/repo/snapshots/pi/$S1" ] || fail "prune left $S1"
[ "$(prune_records)" = "$(printf '{"intent": ["%s"], "phase": "intent"}\n{"kept": ["%s", "%s"], "removed": ["%s"], "unverified": []}' "$S1" "$S2" "$S3" "$S1")" ] ||
	fail "prune records: $(prune_records)"
report pruned 0
[ "$(state "$T/pruned.json")" = "True;;;2;2" ] || fail "after prune: $(state "$T/pruned.json")"

note "a snapshot deleted behind prune's back"
rm -rf "$T/repo/snapshots/pi/$S2"
report gone 4
[ "$(state "$T/gone.json")" = "True;;snapshot_missing:$S2;2;1" ] || fail "S2 deleted: $(state "$T/gone.json")"
expect_exit 0 "$RST" "${C[@]}" prune --forget-missing --dry-run pi
expect_stderr "$S2 is missing from the repository: would be forgotten"
report still 4
expect_exit 0 "$RST" "${C[@]}" --json prune --forget-missing pi
[ "$(json_get "$OUT" 'd["forgotten"]')" = "['$S2']" ] || fail "--forget-missing: $(cat "$OUT")"
[ "$(prune_records | tail -n 1)" = "{\"forgotten\": [\"$S2\"], \"phase\": \"forget\"}" ] ||
	fail "forget record: $(prune_records | tail -n 1)"
report forgotten 0
[ "$(state "$T/forgotten.json")" = "True;;;1;1" ] || fail "S2 forgotten: $(state "$T/forgotten.json")"
[ "$(json_get "$T/forgotten.json" 'd["profiles"][0]["retention"]["kept"]')" = 2 ] ||
	fail "the forget record was taken for the last prune"

note "the verdict's snapshot deleted, then forgotten"
rm -rf "$T/repo/snapshots/pi/$S3"
report verdictgone 4
[ "$(state "$T/verdictgone.json")" = "False;snapshot_missing;snapshot_missing:$S3;1;0" ] ||
	fail "S3 deleted: $(state "$T/verdictgone.json")"
expect_exit 0 "$RST" "${C[@]}" prune --forget-missing pi
report nothing 1
[ "$(state "$T/nothing.json")" = "False;no_backup;;0;0" ] || fail "S3 forgotten: $(state "$T/nothing.json")"
expect_exit 0 "$RST" journal verify "$T/conf/profiles/pi.conf"
exit 0
