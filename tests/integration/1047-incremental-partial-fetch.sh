#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# restore of an incremental fetches, in each link of its chain, only the
# parts holding the entries whose final version that link holds (the
# zstd frames of the index's zframe/zoff), and the base's index once per
# command.  Through the counting WebDAV server (hostile.sh), on a chain of
# a full and three incrementals, each holding several MiB in 1 MiB parts:
#   - one small file that only the full holds: at most 2 parts of the
#     full, nothing from the incrementals, the base index fetched once,
#     and far fewer bytes than a whole restore measured here;
#   - a file the 2nd incremental holds: parts of that link only;
#   - a whole restore equals the tree, each part fetched at most once,
#     and parts of an older link that hold only superseded data are not
#     fetched;
#   - a drill and verify --deep fetch the base index once.

. "$(dirname "$0")/lib.sh"
# faketime is an LD_PRELOAD library: under AddressSanitizer it comes first.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
need python3 zstd faketime
. "$(dirname "$0")/hostile.sh"

at() {
	local h=$1
	shift
	NO_FAKE_STAT=1 faketime -f "+${h}h" "$@"
}

d=$T/src/data
mkdir -p "$d"
# 5 x 3.4 MB: the full's second zstd frame starts at b-note.txt.
for f in a1 a2 a3 a4 a5; do
	head -c 3400000 /dev/urandom >"$d/$f.bin"
done
echo "birth certificate 5" >"$d/b-note.txt"
echo "minutes 9" >"$d/d-note.txt"

hs_start
hs_profile pinc 'timeout = "20s";' "$d"
echo 'incremental = { };' >>"$T/pinc.conf"

# backup_at HOURS: one backup through a fresh counting server.
backup_at() {
	hs_restart
	expect_exit 0 at "$1" "$RST" backup "$T/pinc.conf"
	hs_stop
}
backup_at 1
full=$(basename "$(snapdir pinc "$T/dav/repo")")
head -c 3400000 /dev/urandom >"$d/a1.bin"
head -c 3400000 /dev/urandom >"$d/a2.bin"
backup_at 2
i1=$(basename "$(snapdir pinc "$T/dav/repo")")
head -c 3400000 /dev/urandom >"$d/a3.bin"
head -c 3400000 /dev/urandom >"$d/a4.bin"
backup_at 3
i2=$(basename "$(snapdir pinc "$T/dav/repo")")
head -c 3400000 /dev/urandom >"$d/a5.bin"
echo "new" >"$d/new.txt"
backup_at 4
expect_stderr 'incremental 3 of a chain'
i3=$(basename "$(snapdir pinc "$T/dav/repo")")
[ "$(json_get "$T/dav/repo/snapshots/pinc/$i3/manifest.json" 'd["index"].get("patch_from")')" = base-in ] ||
	fail "the 3rd incremental's index is not compressed against the base"

# fetched LINK: the part numbers of LINK downloaded, one a line.
fetched() {
	json_get "$HS_COUNT" '"\n".join(str(int(p.rsplit(".", 1)[1])) for p in d["get_paths"] if "/'"$1"'/stream.pax.zst." in p)' | sed '/^$/d'
}
# part_bytes: body bytes of every stream part sent.
part_bytes() {
	json_get "$HS_COUNT" 'sum(n for p, n in d["bytes"].items() if "/stream.pax.zst." in p)'
}
# base_index_gets: how many times the full's index was downloaded.
base_index_gets() {
	json_get "$HS_COUNT" 'sum(1 for p in d["get_paths"] if p.endswith("/'"$full"'/index.jsonl.zst"))'
}
# restore_at TARGET PATTERN...: restore the 3rd incremental, counted.
restore_at() {
	local tgt=$1
	shift
	rm -rf "$T/state/index-cache"
	hs_restart
	expect_exit 0 at 5 "$RST" restore "$T/pinc.conf" "$i3" --target "$tgt" "$@"
	hs_stop
	for s in "$full" "$i1" "$i2" "$i3"; do
		fetched "$s" >"$T/fetched-$s"
		[ -z "$(sort "$T/fetched-$s" | uniq -d)" ] ||
			fail "restore $*: a part of $s was fetched twice"
	done
	note "restore $*: $(part_bytes) part bytes; parts of full: $(wc -l <"$T/fetched-$full"), i1: $(wc -l <"$T/fetched-$i1"), i2: $(wc -l <"$T/fetched-$i2"), i3: $(wc -l <"$T/fetched-$i3")"
}

# A whole restore: equal to the tree.  Every a*.bin of the full is
# superseded: only the parts of its last frame are needed.
restore_at "$T/all"
same_tree "$d" "$T/all$d" "restore of the 3rd incremental"
[ "$(base_index_gets)" = 1 ] || fail "whole restore: the base index was fetched $(base_index_gets) times, want 1"
whole=$(part_bytes)
nfull=$(find "$T/dav/repo/snapshots/pinc/$full" -name 'stream.pax.zst.*' | wc -l)
[ "$(wc -l <"$T/fetched-$full")" -lt "$nfull" ] ||
	fail "whole restore: every part of the full fetched, though it holds superseded files"

# One small file only the full holds.
restore_at "$T/one" '*/b-note.txt'
cmp "$d/b-note.txt" "$T/one$d/b-note.txt" || fail "restored b-note.txt differs"
[ "$(find "$T/one" -type f | wc -l)" = 1 ] || fail "the one-file restore wrote other files"
[ "$(wc -l <"$T/fetched-$full")" -le 2 ] ||
	fail "one-file restore: $(wc -l <"$T/fetched-$full") parts of the full, want at most 2"
for s in "$i1" "$i2" "$i3"; do
	[ ! -s "$T/fetched-$s" ] || fail "one-file restore: parts of $s fetched, which holds nothing needed"
done
[ "$(base_index_gets)" = 1 ] || fail "one-file restore: the base index was fetched $(base_index_gets) times, want 1"
one=$(part_bytes)
[ $((one * 8)) -lt "$whole" ] || fail "one-file restore: $one part bytes, a whole restore $whole"

# A file the 2nd incremental holds: only that link's parts.
restore_at "$T/two" '*/a3.bin'
cmp "$d/a3.bin" "$T/two$d/a3.bin" || fail "restored a3.bin differs"
[ -s "$T/fetched-$i2" ] || fail "a3.bin: no part of $i2 fetched"
for s in "$full" "$i1" "$i3"; do
	[ ! -s "$T/fetched-$s" ] || fail "a3.bin: parts of $s fetched, which holds nothing needed"
done
[ "$(wc -l <"$T/fetched-$i2")" -le 6 ] || fail "a3.bin: $(wc -l <"$T/fetched-$i2") parts of $i2"

# A drill and verify --deep of the chain: the base index fetched once,
# for the prefix of the patched indexes and as the base's own index.
hs_restart
expect_exit 0 at 5 "$RST" drill "$T/pinc.conf" "$i3"
hs_stop
[ "$(base_index_gets)" = 1 ] || fail "drill: the base index was fetched $(base_index_gets) times, want 1"
hs_restart
expect_exit 0 at 5 "$RST" verify --deep "$T/pinc.conf" "$i3"
hs_stop
[ "$(base_index_gets)" = 1 ] || fail "verify --deep: the base index was fetched $(base_index_gets) times, want 1"
