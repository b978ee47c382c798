#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report checks the repository at report time, without any decryption key:
# every snapshot the journal expects must be committed, signed and whole,
# and the verdict's snapshot is re-hashed by default.  Real backups,
# verifies and drills.
#
#   - S1 backed up and drilled, S2 backed up and verified: restorable,
#     2 journaled, 2 present, the verdict's snapshot S2 re-hashed; the
#     report says the journal is not anchored and what that means
#   - one byte of S2's part changed (no verify run since): not proven,
#     snapshot_unverified, exit 4, red banner; --no-verify-parts trusts the
#     journaled verify of S2 and the signature and sizes it still has: exit 0
#   - S1's part cut short: snapshot_unverified for S1 (not the verdict's):
#     exit 4, the verdict on S2 still holds
#   - rm -rf repo/snapshots/P/*: not proven, snapshot_missing for both,
#     0 present, exit 4, in JSON, Markdown and HTML

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "ledger" >"$d/ledger.txt"
head -c 300000 /dev/urandom >"$d/archive.bin"
ensure_keys
confdir_profile "inv" "$d" <<EOF
part_size = "1M";
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
C=(-c "$T/conf")

# report NAME CODE [OPTION...]: JSON report $T/NAME.json, exit CODE, valid
# against docs/report-schema.json (schema_check).
report() {
	expect_exit "$2" "$RST" "${C[@]}" report "${@:3}" --format json --out "$T/$1.json" inv
	schema_check "$T/$1.json"
}

expect_exit 0 "$RST" "${C[@]}" --json backup inv
S1=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" drill inv "$S1"
sleep 1
expect_exit 0 "$RST" "${C[@]}" --json backup inv
S2=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" verify inv "$S2"

note "everything in place: restorable, the verdict's snapshot re-hashed"
report ok 0
python3 - "$T/ok.json" "$S2" <<'EOF' || fail "report with the repository intact"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
inv = p["inventory"]
assert (inv["checked"], inv["journaled"], inv["present"], inv["missing"], inv["unjournaled"], inv["unverified"]) == (True, 2, 2, [], [], []), inv
assert inv["verdict_snapshot"] == {"snapshot": sys.argv[2], "state": "rehashed"}, inv
assert p["findings"] == [], p["findings"]
assert p["verdict"]["restorable"] is True, p["verdict"]
assert p["journal"]["anchored"] is False and p["journal"]["head"]["records"] == p["journal"]["records"] == 4, p["journal"]
assert d["integrity"]["verified"] and d["integrity"]["findings"] == 0, d["integrity"]
EOF
expect_exit 0 "$RST" "${C[@]}" report --format md --out "$T/ok.md" inv
grep -q "2 snapshots journaled, 2 present" "$T/ok.md" || fail "ok.md: no inventory line"
grep -qE 'Journal head:\*\* 5 records, sha256 `[0-9a-f]{64}`; Anchor: not anchored' "$T/ok.md" ||
	fail "ok.md: the journal head and that it is not anchored are not shown"
grep -q "A holder of a signing key can rewrite a journal that is not anchored outside this host." "$T/ok.md" ||
	fail "ok.md: no sentence on what the report cannot prove"
for l in $(languages --translated); do
	expect_exit 0 "$RST" "${C[@]}" report --lang "$l" --format md --out "$T/ok.$l.md" inv
done
grep -q "peut réécrire un journal qui n'est pas ancré" "$T/ok.fr.md" || fail "ok.fr.md: no sentence on anchoring"
grep -q "nicht verankert" "$T/ok.de.md" || fail "ok.de.md: not anchored is not said"

