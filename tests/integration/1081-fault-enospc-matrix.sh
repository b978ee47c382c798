#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Fault matrix, ENOSPC: a full disk under state_dir, under the spool and
# under the drill sandbox, each a small tmpfs in a private mount namespace
# (unshare -m, as root; not optional under CI=true):
#
# - state_dir full (file://): backup exits 3 at once with "state_dir ... is
#   full", nothing is committed, the journal is untouched (byte for byte)
#   and verifies once space is back, and the next backup works;
# - spool full (WebDAV, parts spooled under state_dir/spool): backup exits
#   3 naming the spool and the cause, nothing is committed on the server,
#   the journal records the failure (exit 3) and verifies;
# - drill sandbox full: drill --force exits 1 "not restored", journals
#   result fail with exit 1, the journal verifies, no sandbox is left.
# Prints one line per case.  A heavy matrix: the non-sanitizer pass only.

. "$(dirname "$0")/lib.sh"
heavy_matrix
mount_ns "$@"
need python3 zstd
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d/sub"
head -c 2300000 /dev/urandom >"$d/sub/big.bin"
for i in 1 2 3; do echo "small $i" >"$d/s$i.txt"; done

# fill DIR: take every free byte of DIR's file system.
fill() {
	dd if=/dev/zero of="$1/.filler" bs=4096 status=none 2>/dev/null
	df -k "$1" | tail -n 1 | awk '{ exit $4 > 8 }' || fail "could not fill $1"
}
# last_rec STATE PROFILE EXPR: EXPR over the last journal record r.
last_rec() {
	python3 - "$1/journal/$2.jsonl" "$3" <<'EOF'
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
print(eval(sys.argv[2]))
EOF
}

# --- state_dir full ------------------------------------------------------------
PART_SIZE=1M mk_profile s "$d"
mount_tmpfs "$T/sfs" 4m
sed -i "s|^state_dir = .*|state_dir = \"$T/sfs/state\";|" "$T/s.conf"
expect_exit 0 "$RST" backup "$T/s.conf"
fill "$T/sfs"
sums() {
	sha256sum "$T/sfs/state/journal/"* "$T/repo/journal/"* 2>/dev/null
}
sums >"$T/sums.before"
expect_exit 3 "$RST" backup "$T/s.conf"
expect_stderr "state_dir $T/sfs/state is full \\([0-9]+ bytes, [0-9]+ inodes free; .*\\): nothing was backed up"
[ "$(committed_dirs s)" = 1 ] || fail "state_dir full: a snapshot was committed"
[ "$(find "$T/repo/snapshots/s" -mindepth 1 -maxdepth 1 -type d | wc -l)" = 1 ] ||
	fail "state_dir full: a snapshot folder was started"
sums | diff "$T/sums.before" - >&2 || fail "state_dir full: the journal changed"
rm -f "$T/sfs/.filler"
expect_exit 0 "$RST" journal verify "$T/s.conf"
expect_exit 0 "$RST" backup "$T/s.conf"
echo "ENOSPC in state_dir: backup exit 3 up front, 0 committed, journal untouched and intact, next backup 0"

# --- spool full -------------------------------------------------------------------
hs_start
PART_SIZE=1M mk_profile w "$d"
sed -i -e '/^repository = /d' -e "s|^state_dir = .*|state_dir = \"$T/wstate\";|" "$T/w.conf"
printf 'repository = { url = "webdav+http://127.0.0.1:%s/repo"; timeout = "10s"; retries = 0; };\n' \
	"$HS_PORT" >>"$T/w.conf"
expect_exit 0 "$RST" backup "$T/w.conf"
mount_tmpfs "$T/wstate/spool" 512k
expect_exit 3 "$RST" backup "$T/w.conf"
expect_stderr "spool in $T/wstate/spool: No space left on device"
[ "$(committed_dirs w "$T/dav/repo")" = 1 ] || fail "spool full: a snapshot was committed"
[ "$(last_rec "$T/wstate" w '(r["kind"], r["result"], r["exit"])')" = "('backup', 'error', 3)" ] ||
	fail "spool full: journaled as $(last_rec "$T/wstate" w r)"
expect_exit 0 "$RST" journal verify "$T/w.conf"
umount "$T/wstate/spool" || fail "umount spool"
expect_exit 0 "$RST" backup "$T/w.conf"
expect_exit 0 "$RST" verify "$T/w.conf" latest
echo "ENOSPC in the spool: backup exit 3, 0 committed, failure journaled, journal intact, next backup 0"

# --- drill sandbox full -------------------------------------------------------------
mount_tmpfs "$T/dfs" 512k
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T/dfs" >>"$T/s.conf"
expect_exit 1 "$RST" drill --force "$T/s.conf" latest
expect_stderr "not restored: .*No space left on device"
[ "$(last_rec "$T/sfs/state" s '(r["kind"], r["result"], r["exit"])')" = "('drill', 'fail', 1)" ] ||
	fail "sandbox full: journaled as $(last_rec "$T/sfs/state" s r)"
expect_exit 0 "$RST" journal verify "$T/s.conf"
[ -z "$(find "$T/dfs/scratch" -mindepth 1 -maxdepth 1 2>/dev/null)" ] ||
	fail "sandbox full: left behind: $(ls -A "$T/dfs/scratch")"
echo "ENOSPC in the drill sandbox: drill exit 1 (not restored), failure journaled, journal intact, no sandbox left"
