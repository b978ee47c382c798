#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# prune: retention, the drilled snapshot it never removes, uncommitted
# leftovers.  Snapshots are made by `run --now` on five days, so their ids
# (and the clock prune compares leftovers with) are known.
#
#   - keep_last = 2 with 5 snapshots: --dry-run lists the 3 oldest (stderr
#     and --json) and removes nothing, and journals nothing; prune removes
#     exactly those 3, the newest 2 remain (list shows 2), and a prune
#     record lists the removed and kept ids
#   - uncommitted leftovers (a part but no manifest.json.sig): one with an
#     old id (20200101T000000Z-abcdef) and one 25 h before --now are
#     removed, one a minute before --now is kept (and is never listed);
#     --dry-run lists the old ones too
#   - the newest snapshot with a passing drill is kept although keep_last
#     would drop it; an older one with a passing drill (drilled later) and
#     one with a failing drill are not
#   - verify --deep passes on every remaining snapshot; journal verify 0

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "case files" >"$d/case.txt"
head -c 5000 /dev/urandom >"$d/scan.bin"

# five_days NAME: $T/NAME.conf (keep_last 2, daily backups) and snapshots
# on 2026-12-01..05 at 02:00Z; sets IDS (oldest first).
five_days() {
	local i
	mk_profile "$1" "$d"
	cat >>"$T/$1.conf" <<EOF
schedule = { backup = "1d"; };
retention = { keep_last = 2; };
drill = { scratch_dir = "$T/scratch"; };
EOF
	for i in 1 2 3 4 5; do
		expect_exit 0 "$RST" run --now "2026-12-0${i}T02:00:00Z" "$T/$1.conf"
	done
	mapfile -t IDS < <(ls "$T/repo/snapshots/$1")
	[ "${#IDS[@]}" -eq 5 ] || fail "test setup: ${#IDS[@]} snapshots of $1"
}

# ids_of FILE EXPR: the ids (sorted, space-separated) of a python EXPR over
# the JSON document d in FILE.
ids_of() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted(eval(sys.argv[2]))))' "$1" "$2"
}

# last_record EXPR: a python EXPR over the last journal record r of $J.
last_record() {
	python3 -c 'import json,sys; r=json.loads(open(sys.argv[1],"rb").read().splitlines()[-1]); print(eval(sys.argv[2]))' "$J" "$1"
}

# leftover ID: an uncommitted snapshot folder (a copy of the newest one's
# parts and index, no manifest), as a crashed backup leaves it.
leftover() {
	local dir=$T/repo/snapshots/pr/$1
	mkdir -p "$dir" && cp "$T/repo/snapshots/pr/${IDS[4]}"/stream.pax.zst.* \
		"$T/repo/snapshots/pr/${IDS[4]}/index.jsonl.zst" "$dir/" ||
		fail "test setup: cannot make leftover $1"
}

five_days pr
P=$T/pr.conf
J=$T/state/journal/pr.jsonl
NOW=2026-12-05T03:00:00Z
OLD=20200101T000000Z-abcdef
STALE=20261204T020000Z-5a1e00
FRESH=20261205T025900Z-f7e500
leftover "$OLD"
leftover "$STALE"
leftover "$FRESH"
expect_exit 0 "$RST" verify "$P"
[ "$(snap_count "$P")" -eq 5 ] || fail "list shows $(snap_count "$P") snapshots, want 5 (leftovers are not listed)"
old3="${IDS[0]} ${IDS[1]} ${IDS[2]}"
new2="${IDS[3]} ${IDS[4]}"

note "--dry-run"
lines=$(wc -l <"$J")
expect_exit 0 "$RST" prune --dry-run --now "$NOW" "$P"
for id in $old3 $OLD $STALE; do
	grep -q -- "$id" "$OUT" "$ERR" || { show_last >&2; fail "--dry-run does not list $id"; }
