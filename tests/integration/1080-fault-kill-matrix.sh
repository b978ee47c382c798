#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Fault matrix, kill -9: a backup killed at each of its commit points never
# leaves a committed partial snapshot, and the next backup and verify work.
# (0600 kills after delays and when objects appear; here each point is hit
# exactly.)  On file:// an LD_PRELOAD shim (tests/helpers/kill-at.c) makes
# the backup SIGKILL itself at the chosen open or rename; on WebDAV the
# hostile server (tests/helpers/hostile-server.py --kill-at) kills it when
# the chosen request arrives (before it has any effect) or once it is done,
# and the shim kills it at its first spool file.  Points: the lock, the
# spool, a part's upload begun and done, the next part, the index, the
# manifest, the signature (before and after the commit), the journal append
# in state_dir, the repository journal, the journal head.
#
# After each kill: every folder holding manifest.json.sig is listed and
# passes verify --deep (0 committed partial snapshots), nothing else is
# listed; then a backup exits 0, verify latest exits 0 and journal verify
# exits 0.  Prints one line per point and "N/N kill points: 0 committed
# partial snapshots".  A heavy matrix: the non-sanitizer pass only.

. "$(dirname "$0")/lib.sh"
heavy_matrix
need python3 zstd
CC=${CC_FOR_TESTS:-cc}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler ($CC) for the LD_PRELOAD shim"
. "$(dirname "$0")/hostile.sh"

SHIM=$T/kill-at.so
"$CC" -shared -fPIC -o "$SHIM" "$SRCDIR/tests/helpers/kill-at.c" -ldl 2>"$T/cc.err" ||
	{ cat "$T/cc.err" >&2; fail "cannot build the kill-at shim"; }

d=$T/src/data
mkdir -p "$d/sub"
head -c 2300000 /dev/urandom >"$d/sub/big.bin"
for i in 1 2 3 4 5; do echo "small $i" >"$d/s$i.txt"; done
PART_SIZE=1M mk_profile k "$d"
PART_SIZE=1M mk_profile w "$d"
sed -i '/^repository = /d' "$T/w.conf"
printf 'repository = { url = "webdav+http://127.0.0.1:0/repo"; timeout = "10s"; retries = 0; };\n' >>"$T/w.conf"

hs_start
sed -i "s|127\\.0\\.0\\.1:[0-9]*/repo|127.0.0.1:$HS_PORT/repo|" "$T/w.conf"
expect_exit 0 "$RST" backup "$T/k.conf"
expect_exit 0 "$RST" backup "$T/w.conf"

verified=" "
# check PROFILE REPO WHAT: the state after a kill; counts partial snapshots.
check() {
	local p=$1 repo=$2 what=$3 committed listed id
	committed=$(committed_dirs "$p" "$repo")
	listed=$(snap_count "$T/$p.conf")
	[ "$listed" = "$committed" ] ||
		fail "$what: list shows $listed snapshot(s), $committed folder(s) hold manifest.json.sig"
	for id in $(json_get "$T/.list.json" '" ".join(s["snapshot"] for s in d["snapshots"])'); do
		case $verified in *" $id "*) continue ;; esac
		if ! "$RST" verify --deep "$T/$p.conf" "$id" >"$OUT" 2>"$ERR"; then
			show_last >&2
			partial=$((partial + 1))
			note "$what: committed snapshot $id does not verify"
		fi
		verified="$verified$id "
	done
	expect_exit 0 "$RST" backup "$T/$p.conf"
	expect_exit 0 "$RST" verify "$T/$p.conf" latest
	expect_exit 0 "$RST" journal verify "$T/$p.conf"
	verified="$verified$(basename "$(snapdir "$p" "$repo")") "
}

# killed WHAT RC: the backup must have died of SIGKILL at its point.
killed() {
	[ "$2" = 137 ] || { cat "$T/bg.err" >&2; fail "$1: the backup was not killed (exit $2): point never reached"; }
}

