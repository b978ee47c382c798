#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# WebDAV servers that answer a MOVE whose destination collection is missing
# with 404 (as many do) or 409 (RFC 4918): the client makes the collections
# with MKCOL from the base collection down (the existing ones answer 405)
# and tries the MOVE once more.  Against tests/helpers/hostile-server.py
# with --fail-move 404 and then 409 (the first MOVE of a backup is refused
# so, the later ones work):
#
# - the backup exits 0 and commits one snapshot that verify --deep passes;
# - the server saw, after the refused MOVE, one MKCOL for the base
#   collection and for every collection above the object (counted at the
#   server: exactly that many more MKCOLs than the same backup without the
#   fault), then the same MOVE again;
# - a server refusing with another status (403) is not retried: exit 3.

. "$(dirname "$0")/lib.sh"
need python3 zstd
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d/sub"
echo hello >"$d/a.txt"
head -c 300000 /dev/urandom >"$d/sub/random.bin"

hs_start
mk_profile mv "$d"
sed -i '/^repository = /d' "$T/mv.conf"
cat >>"$T/mv.conf" <<CONF
repository = { url = "webdav+http://127.0.0.1:$HS_PORT/repo"; timeout = "10s"; retries = 0; };
CONF
# port_to: point the profile at the running server.
port_to() {
	sed -i "s|127\.0\.0\.1:[0-9]*/repo|127.0.0.1:$HS_PORT/repo|" "$T/mv.conf"
}
# The first backup makes the collections; the second measures a backup
# whose collections exist but its snapshot folder.
expect_exit 0 "$RST" backup "$T/mv.conf"
hs_start
port_to
expect_exit 0 "$RST" backup "$T/mv.conf"
base_mkcols=$(hs_count 'd["requests"].get("MKCOL", 0)')
[ "$(snap_count "$T/mv.conf")" = 2 ] || fail "the fault-free backups did not commit 2 snapshots"

n=2
for status in 404 409; do
	sleep 1
	hs_start --fail-move "$status"
	port_to
	expect_exit 0 "$RST" backup "$T/mv.conf"
	n=$((n + 1))
	[ "$(hs_count 'd["moves_failed"]')" = 1 ] || fail "the server refused no MOVE (the test proved nothing)"
	# The refused MOVE, its folder and what followed it in the log.
	first=$(grep -n '^MOVE ' "$HS_LOG" | head -n 1)
	line=${first%%:*}
	src=${first#*:MOVE }
	dir=${src%/*}
	note "$status to MOVE $src"
	# Every collection from /repo/ down to the object's folder, made again.
	want=()
	p=/repo
	want+=("$p/")
	rest=${dir#/repo/}
	IFS=/ read -r -a segs <<<"$rest"
	for s in "${segs[@]}"; do
		p=$p/$s
		want+=("$p/")
	done
	tail -n +"$((line + 1))" "$HS_LOG" >"$T/after.log"
	for c in "${want[@]}"; do
		grep -qxF "MKCOL $c" "$T/after.log" ||
			{ cat "$HS_LOG" >&2; fail "$status: no MKCOL $c after the refused MOVE"; }
	done
	grep -qxF "MOVE $src" "$T/after.log" || fail "$status: the MOVE of $src was not tried again"
	mkcols=$(hs_count 'd["requests"].get("MKCOL", 0)')
	[ "$mkcols" = $((base_mkcols + ${#want[@]})) ] ||
		fail "$status: $mkcols MKCOLs, want $base_mkcols + ${#want[@]} (base and parents once)"
	[ "$(snap_count "$T/mv.conf")" = "$n" ] || fail "$status: the snapshot is not listed"
	expect_exit 0 "$RST" verify --deep "$T/mv.conf" latest
	echo "MOVE answered $status once: backup exit 0 after ${#want[@]} MKCOLs (base down), MOVE retried"
done

# Another refusal is final: exit 3, nothing committed, no MKCOL storm.
sleep 1
hs_start --fail-move 403
port_to
expect_exit 3 "$RST" backup "$T/mv.conf"
expect_stderr "move.*403"
src=$(grep '^MOVE ' "$HS_LOG" | head -n 1)
[ "$(grep -cxF "$src" "$HS_LOG")" = 1 ] || { cat "$HS_LOG" >&2; fail "a MOVE refused with 403 was retried"; }
[ "$(snap_count "$T/mv.conf")" = "$n" ] || fail "a snapshot was committed after a refused MOVE"
