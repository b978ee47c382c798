#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Later evidence wins: the report's newest good snapshot is the newest
# whose backup passed and that no later verify or drill found missing or
# bad; a newer failed drill overrides an older pass; list marks snapshots
# found bad.  Real backups, verifies and drills on the real clock.
#
#   - S1 backed up and drilled (pass), S2 backed up: S2 is the newest good
#     snapshot; the report re-hashes it by default (restorable); with
#     --no-verify-parts, as no verify or drill checked it yet: not proven
#     (snapshot_unchecked), exit 1
#   - one byte of S2's part changed, verify S2 exits 4: list marks S2
#     "FOUND BAD by verify" (--json found_bad), not S1; the report's newest
#     good backup is S1, the RPO is measured from S1, found_bad names S2
#     (JSON and Markdown text)
#   - the newest drill (of S1) fails a check (exit 1): the report is not
#     restorable, reason last_drill_failed, exit 1; S1 is not marked bad (a
#     failing check is not damage)
#   - a drill that does not complete (its sandbox cannot be made) is counted
#     apart (not_completed, completed: false) and does not override: still
#     last_drill_failed
#   - a later passing drill: restorable again, exit 0
#   - S2's byte put back and verify --deep S2 passing: S2 is no longer found
#     bad and becomes the newest good backup

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "land register" >"$d/register.txt"
head -c 100000 /dev/urandom >"$d/scan.bin"
ensure_keys
FLAG=$T/checks-pass
touch "$FLAG" "$T/not-a-dir"

# profile FILE SCRATCH: the profile "le" (same repository, key and state).
profile() {
	cat >"$1" <<EOF
name = "le";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
part_size = "1M";
schedule = { drill = "7d"; };
drill = {
  scratch_dir = "$2"; rto_target = "1h"; rpo_target = "26h";
  checks = ( { name = "flag"; command = "test -e $FLAG"; timeout = "30s"; } );
};
EOF
}
profile "$T/conf/profiles/le.conf" "$T/scratch"
profile "$T/le-nosandbox.conf" "$T/not-a-dir/sub"
C=(-c "$T/conf")
J=$T/state/journal/le.jsonl

# report NAME CODE [OPTION...]: the JSON report into $T/NAME.json, exit
# CODE, valid against docs/report-schema.json (schema_check).
report() {
	expect_exit "$2" "$RST" "${C[@]}" report "${@:3}" --format json --out "$T/$1.json" le
	schema_check "$T/$1.json"
}

expect_exit 0 "$RST" "${C[@]}" --json backup le
S1=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" drill le "$S1"
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json backup le
S2=$(json_get "$OUT" 'd["snapshot"]')

note "the report re-hashes the newest good snapshot by default"
report rehashed 0
python3 - "$T/rehashed.json" "$S2" <<'EOF' || fail "report re-hashing S2"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["inventory"]["verdict_snapshot"] == {"snapshot": sys.argv[2], "state": "rehashed"}, p["inventory"]
assert [r["code"] for r in p["verdict"]["reasons"] if r["code"].startswith("snapshot_")] == ["snapshot_verified"], p["verdict"]
EOF

note "the newest good snapshot was never verified nor drilled: not proven"
report unchecked 1 --no-verify-parts
python3 - "$T/unchecked.json" "$S2" <<'EOF' || fail "report before S2 was checked"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["newest_good_backup"]["snapshot"] == sys.argv[2], p["newest_good_backup"]
bad = [r for r in p["verdict"]["reasons"] if not r["ok"]]
assert [r["code"] for r in bad] == ["snapshot_unchecked"], bad
assert sys.argv[2] in bad[0]["text"], bad
assert p["verdict"]["restorable"] is False
EOF

PART=$(ls "$T/repo/snapshots/le/$S2"/stream.pax.zst.* | head -n 1)
flip_byte "$PART" 100
expect_exit 4 "$RST" "${C[@]}" verify le "$S2"

note "list marks the snapshot verify found bad"
expect_exit 0 "$RST" "${C[@]}" list le
expect_stdout "^$S2 .*FOUND BAD by verify at [0-9T:-]+Z \(exit 4\)"
grep "^$S1 " "$OUT" | grep -q "FOUND BAD" && { show_last >&2; fail "list marks $S1 as bad"; }
expect_exit 0 "$RST" "${C[@]}" --json list le
python3 - "$OUT" "$S1" "$S2" <<'EOF' || { show_last >&2; fail "list --json found_bad"; }
import json, sys
rows = {r["snapshot"]: r for r in json.load(open(sys.argv[1]))["snapshots"]}
assert rows[sys.argv[2]]["found_bad"] is None, rows[sys.argv[2]]
fb = rows[sys.argv[3]]["found_bad"]
assert (fb["kind"], fb["exit"]) == ("verify", 4), fb
EOF

