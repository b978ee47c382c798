#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A file:// repository whose objects were swapped for other file types by
# whoever controls the storage: a part replaced by a symlink to /dev/zero,
# by a folder, by a FIFO (which must not block), a snapshot folder replaced
# by a symlink to a good copy, a journal replaced by a symlink to a
# root-only file.  Each is refused with exit 4 naming the object; nothing
# of the file behind a symlink reaches the output; the listing does not
# follow a symlinked folder.

. "$(dirname "$0")/lib.sh"
need python3 zstd timeout mkfifo

d=$T/src/data
mkdir -p "$d"
head -c 300000 /dev/urandom >"$d/random.bin"
echo hello >"$d/a.txt"
mk_profile sp "$d"
expect_exit 0 "$RST" backup "$T/sp.conf"
snap=$(snapdir sp)
id=$(basename "$snap")
part=$snap/stream.pax.zst.000000
[ -f "$part" ] || fail "no part 0"
cp -p "$part" "$T/part.good"

# check_refused WHAT TYPE: verify and restore exit 4 naming part 0 as TYPE,
# within 30 s each (a FIFO must not block).
check_refused() {
	local what=$1 type=$2
	expect_exit 4 timeout 30 "$RST" verify "$T/sp.conf" "$id"
	expect_stderr "snapshots/sp/$id/stream\.pax\.zst\.000000: .*$type.*refused"
	rm -rf "$T/out"
	expect_exit 4 timeout 30 "$RST" restore "$T/sp.conf" "$id" --target "$T/out"
	expect_stderr "stream\.pax\.zst\.000000: .*$type.*refused"
	echo "$what: verify and restore exit 4"
}

rm -f "$part"
ln -s /dev/zero "$part"
check_refused "part -> /dev/zero symlink" "symlink"

rm -f "$part"
mkdir "$part"
check_refused "part replaced by a folder" "a folder"

rmdir "$part"
mkfifo "$part"
check_refused "part replaced by a FIFO" "a FIFO"

rm -f "$part"
cp -p "$T/part.good" "$part"
expect_exit 0 "$RST" verify "$T/sp.conf" "$id"

# A snapshot folder replaced by a symlink to a good copy of itself: the
# listing does not follow it, and reading through it is refused.
mkdir -p "$T/elsewhere"
mv "$snap" "$T/elsewhere/$id"
ln -s "$T/elsewhere/$id" "$snap"
expect_exit 0 "$RST" --json list "$T/sp.conf"
[ "$(json_get "$OUT" 'len(d["snapshots"])')" = 0 ] ||
	{ show_last >&2; fail "list followed a symlinked snapshot folder"; }
expect_exit 4 "$RST" verify "$T/sp.conf" "$id"
expect_stderr "snapshots/sp/$id/.*refused"
rm "$snap"
mv "$T/elsewhere/$id" "$snap"
expect_exit 0 "$RST" verify "$T/sp.conf" "$id"

# A journal replaced by a symlink to a root-only file: refused, exit 4,
# and not one byte of that file in the output.
j=$T/repo/journal/sp.jsonl
[ -f "$j" ] || fail "no journal at $j"
secret="ROOT-ONLY-$(openssl rand -hex 8 2>/dev/null || echo 5ec7e7)"
printf '{"seq":0,"note":"%s"}\n' "$secret" >"$T/root-only"
chmod 600 "$T/root-only"
mv "$j" "$T/journal.good"
ln -s "$T/root-only" "$j"
expect_exit 4 "$RST" journal verify "$T/sp.conf"
expect_stderr "journal/sp\.jsonl: .*symlink.*refused"
grep -q "$secret" "$OUT" "$ERR" && fail "the root-only file's bytes reached the output"
expect_exit 4 "$RST" report --repository "file://$T/repo" --format json
grep -q "$secret" "$OUT" "$ERR" && fail "the report quotes the root-only file"
expect_stdout "journal/sp\.jsonl"
rm "$j"
mv "$T/journal.good" "$j"
expect_exit 0 "$RST" journal verify "$T/sp.conf"
echo "journal -> root-only symlink: exit 4, nothing of it shown"

# Writes do not follow symlinks either: the journal folder replaced by a
# symlink to a folder outside the repository.  The journal's mirror is
# refused (exit 4 naming the snapshot committed and the object: the record
# is in the state dir's journal) and nothing lands in that folder.
mkdir -p "$T/victim"
mv "$T/repo/journal" "$T/journal.dir"
ln -s "$T/victim" "$T/repo/journal"
echo more >"$d/b.txt"
expect_exit 4 "$RST" backup "$T/sp.conf"
expect_stderr "error: snapshot [0-9a-fTZ-]+ committed: journal: recorded in the local journal only: journal/.*symlink.*refused"
[ -z "$(ls -A "$T/victim")" ] || fail "the backup wrote through a symlinked folder: $(ls -A "$T/victim")"
expect_exit 4 "$RST" journal verify "$T/sp.conf"
rm "$T/repo/journal"
mv "$T/journal.dir" "$T/repo/journal"
echo "journal folder -> symlink: mirror refused, nothing written through it"

# The profile's snapshot folder replaced by a symlink: backup exit 4, no
# snapshot written through it.
mv "$T/repo/snapshots/sp" "$T/snaps.dir"
ln -s "$T/victim" "$T/repo/snapshots/sp"
expect_exit 4 "$RST" backup "$T/sp.conf"
expect_stderr "snapshots/sp.*refused"
[ -z "$(ls -A "$T/victim")" ] || fail "the backup wrote through a symlinked folder: $(ls -A "$T/victim")"
rm "$T/repo/snapshots/sp"
mv "$T/snaps.dir" "$T/repo/snapshots/sp"
expect_exit 0 "$RST" backup "$T/sp.conf"
echo "snapshot folder -> symlink: backup exit 4, nothing written through it"

# A line planted in the repository's copy of the journal is never quoted:
# the report names its line and SHA-256 (fleet report of the repository,
# and the local report comparing the repository copy).
canary="PLANTED-$(openssl rand -hex 8 2>/dev/null || echo 9a11ed)"
cp "$j" "$T/journal.good"
printf '{"seq":99,"note":"%s \033[2J"}\n' "$canary" >>"$j"
expect_exit 4 "$RST" report --repository "file://$T/repo" --format json
grep -q "$canary" "$OUT" "$ERR" && fail "the fleet report quotes the planted line"
expect_stdout "repository copy, not shown\\) SHA-256 [0-9a-f]{64}"
mkdir -p "$T/conf/profiles"
sed 's|"keys/signing.pem"|"'"$T"'/keys/signing.pem"|' "$T/sp.conf" >"$T/conf/profiles/sp.conf"
expect_exit 4 "$RST" -c "$T/conf" report --format json sp
grep -q "$canary" "$OUT" "$ERR" && fail "the local report quotes the repository's planted line"
expect_stdout "\"repository_copy\": *\"differs\""
cp "$T/journal.good" "$j"
echo "a line planted in the repository's journal: reported by line and SHA-256, never quoted"
