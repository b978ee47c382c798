#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Files a backup read less than 60 s after they last changed are read
# again by the next incremental whatever their stat says then (an edit in
# that window can keep the same times), and that backup says how many:
# a summary line naming the parent and "reread" in --json.  Once a read
# was calm, the stat vouches for them: nothing read again, nothing stored.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3

d=$T/src/data
mkdir -p "$d"
for f in a b c; do
	head -c 5000 /dev/urandom >"$d/$f.bin"
done
mk_profile rc "$d"
echo 'incremental = { };' >>"$T/rc.conf"

expect_exit 0 "$RST" backup "$T/rc.conf"
expect_stderr 'full backup'
full=$(basename "$(snapdir rc)")
expect_exit 0 "$RST" backup "$T/rc.conf"
expect_stderr "3 files whose stat is unchanged read again, as $full asked: it read them less than 60 s after a change"
# Read again within the window, they are racy once more.
expect_exit 0 "$RST" --json backup "$T/rc.conf"
[ "$(json_get "$OUT" 'd["reread"]')" = 3 ] || fail "reread is not 3: $(cat "$OUT")"
[ "$(json_get "$OUT" 'd["stored_files"]')" = 3 ] || fail "the racy files were not stored again"

# An hour on, the parent's read was still racy: read again once more.
# This read is not, so the next backup stores nothing and says nothing.
expect_exit 0 at 1 "$RST" backup "$T/rc.conf"
expect_stderr '3 files whose stat is unchanged read again'
expect_exit 0 at 2 "$RST" --json backup "$T/rc.conf"
[ "$(json_get "$OUT" 'd["reread"]')" = 0 ] || fail "reread is not 0 after a calm read"
[ "$(json_get "$OUT" 'd["stored_files"]')" = 0 ] || fail "unchanged files stored after a calm read"
expect_exit 0 at 3 "$RST" backup "$T/rc.conf"
expect_stderr '0 of 3 files stored'
grep -q 'read again' "$ERR" && fail "files read again after a calm read: $(cat "$ERR")"
exit 0
