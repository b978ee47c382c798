#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# restore SNAP --target DIR PATTERN... fetches only the parts that hold the
# selected entries (from the zstd frame an entry starts in, per the index's
# zframe/zoff, up to where the next entry starts), each verified whole
# against the signed manifest before use.  Through a counting WebDAV
# server (tests/helpers/hostile-server.py --count-file), on a snapshot of
# several frames cut into 1 MiB parts:
#   - a small file at the start of a frame: at most 2 parts fetched;
#   - a small file in the middle of a frame: only parts of that frame;
#   - two files in different frames: each part fetched once;
#   - a flipped byte in a fetched part: exit 4, nothing under a final name;
#   - a flipped byte in a part the restore does not need: the one-file
#     restore succeeds (it never reads that part), verify still finds it;
#   - an index without positions (older snapshots): read from the start.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
for f in a1 a2 a3 c1 c3 c4; do
	head -c 6000000 /dev/urandom >"$d/$f.bin"
done
head -c 4000000 /dev/urandom >"$d/e1.bin"
echo "birth certificate 5" >"$d/b-note.txt"
echo "death act 7" >"$d/c2-mid.txt"
echo "minutes 9" >"$d/d-note.txt"


hs_profile part 'timeout = "20s";' "$d"
hs_backup part
nparts=$(find "$snap" -name 'stream.pax.zst.*' | wc -l)
[ "$nparts" -ge 30 ] || fail "the snapshot has $nparts parts, want at least 30"
index_lines "$snap" >"$T/index.jsonl"

# part_of NAME: the part holding the start of NAME's frame (1 MiB parts).
part_of() {
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["path"].endswith("/" + sys.argv[2]):
        print(e["zframe"] // 1048576)
' "$T/index.jsonl" "$1"
}
# restore_some TARGET PATTERN...: a restore through a fresh counting server.
restore_some() {
	hs_restore_some "$T/part.conf" "$id" "$@"
}

pb=$(part_of b-note.txt)
pc=$(part_of c2-mid.txt)
pd=$(part_of d-note.txt)
[ "$pb" -lt "$pd" ] && [ "$pb" = "$pc" ] ||
	fail "unexpected layout: b-note's frame in part $pb, c2-mid's in $pc, d-note's in $pd"

# A small file opening a frame: at most 2 parts.
restore_some "$T/r1" '*/b-note.txt'
n=$(wc -l <"$T/fetched")
[ "$n" -ge 1 ] && [ "$n" -le 2 ] || fail "one-file restore fetched $n parts, want at most 2"
[ "$(head -n 1 "$T/fetched")" = "$pb" ] || fail "the first part fetched is not $pb"
cmp "$d/b-note.txt" "$T/r1$d/b-note.txt" || fail "restored b-note.txt differs"
[ "$(find "$T/r1" -type f | wc -l)" = 1 ] || fail "the one-file restore wrote other files"

# A small file inside a frame: only parts from its frame on, and far
# fewer than the snapshot has.
restore_some "$T/r2" '*/c2-mid.txt'
while read -r p; do
	[ "$p" -ge "$pc" ] && [ "$p" -le "$pd" ] || fail "part $p fetched for c2-mid.txt (frame in $pc..$pd)"
done <"$T/fetched"
[ "$(wc -l <"$T/fetched")" -le 9 ] || fail "c2-mid.txt: $(wc -l <"$T/fetched") parts fetched"
cmp "$d/c2-mid.txt" "$T/r2$d/c2-mid.txt" || fail "restored c2-mid.txt differs"

# Two files in different frames: two runs, no part twice.
restore_some "$T/r3" '*/b-note.txt' '*/d-note.txt'
grep -qx "$pd" "$T/fetched" || fail "d-note.txt's part $pd not fetched"
[ "$(wc -l <"$T/fetched")" -le 5 ] || fail "two-file restore: $(wc -l <"$T/fetched") parts fetched"
cmp "$d/b-note.txt" "$T/r3$d/b-note.txt" && cmp "$d/d-note.txt" "$T/r3$d/d-note.txt" ||
	fail "two-file restore differs"

# Runs that meet: every part once, every file right.
restore_some "$T/r7" '*/c1.bin' '*/c4.bin' '*/d-note.txt' '*/e1.bin'
for f in c1.bin c4.bin d-note.txt e1.bin; do
	cmp "$d/$f" "$T/r7$d/$f" || fail "restored $f differs"
done
grep -qx "$pb" "$T/fetched" || fail "c1.bin's frame (part $pb) not fetched"
restore_some "$T/r8" '*'
same_tree "$d" "$T/r8$d" "restore '*'"
[ "$(wc -l <"$T/fetched")" = "$nparts" ] || fail "restore '*' fetched $(wc -l <"$T/fetched") of $nparts parts"

# A flipped byte in the part the restore reads first: exit 4, no file.
part=$(printf '%s/stream.pax.zst.%06d' "$snap" "$pb")
cp "$part" "$T/part.orig"
flip_byte "$part" 100
hs_restart
expect_exit 4 "$RST" restore "$T/part.conf" "$id" --target "$T/r4" '*/b-note.txt'
hs_stop
expect_stderr "stream.pax.zst.$(printf %06d "$pb"): sha256 mismatch"
[ -z "$(find "$T/r4" -type f 2>/dev/null)" ] || fail "a file was left after a bad part"
cp "$T/part.orig" "$part"

# A flipped byte in a part this restore never reads: the restore succeeds
# (only what it uses must verify), verify still finds the bad part.
last=$(printf '%s/stream.pax.zst.%06d' "$snap" $((nparts - 1)))
flip_byte "$last" 10
restore_some "$T/r5" '*/b-note.txt'
cmp "$d/b-note.txt" "$T/r5$d/b-note.txt" || fail "restore next to a bad unread part differs"
hs_restart
expect_exit 4 "$RST" verify "$T/part.conf" "$id"
hs_stop
expect_stderr "stream.pax.zst.$(printf %06d $((nparts - 1))): sha256 mismatch"
flip_byte "$last" 10


# Positions that do not follow the stream, even signed: exit 4.
cp "$snap/index.jsonl.zst" "$snap/manifest.json" "$snap/manifest.json.sig" "$T/"
index_rewrite "$snap" 'if i == len(lines) - 1: e["zframe"], e["zoff"] = 0, 512'
hs_restart
expect_exit 4 "$RST" restore "$T/part.conf" "$id" --target "$T/r9" '*/d-note.txt'
hs_stop
expect_stderr 'stream position of .* out of order'
cp "$T/index.jsonl.zst" "$T/manifest.json" "$T/manifest.json.sig" "$snap/"

# An index without positions (written before they existed): the restore
# reads the stream from its start and still gets the file.
index_rewrite "$snap" 'e.pop("zframe"), e.pop("zoff")'
restore_some "$T/r6" '*/d-note.txt'
[ "$(wc -l <"$T/fetched")" = "$nparts" ] || fail "without positions, $(wc -l <"$T/fetched") of $nparts parts fetched"
cmp "$d/d-note.txt" "$T/r6$d/d-note.txt" || fail "restore without positions differs"
