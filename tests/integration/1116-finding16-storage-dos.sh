#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 16 of the attack review, storage DoS: a FIFO in place of a part
# blocked open() forever; an endless WebDAV collection tree was walked
# forever (13,330 PROPFINDs) while the profile's lock was held.
#
# - file:// repository, part 0 replaced by a FIFO nobody writes to:
#   verify, restore and drill exit 4 naming the part as a FIFO, each well
#   within 30 s (timeout would make it 124).
# - WebDAV (tests/helpers/hostile-server.py --endless): a backup against an
#   endless collection tree exits 3 ("more than 16 folder levels") after at
#   most 40 PROPFINDs, commits nothing and leaves the lock free (the next
#   backup against the sound server works at once).
# - The same tree answering each listing after 2 s, with
#   command_timeout = "5s": backup exits 3 with "command_timeout (5 s)
#   reached" in under 12 s.

. "$(dirname "$0")/lib.sh"
need python3 zstd timeout mkfifo
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
head -c 200000 /dev/urandom >"$d/b.bin"

# --- a FIFO for a part ---------------------------------------------------------------
mk_profile ff "$d"
echo "drill = { scratch_dir = \"$T/scratch\"; };" >>"$T/ff.conf"
expect_exit 0 "$RST" backup "$T/ff.conf"
id=$(basename "$(snapdir ff)")
part=$(snapdir ff)/stream.pax.zst.000000
rm -f "$part"
mkfifo "$part"
for op in verify restore drill; do
	case $op in
	verify) args=(verify "$T/ff.conf" "$id") ;;
	restore) rm -rf "$T/out"; args=(restore "$T/ff.conf" "$id" --target "$T/out") ;;
	drill) args=(drill "$T/ff.conf" "$id") ;;
	esac
	expect_exit 4 timeout 30 "$RST" "${args[@]}"
	expect_stderr "snapshots/ff/$id/stream\.pax\.zst\.000000: .*a FIFO.*refused"
	echo "part 0 a FIFO: $op exit 4 at once"
done

# --- an endless collection tree ------------------------------------------------------
hs_profile ev 'timeout = "10s"; retries = 0;' "$d"
mkdir -p "$T/dav/repo"
hs_restart
expect_exit 0 "$RST" backup "$T/ev.conf"
hs_restart --endless /repo/snapshots/ev
expect_exit 3 timeout 120 "$RST" backup "$T/ev.conf"
expect_stderr "list snapshots/ev/.*more than 16 folder levels"
propfinds=$(grep -c '^PROPFIND ' "$HS_LOG")
[ "$propfinds" -le 40 ] || fail "$propfinds PROPFINDs before the endless tree was given up"
[ "$(committed_dirs ev "$T/dav/repo")" = 1 ] || fail "the backup against the endless tree committed a snapshot"
hs_restart
expect_exit 0 timeout 60 "$RST" backup "$T/ev.conf"
[ "$(committed_dirs ev "$T/dav/repo")" = 2 ] || fail "the next backup did not commit"
echo "endless collection tree: backup exit 3 after $propfinds PROPFINDs, lock free"

# --- the same, slow: the command's deadline -------------------------------------------
sed -i 's|retries = 0; };|retries = 3; command_timeout = "5s"; };|' "$T/ev.conf"
hs_restart --endless /repo/snapshots/ev --stall 2
t0=$(date +%s.%N)
expect_exit 3 timeout 120 "$RST" backup "$T/ev.conf"
took=$(python3 -c 'import sys, time; print("%.1f" % (time.time() - float(sys.argv[1])))' "$t0")
expect_stderr "command_timeout \\(5 s\\) reached"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 12 else 1)' "$took" ||
	fail "command_timeout 5s, yet the backup ran $took s"
[ "$(committed_dirs ev "$T/dav/repo")" = 2 ] || fail "the timed-out backup committed a snapshot"
echo "endless tree, 2 s per listing, command_timeout 5s: backup exit 3 after $took s"
