#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The drill's scratch folder cannot be stolen by another local user, and a
# restore target is never reached through a symlink:
#   - scratch_dir owned by another user, with mode 0755, planted as a
#     symlink, below a world-writable (not sticky) folder or below a folder
#     owned by another user: the drill exits 2 naming the problem, writes
#     nothing (the symlink's target stays empty);
#   - below a root-owned sticky folder (as /var/tmp) a missing scratch_dir
#     is created 0700 and the drill passes;
#   - restore --target below a symlinked folder: exit 2, nothing written
#     through it; a target that is not a folder: exit 2.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "the decrypted secret" >"$d/secret.txt"
mk_profile sc "$d"
expect_exit 0 "$RST" backup "$T/sc.conf"

# drill_with SCRATCH: a profile copy whose scratch_dir is SCRATCH.
drill_with() {
	cp "$T/sc.conf" "$T/sc-x.conf"
	printf 'drill = { scratch_dir = "%s"; };\n' "$1" >>"$T/sc-x.conf"
}

# refused SCRATCH REGEX: the drill exits 2 with REGEX on stderr.
refused() {
	drill_with "$1"
	expect_exit 2 "$RST" drill "$T/sc-x.conf"
	expect_stderr "$2"
	note "refused: $(tail -n 1 "$ERR")"
}

# --- scratch_dir itself --------------------------------------------------------
mkdir -m 0755 "$T/open"
refused "$T/open" "$T/open: mode 0755, must be 0700"
[ -z "$(ls -A "$T/open")" ] || fail "a sandbox was made in a 0755 scratch_dir"

mkdir -m 0700 "$T/victim"
ln -s "$T/victim" "$T/planted"
refused "$T/planted" "$T/planted is a symlink"
[ -z "$(ls -A "$T/victim")" ] || fail "the drill wrote through a planted symlink"

if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 0700 "$T/foreign"
	chown 65534:65534 "$T/foreign"
	refused "$T/foreign" "$T/foreign: owned by uid 65534, not by this user"
	[ -z "$(ls -A "$T/foreign")" ] || fail "a sandbox was made in a foreign scratch_dir"

	# --- its ancestors -----------------------------------------------------
	mkdir -m 0755 "$T/nobodys"
	chown 65534:65534 "$T/nobodys"
	refused "$T/nobodys/scratch" "$T/nobodys: owned by uid 65534, not by root or this user"
	[ -e "$T/nobodys/scratch" ] && fail "scratch_dir created below a foreign folder"
else
	note "not root: foreign-owner cases need chown"
fi

mkdir -m 0777 "$T/worldw"
chmod 0777 "$T/worldw"
refused "$T/worldw/scratch" "$T/worldw: writable by other users \\(mode 0777\\)"
[ -e "$T/worldw/scratch" ] && fail "scratch_dir created below a world-writable folder"

# Root-owned and sticky, as /var/tmp: fine; the missing folder is made 0700.
if [ "$(id -u)" -eq 0 ]; then
	mkdir -m 1777 "$T/sticky"
	chmod 1777 "$T/sticky"
	drill_with "$T/sticky/restorable"
	expect_exit 0 "$RST" drill "$T/sc-x.conf"
	[ "$(stat -c %a "$T/sticky/restorable")" = 700 ] ||
		fail "scratch_dir made with mode $(stat -c %a "$T/sticky/restorable")"
	[ -z "$(ls -A "$T/sticky/restorable")" ] || fail "sandbox left behind"
fi
drill_with "$T/new/scratch"
expect_exit 0 "$RST" drill "$T/sc-x.conf"
[ "$(stat -c %a "$T/new/scratch")" = 700 ] || fail "new scratch_dir is not 0700"

# --- restore targets -------------------------------------------------------------
mkdir -m 0700 "$T/real"
ln -s "$T/real" "$T/link"
expect_exit 2 "$RST" restore "$T/sc.conf" latest --target "$T/link/t"
expect_stderr "$T/link is a symlink"
[ -z "$(ls -A "$T/real")" ] || fail "restore wrote through a symlinked ancestor"
expect_exit 2 "$RST" restore "$T/sc.conf" latest --target "$T/link"
expect_exit 2 "$RST" restore "$T/sc.conf" latest --target /dev/null
expect_exit 0 "$RST" restore "$T/sc.conf" latest --target "$T/real/t"
cmp "$d/secret.txt" "$T/real/t$d/secret.txt" || fail "restore below the real path differs"
exit 0
