#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# ls and diff of "random" pick among the snapshots whose manifest
# verifies; a committed folder that does not verify, which the choice
# passed over, is an integrity finding whatever its date (latest passes
# over only newer ones): the command does its work on the snapshot it
# picked, then exits 4 naming the folder (--json: its reason and object).
# With no snapshot that verifies, random is exit 4 naming the folder; the
# folder once gone, random is exit 0.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "act 1" >"$d/act1.txt"
mk_profile rb "$d"
P=$T/rb.conf
expect_exit 0 "$RST" backup "$P"
mapfile -t GOOD < <(ls "$T/repo/snapshots/rb")
[ "${#GOOD[@]}" -eq 1 ] || fail "test setup: ${#GOOD[@]} snapshots"

# An old committed folder (dated before every genuine snapshot) whose
# signature does not verify: it never steers latest.
OLD=20200101T000000Z-aaaaa1
od=$T/repo/snapshots/rb/$OLD
plant_unverified rb "$OLD" "${GOOD[0]}"
finding="snapshots/rb/$OLD/manifest\.json\.sig: signature does not verify .*\(passed over by random, which picked ${GOOD[0]} among the snapshots that verify\)"

note "latest does not meet the older folder"
expect_exit 0 "$RST" ls "$P" latest
expect_exit 0 "$RST" diff "$P" latest latest

note "ls random: the listing of the snapshot that verifies, then exit 4"
expect_exit 4 "$RST" ls "$P" random
grep -q "act1.txt" "$OUT" || fail "ls random listed nothing: $(cat "$OUT")"
expect_stderr "$finding"
expect_exit 4 "$RST" --json ls "$P" random
python3 - "$OUT" "${GOOD[0]}" "$OLD" <<'PYEOF' || fail "ls random --json: $(cat "$OUT")"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["exit"] == 4 and o["snapshot"] == sys.argv[2], o
assert any(e["path"].endswith("/act1.txt") for e in o["entries"]), o
assert o["reason"] == {"code": "integrity_mismatch", "args":
    {"object": "snapshots/rb/%s/manifest.json" % sys.argv[3]}}, o
PYEOF

note "diff with random: the counts, then exit 4"
expect_exit 4 "$RST" diff "$P" random "${GOOD[0]}"
expect_stderr "${GOOD[0]} -> ${GOOD[0]}: 0 added"
expect_stderr "$finding"

note "a second folder: the newest is named, with the count"
NEW=20991231T235959Z-aaaaa2
cp -r "$od" "$T/repo/snapshots/rb/$NEW" || fail "test setup: cp -r"
expect_exit 4 "$RST" ls "$P" random
expect_stderr "snapshots/rb/$NEW/manifest\.json\.sig: .*\(the newest of 2 such folders, passed over by random, which picked ${GOOD[0]}"
expect_stderr "error: snapshots/rb/$OLD/manifest\.json\.sig: signature does not verify"

note "no snapshot that verifies: exit 4 naming the newest folder"
mv "$T/repo/snapshots/rb/${GOOD[0]}" "$T/aside"
expect_exit 4 "$RST" --json ls "$P" random
expect_stderr "snapshots/rb/$NEW/manifest\.json\.sig: .*\(no committed snapshot of rb whose manifest verifies\)"
[ "$(json_get "$OUT" 'd["reason"]["args"].get("object")')" = "snapshots/rb/$NEW/manifest.json" ] ||
	fail "ls random with no snapshot that verifies: $(cat "$OUT")"
mv "$T/aside" "$T/repo/snapshots/rb/${GOOD[0]}"

rm -rf "$od" "$T/repo/snapshots/rb/$NEW"
note "without the folders, random is exit 0 again"
expect_exit 0 "$RST" ls "$P" random
expect_exit 0 "$RST" diff "$P" random latest
exit 0