note "the report's newest good snapshot is S1, not the bad S2"
report good 0
python3 - "$T/good.json" "$S1" "$S2" <<'EOF' || fail "report after a failed verify"
import calendar, json, sys, time
doc = json.load(open(sys.argv[1]))
p = doc["profiles"][0]
s1, s2 = sys.argv[2], sys.argv[3]
assert p["newest_good_backup"]["snapshot"] == s1, p["newest_good_backup"]
until = calendar.timegm(time.strptime(doc["period"]["until"], "%Y-%m-%dT%H:%M:%SZ"))
assert p["rpo"]["seconds"] == until - calendar.timegm(time.strptime(s1[:16], "%Y%m%dT%H%M%SZ")), p["rpo"]
assert [(b["snapshot"], b["kind"], b["exit"]) for b in p["found_bad"]] == [(s2, "verify", 4)], p["found_bad"]
assert p["verdict"]["restorable"] is True, p["verdict"]
EOF
expect_exit 0 "$RST" "${C[@]}" report --format md --out "$T/good.md" le
grep -q "snapshot $S2 was found missing or bad by verify at" "$T/good.md" ||
	fail "the Markdown report does not show $S2 found bad"

note "a newer failed drill overrides the older pass"
rm -f "$FLAG"
expect_exit 1 "$RST" "${C[@]}" drill le "$S1"
touch "$FLAG"
report failed 1
python3 - "$T/failed.json" "$S1" <<'EOF' || fail "report after a failed drill"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["verdict"]["restorable"] is False, p["verdict"]
codes = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert codes == ["last_drill_failed"], codes
assert sys.argv[2] in [r["text"] for r in p["verdict"]["reasons"] if not r["ok"]][0]
assert sys.argv[2] not in [b["snapshot"] for b in p["found_bad"]], p["found_bad"]
assert (p["drills"]["count"], p["drills"]["failed"], p["drills"]["not_completed"]) == (2, 1, 0), p["drills"]
EOF
expect_exit 1 "$RST" "${C[@]}" report --format md --out "$T/failed.md" le
grep -q "the newest drill (.*, snapshot $S1) failed: not proven until a later drill passes" "$T/failed.md" ||
	fail "the Markdown report does not give last_drill_failed"

note "a drill that did not complete does not override"
"$RST" drill "$T/le-nosandbox.conf" "$S1" >"$OUT" 2>"$ERR" </dev/null
rc=$?
case $rc in 2|3|70) ;; *) show_last >&2; fail "drill without a sandbox exited $rc, want 2, 3 or 70" ;; esac
report incomplete 1
python3 - "$T/incomplete.json" "$rc" <<'EOF' || fail "report after a drill that did not complete"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
codes = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert codes == ["last_drill_failed"], codes
d = p["drills"]
assert (d["count"], d["failed"], d["not_completed"]) == (3, 1, 1), d
assert (d["items"][-1]["completed"], d["items"][-1]["exit"]) == (False, int(sys.argv[2])), d["items"][-1]
EOF

note "a later passing drill proves it again"
expect_exit 0 "$RST" "${C[@]}" drill le "$S1"
report again 0
[ "$(json_get "$T/again.json" 'd["profiles"][0]["verdict"]["restorable"]')" = True ] ||
	fail "not restorable after a passing drill: $(json_get "$T/again.json" 'd["profiles"][0]["verdict"]')"

note "verify --deep of the repaired S2 clears the finding"
flip_byte "$PART" 100
expect_exit 0 "$RST" "${C[@]}" verify --deep le "$S2"
expect_exit 0 "$RST" "${C[@]}" list le
grep -q "FOUND BAD" "$OUT" && { show_last >&2; fail "list still marks a snapshot bad"; }
report repaired 0
python3 - "$T/repaired.json" "$S2" <<'EOF' || fail "report after verify --deep passed"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["found_bad"] == [], p["found_bad"]
assert p["newest_good_backup"]["snapshot"] == sys.argv[2], p["newest_good_backup"]
EOF
expect_exit 0 "$RST" journal verify "$T/conf/profiles/le.conf"
exit 0
