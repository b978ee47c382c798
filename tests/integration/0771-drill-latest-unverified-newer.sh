#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# drill latest with a committed folder newer than every genuine snapshot
# whose manifest does not verify (planted by whoever controls the storage,
# or the real newest snapshot damaged): the drill tests the newest
# snapshot that verifies and journals its own result (a pass, not a
# finding against that snapshot), then exits 4 naming the folder's
# signature; the same for a drill of an older snapshot by id (the folder
# is met while the RPO is measured) and for run.  An uncommitted newer
# folder (parts, no manifest.json.sig) is no finding: drill latest exits 0.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo ledger >"$d/ledger.txt"
mk_profile dl "$d"
cat >>"$T/dl.conf" <<EOF
schedule = { drill = "1h"; };
drill = { scratch_dir = "$T/scratch"; };
EOF
P=$T/dl.conf
J=$T/state/journal/dl.jsonl
expect_exit 0 "$RST" backup "$P"
expect_exit 0 "$RST" backup "$P"
mapfile -t GOOD < <(ls "$T/repo/snapshots/dl")
[ "${#GOOD[@]}" -eq 2 ] || fail "test setup: ${#GOOD[@]} snapshots"
last_rec() {
	python3 -c 'import json,sys; r=json.loads(open(sys.argv[1],"rb").read().splitlines()[-1]); print(eval(sys.argv[2]))' "$J" "$1"
}

note "an uncommitted newer folder is no finding"
U=$T/repo/snapshots/dl/20991231T235950Z-ffffff
mkdir -p "$U"
cp "$T/repo/snapshots/dl/${GOOD[1]}"/stream.pax.zst.* "$U/" || fail "test setup: uncommitted folder"
expect_exit 0 "$RST" drill "$P"
expect_stderr "drill of ${GOOD[1]}: PASS"
rm -rf "$U"

note "a committed newer folder that does not verify"
JUNK=20991231T235959Z-aaaaa1
jd=$T/repo/snapshots/dl/$JUNK
plant_unverified dl "$JUNK" "${GOOD[1]}"
lines=$(wc -l <"$J")
expect_exit 4 "$RST" drill "$P"
expect_stderr "drill of ${GOOD[1]}: PASS"
expect_stderr "error: snapshots/dl/$JUNK/manifest\.json\.sig: signature does not verify .*\(newer than ${GOOD[1]}, the latest snapshot that verifies\)"
[ "$(wc -l <"$J")" = $((lines + 1)) ] || fail "the drill was not journaled"
[ "$(last_rec '(r["kind"], r["result"], r["exit"], r["data"]["snapshot"])')" = "('drill', 'pass', 0, '${GOOD[1]}')" ] ||
	fail "drill latest was journaled as $(last_rec r)"
echo "drill latest with a newer committed folder that does not verify: exit 4 naming it, ${GOOD[1]} drilled and journaled as a pass"

expect_exit 4 "$RST" drill "$P" "${GOOD[0]}"
expect_stderr "drill of ${GOOD[0]}: PASS"
expect_stderr "error: snapshots/dl/$JUNK/manifest\.json\.sig: signature does not verify .*\(met while measuring the RPO of the drill of ${GOOD[0]}\)"
# Both findings keep the folder's reason, which names its object.
reason="('integrity_mismatch', 'snapshots/dl/$JUNK/manifest.json')"
for snap in latest "${GOOD[0]}"; do
	expect_exit 4 "$RST" --json drill "$P" "$snap"
	[ "$(json_get "$OUT" 'd["reason"]["code"], d["reason"]["args"].get("object")')" = "$reason" ] ||
		fail "drill $snap: reason $(json_get "$OUT" 'd.get("reason")')"
done
[ "$(last_rec '(r["result"], r["data"]["snapshot"])')" = "('pass', '${GOOD[0]}')" ] ||
	fail "drill of ${GOOD[0]} was journaled as $(last_rec r)"

# run: the drill is due (the last one is over an hour old by --now).
expect_exit 4 "$RST" run --now "$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)" "$P"
expect_stderr "snapshots/dl/$JUNK/manifest\.json\.sig: signature does not verify"

rm -rf "$jd"
expect_exit 0 "$RST" drill "$P"
expect_exit 0 "$RST" journal verify "$P"