points=0
partial=0
# shim_point PROFILE REPO WHAT CALL PATTERN WHEN
shim_point() {
	local p=$1 repo=$2 what="$1 $3" rc
	: >"$T/fired"
	# (in a subshell whose own stderr is dropped: no "Killed" notice)
	(env LD_PRELOAD="$SHIM" KILL_AT_CALL="$4" KILL_AT_NAME="$5" KILL_AT_WHEN="$6" \
		KILL_AT_LOG="$T/fired" "$RST" -q backup "$T/$p.conf" >"$T/bg.out" 2>"$T/bg.err"
	 rc=$?; exit $rc) 2>/dev/null
	rc=$?
	killed "$what" "$rc"
	check "$p" "$repo" "$what"
	points=$((points + 1))
	echo "kill -9 at $what ($4 $(cat "$T/fired" | cut -d' ' -f2- | sed 's|.*/||') $6): list = committed = $(committed_dirs "$p" "$repo") after the next backup, backup/verify/journal verify 0"
}
# server_point WHAT REGEX [--kill-after]
server_point() {
	local what="w $1" rc
	hs_start --kill-at "$2" --kill-pidfile "$T/bg.pid" "${@:3}"
	sed -i "s|127\\.0\\.0\\.1:[0-9]*/repo|127.0.0.1:$HS_PORT/repo|" "$T/w.conf"
	(sh -c 'echo $$ >"$0"; exec "$@"' "$T/bg.pid" "$RST" -q backup "$T/w.conf" >"$T/bg.out" 2>"$T/bg.err"
	 rc=$?; exit $rc) 2>/dev/null
	rc=$?
	killed "$what" "$rc"
	check w "$T/dav/repo" "$what"
	points=$((points + 1))
	echo "kill -9 at $what (server: $(grep -E -m1 "$2" "$HS_LOG") ${3:+after}): list = committed = $(committed_dirs w "$T/dav/repo") after the next backup, backup/verify/journal verify 0"
}

# --- file:// ---------------------------------------------------------------
R=$T/repo
shim_point k "$R" "lock" open "k.lock" after
shim_point k "$R" "part 0 created" open "stream.pax.zst.000000.tmp-*" after
shim_point k "$R" "part 0 renamed" rename "stream.pax.zst.000000" after
shim_point k "$R" "part 1 created" open "stream.pax.zst.000001.tmp-*" after
shim_point k "$R" "index created" open "index.jsonl.zst.tmp-*" after
shim_point k "$R" "index renamed" rename "index.jsonl.zst" after
shim_point k "$R" "manifest renamed" rename "manifest.json" after
shim_point k "$R" "signature created" open "manifest.json.sig.tmp-*" after
shim_point k "$R" "signature before rename" rename "manifest.json.sig" before
shim_point k "$R" "signature renamed (committed)" rename "manifest.json.sig" after
shim_point k "$R" "journal append (state_dir)" open "*/state/journal/k.jsonl" after
shim_point k "$R" "repository journal" rename "k.jsonl" after
shim_point k "$R" "journal head" rename "k.head" before

# --- WebDAV ----------------------------------------------------------------
shim_point w "$T/dav/repo" "spool file" mkstemp "obj.*" after
server_point "part 0 upload" '^PUT .*/stream\.pax\.zst\.000000\.tmp-'
server_point "part 0 moved" '^MOVE .*/stream\.pax\.zst\.000000\.tmp-' --kill-after
server_point "part 1 upload" '^PUT .*/stream\.pax\.zst\.000001\.tmp-'
server_point "index upload" '^PUT .*/index\.jsonl\.zst\.tmp-'
server_point "index moved" '^MOVE .*/index\.jsonl\.zst\.tmp-' --kill-after
server_point "manifest moved" '^MOVE .*/manifest\.json\.tmp-' --kill-after
server_point "signature upload" '^PUT .*/manifest\.json\.sig\.tmp-'
server_point "signature move" '^MOVE .*/manifest\.json\.sig\.tmp-'
server_point "signature moved (committed)" '^MOVE .*/manifest\.json\.sig\.tmp-' --kill-after
shim_point w "$T/dav/repo" "journal append (state_dir)" open "*/state/journal/w.jsonl" after
server_point "repository journal" '^PUT /repo/journal/w\.jsonl\.tmp-'
server_point "journal head" '^MOVE /repo/journal/w\.head\.tmp-'

echo "$points/$points kill points: $partial committed partial snapshots"
[ "$partial" = 0 ] || fail "$partial committed snapshots do not verify after a kill"
