#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# restore, ls and diff of "latest" with a committed folder newer than
# every genuine snapshot whose manifest does not verify (planted by
# whoever controls the storage, or the real newest snapshot damaged): the
# command works on the newest snapshot that verifies (a restore is
# journaled as that restore's own pass), then exits 4 naming the folder's
# signature, as drill and verify do.  Named snapshots are not affected,
# and the folder once gone, latest exits 0 again.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "act 1" >"$d/act1.txt"
mk_profile bl "$d"
P=$T/bl.conf
J=$T/state/journal/bl.jsonl
expect_exit 0 "$RST" backup "$P"
echo "act 2" >"$d/act2.txt"
expect_exit 0 "$RST" backup "$P"
mapfile -t GOOD < <(ls "$T/repo/snapshots/bl")
[ "${#GOOD[@]}" -eq 2 ] || fail "test setup: ${#GOOD[@]} snapshots"

JUNK=20991231T235959Z-aaaaa1
jd=$T/repo/snapshots/bl/$JUNK
plant_unverified bl "$JUNK" "${GOOD[1]}"
finding="snapshots/bl/$JUNK/manifest\.json\.sig: signature does not verify .*\(newer than ${GOOD[1]}, the latest snapshot that verifies\)"

note "restore latest: the newest verified snapshot is restored, then exit 4"
lines=$(wc -l <"$J")
expect_exit 4 "$RST" restore "$P" latest --target "$T/out1"
expect_stderr "$finding"
cmp -s "$d/act2.txt" "$T/out1$d/act2.txt" || fail "restore latest did not restore ${GOOD[1]}"
[ "$(wc -l <"$J")" = $((lines + 1)) ] || fail "the restore was not journaled"
python3 - "$J" "${GOOD[1]}" <<'EOF' || fail "restore journaled as $(tail -n 1 "$J")"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
assert (r["kind"], r["result"], r["data"]["snapshot"]) == \
    ("restore", "pass", sys.argv[2]), r
EOF

note "ls latest and diff to latest: the listing, then exit 4"
expect_exit 4 "$RST" ls "$P"
grep -q "act2.txt" "$OUT" || fail "ls latest listed nothing: $(cat "$OUT")"
expect_stderr "$finding"
expect_exit 4 "$RST" --json ls "$P" latest
python3 - "$OUT" "${GOOD[1]}" "$JUNK" <<'EOF' || fail "ls --json: $(cat "$OUT")"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["exit"] == 4 and o["snapshot"] == sys.argv[2], o
assert o["reason"] == {"code": "integrity_mismatch", "args":
    {"object": "snapshots/bl/%s/manifest.json" % sys.argv[3]}}, o
EOF
expect_exit 4 "$RST" diff "$P" "${GOOD[0]}" latest
expect_stderr "${GOOD[0]} -> ${GOOD[1]}: 1 added"
expect_stderr "$finding"

note "named snapshots do not meet the folder"
expect_exit 0 "$RST" ls "$P" "${GOOD[1]}"
expect_exit 0 "$RST" diff "$P" "${GOOD[0]}" "${GOOD[1]}"
expect_exit 0 "$RST" restore "$P" "${GOOD[0]}" --target "$T/out2"

rm -rf "$jd"
note "without the folder, latest is exit 0 again"
expect_exit 0 "$RST" ls "$P"
expect_exit 0 "$RST" restore "$P" latest --target "$T/out3"
expect_exit 0 "$RST" journal verify "$P"
exit 0
