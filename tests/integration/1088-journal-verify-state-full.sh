#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# journal verify with a full state_dir (a small tmpfs in a private mount
# namespace: unshare -m, as root; not optional under CI=true).  The last
# append wrote its line but not its head (the head of one record earlier
# is put back), so journal verify must rewrite the head; with no space
# left it exits 3 (a full state_dir is a storage error, as for a backup),
# the message names the journal and the cause, the journal and its head
# are untouched byte for byte and no temporary file is left; once space is
# back it brings the head up to date and exits 0.

. "$(dirname "$0")/lib.sh"
mount_ns "$@"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile jf "$d"
mount_tmpfs "$T/sfs" 4m
sed -i "s|^state_dir = .*|state_dir = \"$T/sfs/state\";|" "$T/jf.conf"
J=$T/sfs/state/journal

expect_exit 0 "$RST" backup "$T/jf.conf"
cp "$J/jf.head" "$T/head.1"
expect_exit 0 "$RST" backup "$T/jf.conf"
cp "$J/jf.head" "$T/head.2"
cp "$T/head.1" "$J/jf.head"
dd if=/dev/zero of="$T/sfs/.filler" bs=4096 status=none 2>/dev/null
df -k "$T/sfs" | tail -n 1 | awk '{ exit $4 > 8 }' || fail "could not fill $T/sfs"
(cd "$J" && sha256sum ./*) >"$T/sums.before"

expect_exit 3 "$RST" journal verify "$T/jf.conf"
expect_stderr "error: $J/jf\.jsonl: head of an interrupted append not brought up to date \(nothing changed\): state_dir is full: write .*jf\.head\.tmp-[A-Za-z0-9]+: No space left on device"
(cd "$J" && sha256sum ./*) | diff "$T/sums.before" - >&2 ||
	fail "state_dir full: the journal folder changed"

rm -f "$T/sfs/.filler"
expect_exit 0 "$RST" journal verify "$T/jf.conf"
expect_stderr "head brought up to date"
cmp -s "$J/jf.head" "$T/head.2" || fail "the head was not brought up to date"
echo "journal verify with state_dir full: exit 3, nothing changed; with space back: head rewritten, exit 0"
