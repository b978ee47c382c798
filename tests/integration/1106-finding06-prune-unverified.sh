#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 6 of the attack review: prune planned over unverified snapshots.
# Any folder with an object named manifest.json.sig counted, so three junk
# folders dated 2099 (which a storage key without delete rights can still
# create) made the operator's prune delete three genuine snapshots.
#
# The attack: three genuine snapshots, keep_last = 3, and three folders
# dated 2099 planted beside them: one holding only an object named
# manifest.json.sig, two with a junk manifest.json too.  prune (and
# prune --dry-run) exits 4 naming the count and the first junk folder,
# deletes nothing (the three genuine snapshots are what keep_last keeps,
# and junk is never deleted), lists the junk as "unverified" in --json and
# in its journal record (result fail, exit 4); every genuine snapshot
# still passes verify --deep.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "payroll" >"$d/payroll.txt"
head -c 5000 /dev/urandom >"$d/scan.bin"
mk_profile f6 "$d"
echo 'retention = { keep_last = 3; };' >>"$T/f6.conf"
P=$T/f6.conf
J=$T/state/journal/f6.jsonl
for i in 1 2 3; do
	echo "day $i" >"$d/day.txt"
	expect_exit 0 "$RST" backup "$P"
done
mapfile -t GOOD < <(ls "$T/repo/snapshots/f6")
[ "${#GOOD[@]}" -eq 3 ] || fail "test setup: ${#GOOD[@]} snapshots"

JUNK=(20990101T000000Z-0bad01 20990101T000001Z-0bad02 20990101T000002Z-0bad03)
for j in "${JUNK[@]}"; do
	mkdir -p "$T/repo/snapshots/f6/$j"
	head -c 64 /dev/urandom >"$T/repo/snapshots/f6/$j/manifest.json.sig"
done
for j in "${JUNK[@]:1}"; do
	printf '{"format":"restorable-manifest","version":1,"profile":"f6","snapshot":"%s"}\n' "$j" \
		>"$T/repo/snapshots/f6/$j/manifest.json"
done
before=$(ls "$T/repo/snapshots/f6" | tr '\n' ' ')

expect_exit 4 "$RST" prune --dry-run "$P"
expect_stderr "f6: 3 committed snapshot folders whose manifest does not verify with this profile's key \(first: snapshots/f6/${JUNK[0]}\)"
[ "$(ls "$T/repo/snapshots/f6" | tr '\n' ' ')" = "$before" ] || fail "prune --dry-run deleted something"

lines=$(wc -l <"$J")
expect_exit 4 "$RST" --json prune "$P"
expect_stderr "f6: 3 committed snapshot folders whose manifest does not verify with this profile's key \(first: snapshots/f6/${JUNK[0]}\) left in place and outside the retention"
after=$(ls "$T/repo/snapshots/f6" | tr '\n' ' ')
[ "$after" = "$before" ] || fail "prune deleted: before $before, after $after"
python3 - "$OUT" "${GOOD[*]}" "${JUNK[*]}" <<'EOF' || { show_last >&2; fail "prune --json"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["removed"] == [], d
assert d["kept"] == sys.argv[2].split(), d
assert d["unverified"] == sys.argv[3].split(), d
EOF
[ "$(wc -l <"$J")" = $((lines + 1)) ] || fail "prune was not journaled"
python3 - "$J" "${JUNK[@]}" <<'EOF' || fail "prune record: $(tail -n 1 "$J")"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
assert (r["kind"], r["result"], r["exit"]) == ("prune", "fail", 4), r
assert r["data"]["unverified"] == sys.argv[2:], r["data"]
assert r["data"]["removed"] == [], r["data"]
EOF
for id in "${GOOD[@]}"; do
	expect_exit 0 "$RST" verify --deep "$P" "$id"
done
echo "3 junk folders dated 2099 beside 3 genuine snapshots (keep_last = 3): prune exit 4, 0 deleted"