note "one byte of the verdict's snapshot changed, no verify run: snapshot_unverified"
PART=$(ls "$T/repo/snapshots/inv/$S2"/stream.pax.zst.* | head -n 1)
flip_byte "$PART" 200
report flipped 4
python3 - "$T/flipped.json" "$S2" <<'EOF' || fail "report after one byte of S2 changed"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
s2 = sys.argv[2]
assert p["verdict"]["restorable"] is False, p["verdict"]
bad = [r for r in p["verdict"]["reasons"] if not r["ok"]]
assert [r["code"] for r in bad] == ["snapshot_unverified"], bad
assert bad[0]["text"].startswith("snapshot %s does not verify: " % s2), bad
assert [(f["code"], f["integrity"], f["snapshot"]) for f in p["findings"]] == [("snapshot_unverified", True, s2)], p["findings"]
assert p["inventory"]["verdict_snapshot"] == {"snapshot": s2, "state": "unverified"}, p["inventory"]
assert d["integrity"]["verified"] is False and d["integrity"]["findings"] == 1, d["integrity"]
assert d["summary"]["restorable"] == 0, d["summary"]
EOF
expect_stderr "integrity findings"
expect_exit 4 "$RST" "${C[@]}" report --format html --out "$T/flipped.html" inv
grep -qF 'class="banner bad"' "$T/flipped.html" || fail "flipped.html: no red banner"
grep -q "snapshot $S2 does not verify" "$T/flipped.html" || fail "flipped.html: the finding is not shown"
note "--no-verify-parts: signature and sizes only, the journaled verify of S2 counts"
report noparts 0 --no-verify-parts
[ "$(json_get "$T/noparts.json" 'd["profiles"][0]["inventory"]["verdict_snapshot"]["state"]')" = signed ] ||
	fail "--no-verify-parts re-hashed the parts"
flip_byte "$PART" 200

note "a part of an older snapshot cut short: an integrity finding, the verdict stands"
P1=$(ls "$T/repo/snapshots/inv/$S1"/stream.pax.zst.* | head -n 1)
cp "$P1" "$T/p1.good"
truncate_file "$P1" -10
report short 4
python3 - "$T/short.json" "$S1" <<'EOF' || fail "report after S1's part was cut short"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["verdict"]["restorable"] is True, p["verdict"]
f = p["findings"]
assert [(x["code"], x["integrity"], x["snapshot"]) for x in f] == [("snapshot_unverified", True, sys.argv[2])], f
assert "bytes, the manifest says" in f[0]["text"], f
assert p["inventory"]["unverified"] == [sys.argv[2]], p["inventory"]
EOF
cp "$T/p1.good" "$P1"
report again 0

note "every snapshot deleted: snapshot_missing, not proven, exit 4"
rm -rf "$T/repo/snapshots/inv/"*
expect_exit 0 "$RST" "${C[@]}" list inv
report gone 4
python3 - "$T/gone.json" "$S1" "$S2" <<'EOF' || fail "report with every snapshot deleted"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
s1, s2 = sys.argv[2], sys.argv[3]
assert p["verdict"]["restorable"] is False, p["verdict"]
bad = [r for r in p["verdict"]["reasons"] if not r["ok"]]
assert [r["code"] for r in bad] == ["snapshot_missing"], bad
assert sorted((f["code"], f["snapshot"]) for f in p["findings"]) == [("snapshot_missing", s1), ("snapshot_missing", s2)], p["findings"]
assert all(f["integrity"] for f in p["findings"])
inv = p["inventory"]
assert (inv["journaled"], inv["present"], sorted(inv["missing"])) == (2, 0, [s1, s2]), inv
assert inv["verdict_snapshot"] == {"snapshot": s2, "state": "missing"}, inv
assert d["integrity"]["findings"] == 2, d["integrity"]
EOF
expect_exit 4 "$RST" "${C[@]}" report --format md --out "$T/gone.md" inv
grep -q "snapshot $S2, recorded by the journal, is missing from the repository" "$T/gone.md" ||
	fail "gone.md: snapshot_missing is not shown"
grep -q "2 snapshots journaled, 0 present" "$T/gone.md" || fail "gone.md: wrong inventory line"
grep -q "^\*\*Verdict: not proven restorable within target - no\*\*$" "$T/gone.md" ||
	fail "gone.md: the verdict is not 'no'"
expect_exit 0 "$RST" journal verify "$T/conf/profiles/inv.conf"
exit 0
