#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# prune with chains (DESIGN.md decision 15): a snapshot a kept one depends
# on is kept ("kept: X needed by Y" in --dry-run, needed_by in the
# journal), unneeded snapshots go newest first, nothing is orphaned (every
# kept incremental still restores), an incremental whose chain is already
# broken is kept and not counted as a restore point, and the newest chain
# proven intact since the newest integrity failure is kept.

. "$(dirname "$0")/lib.sh"
need_faketime

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
expect_stderr "snapshot $b2: its chain is incomplete or was found bad; kept"
[ -d "$T/repo/snapshots/pr/$f2" ] && [ -d "$T/repo/snapshots/pr/$b2" ] ||
	fail "prune removed a snapshot while a chain was broken"

# After an integrity failure, the newest chain proven intact since then
# stays, whatever the count rules say.
mk_profile pv "$d"
printf 'incremental = { };
retention = { keep_last = 1; };
' >>"$T/pv.conf"
pbk() {
	h=$((h + 1))
	echo "pv $h" >"$d/f$h"
	expect_exit 0 at "$h" "$RST" backup "$@" "$T/pv.conf"
	basename "$(snapdir pv)"
}
pf1=$(pbk); pa1=$(pbk); pf2=$(pbk --full); pa2=$(pbk)
part=$T/repo/snapshots/pv/$pa2/stream.pax.zst.000000
cp "$part" "$T/part.saved"
flip_byte "$part" 100
expect_exit 4 at 30 "$RST" verify "$T/pv.conf" "$pa2"
cp "$T/part.saved" "$part"
expect_exit 0 at 31 "$RST" verify --deep "$T/pv.conf" "$pa1"
expect_exit 0 at 32 "$RST" prune --dry-run "$T/pv.conf"
expect_stderr "kept: $pa1, proven intact since the last integrity failure"
expect_stderr "kept: $pf1 needed by $pa1"
expect_exit 0 at 32 "$RST" prune "$T/pv.conf"
for s in "$pf1" "$pa1" "$pf2" "$pa2"; do
	[ -d "$T/repo/snapshots/pv/$s" ] || fail "prune removed $s"
done
# A later failure takes that protection away: then the count rules rule.
flip_byte "$part" 100
expect_exit 4 at 33 "$RST" verify "$T/pv.conf" "$pa2"
cp "$T/part.saved" "$part"
expect_exit 0 at 34 "$RST" prune "$T/pv.conf"
[ ! -d "$T/repo/snapshots/pv/$pa1" ] && [ ! -d "$T/repo/snapshots/pv/$pf1" ] ||
	fail "a chain proven before the newest failure was still protected"
expect_stderr "snapshot $pa2: its chain is incomplete or was found bad; kept"
[ -d "$T/repo/snapshots/pv/$pa2" ] && [ -d "$T/repo/snapshots/pv/$pf2" ] ||
	fail "prune removed a snapshot found bad, or the full it needs"
exit 0