done
for id in $new2 $FRESH; do
	grep -q "remov.*$id" "$OUT" "$ERR" && { show_last >&2; fail "--dry-run would remove $id"; }
done
expect_exit 0 "$RST" --json prune --dry-run --now "$NOW" "$P"
[ "$(ids_of "$OUT" 'd["removed"]')" = "$(echo $OLD $STALE $old3 | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ] ||
	{ show_last >&2; fail "--dry-run --json removed list"; }
[ "$(ids_of "$OUT" 'd["kept"]')" = "$new2" ] || { show_last >&2; fail "--dry-run --json kept list"; }
[ "$(find "$T/repo/snapshots/pr" -mindepth 1 -maxdepth 1 | wc -l)" -eq 8 ] ||
	fail "--dry-run removed something: $(ls "$T/repo/snapshots/pr")"
[ "$(wc -l <"$J")" -eq "$lines" ] || fail "--dry-run journaled: $(tail -n 1 "$J")"

note "prune keep_last = 2"
expect_exit 0 "$RST" --json prune --now "$NOW" "$P"
left=$(ls "$T/repo/snapshots/pr" | tr '\n' ' ' | sed 's/ $//')
[ "$left" = "$new2 $FRESH" ] || fail "after prune: $left, want $new2 $FRESH"
[ "$(snap_count "$P")" -eq 2 ] || fail "list shows $(snap_count "$P") snapshots after prune"
[ "$(last_record 'r["kind"], r["result"]')" = "('prune', 'pass')" ] || fail "last journal record: $(tail -n 1 "$J")"
for id in $old3; do
	[ "$(last_record "'$id' in r['data']['removed']")" = True ] || fail "prune record does not list $id as removed: $(tail -n 1 "$J")"
done
[ "$(last_record '" ".join(sorted(r["data"]["kept"]))')" = "$new2" ] || fail "prune record's kept list: $(tail -n 1 "$J")"
for id in $new2 $FRESH; do
	[ "$(last_record "'$id' in r['data']['removed']")" = False ] || fail "prune record lists $id as removed"
done
for id in $new2; do
	expect_exit 0 "$RST" verify --deep "$P" "$id"
done
expect_exit 0 "$RST" prune --now "$NOW" "$P"
[ "$(snap_count "$P")" -eq 2 ] || fail "a second prune removed more"

# --- the newest drilled snapshot ----------------------------------------------
note "the newest snapshot with a passing drill is kept"
five_days pp
P=$T/pp.conf
J=$T/state/journal/pp.jsonl
sed 's|^drill = .*|drill = { scratch_dir = "'"$T"'/scratch"; checks = ( { name = "no"; command = "false"; timeout = "5s"; } ); };|' \
	"$P" >"$T/pp-failing.conf"
expect_exit 0 "$RST" drill "$P" "${IDS[1]}"
expect_exit 0 "$RST" drill "$P" "${IDS[0]}"
expect_exit 1 "$RST" drill "$T/pp-failing.conf" "${IDS[2]}"
expect_exit 0 "$RST" --json prune --now 2026-12-05T03:00:00Z "$P"
left=$(ls "$T/repo/snapshots/pp" | tr '\n' ' ' | sed 's/ $//')
[ "$left" = "${IDS[1]} ${IDS[3]} ${IDS[4]}" ] ||
	fail "after prune: $left, want ${IDS[1]} (newest drilled) ${IDS[3]} ${IDS[4]}"
[ "$(ids_of "$OUT" 'd["removed"]')" = "${IDS[0]} ${IDS[2]}" ] || { show_last >&2; fail "prune --json removed list"; }
for id in "${IDS[1]}" "${IDS[3]}" "${IDS[4]}"; do
	expect_exit 0 "$RST" verify --deep "$P" "$id"
done
expect_exit 0 "$RST" drill "$P" latest

expect_exit 0 "$RST" journal verify "$T/pr.conf"
expect_exit 0 "$RST" journal verify "$T/pp.conf"
exit 0
