#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Hard links in a partial restore: a selected hard link whose target the
# patterns leave out is a usage error naming both (exit 2), not an
# integrity failure; selecting both restores one inode.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d/sub"
echo one >"$d/one.txt"
ln "$d/one.txt" "$d/sub/one-again"
mk_profile ph "$d"
expect_exit 0 "$RST" backup "$T/ph.conf"
r=${d#/}
expect_exit 2 "$RST" restore "$T/ph.conf" latest --target "$T/t1" "$r/sub/one-again"
expect_stderr "hardlink $r/sub/one-again -> $r/one.txt: its target is not selected"
[ -e "$T/t1$d/sub/one-again" ] && fail "the hard link was written"
expect_exit 0 "$RST" restore "$T/ph.conf" latest --target "$T/t2" "$r/sub/one-again" "$r/one.txt"
[ "$(stat -c %i "$T/t2$d/one.txt")" = "$(stat -c %i "$T/t2$d/sub/one-again")" ] ||
	fail "one.txt and sub/one-again are not one inode"
[ "$(cat "$T/t2$d/sub/one-again")" = one ] || fail "wrong content"
exit 0
