#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# prune with chains (DESIGN.md decision 15): a snapshot a kept one depends
# on is kept ("kept: X needed by Y" in --dry-run, needed_by in the
# journal), unneeded snapshots go newest first, nothing is orphaned (every
# kept incremental still restores), and an incremental whose chain is
# already broken is kept and not counted as a restore point.

. "$(dirname "$0")/lib.sh"
need faketime

at() {
	local h=$1
	shift
	NO_FAKE_STAT=1 faketime -f "+${h}h" "$@"
}

d=$T/data
mkdir -p "$d"
echo base >"$d/base"
mk_profile pr "$d"
echo 'incremental = { };' >>"$T/pr.conf"
echo 'retention = { keep_last = 2; };' >>"$T/pr.conf"
h=0
bk() {
	h=$((h + 1))
	echo "change $h" >"$d/f$h"
	expect_exit 0 at "$h" "$RST" backup "$@" "$T/pr.conf"
	basename "$(snapdir pr)"
}
f1=$(bk); a1=$(bk); b1=$(bk)
f2=$(bk --full); a2=$(bk); b2=$(bk)
[ "$(json_get "$(snapdir pr)/manifest.json" 'd["parent"]["id"]')" = "$a2" ] || fail "b2 is not on a2"

expect_exit 0 at 10 "$RST" prune --dry-run "$T/pr.conf"
expect_stderr "kept: $f2 needed by $a2"
[ "$(committed_dirs pr)" = 6 ] || fail "--dry-run removed something"

expect_exit 0 at 10 "$RST" --json prune "$T/pr.conf"
python3 - "$OUT" "$f1" "$a1" "$b1" "$f2" "$a2" "$b2" <<'PY' || fail "prune with chains kept or removed the wrong snapshots"
import json, sys
d = json.load(open(sys.argv[1]))
f1, a1, b1, f2, a2, b2 = sys.argv[2:]
assert d["removed"] == [b1, a1, f1], d["removed"]      # newest first
assert sorted(d["kept"]) == sorted([f2, a2, b2]), d["kept"]
assert d["needed_by"] == {f2: a2}, d["needed_by"]
PY
grep -n "removing" "$ERR" | sed -n 1p | grep -q "$b1" || fail "the newest unneeded snapshot was not removed first"
python3 - "$T/state/journal/pr.jsonl" "$f2" "$a2" <<'PY' || fail "the prune record lacks needed_by"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
p = [r for r in recs if r["kind"] == "prune" and "needed_by" in r["data"]][-1]
assert p["data"]["needed_by"] == {sys.argv[2]: sys.argv[3]}, p["data"]
PY
expect_exit 0 at 11 "$RST" restore "$T/pr.conf" "$b2" --target "$T/out"
same_tree "$d" "$T/out$d" "restore after prune"

# A broken chain: its incrementals are kept and do not count.
rm -r "$T/repo/snapshots/pr/$a2"
expect_exit 0 at 12 "$RST" prune "$T/pr.conf"
expect_stderr "snapshot $b2: its chain is incomplete; kept"
[ -d "$T/repo/snapshots/pr/$f2" ] && [ -d "$T/repo/snapshots/pr/$b2" ] ||
	fail "prune removed a snapshot while a chain was broken"
exit 0
