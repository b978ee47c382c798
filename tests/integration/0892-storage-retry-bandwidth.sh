#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Retries and bandwidth, against tests/helpers/hostile-server.py (WebDAV on
# loopback):
#
# - a server that is down when the backup starts and back a few seconds
#   later is waited for (retries = 30, retry_max_wait = "30s"): exit 0,
#   the retries and their waits are logged;
# - a server that stays down fails once retry_max_wait ("2s") is spent,
#   long before the 30 retries, with exit 3 and the attempts counted;
# - bandwidth_limit = "256K" holds a 1 MiB upload and its download to about
#   256 KiB/s each (at least 3.5 s each, where the unlimited run is fast).

. "$(dirname "$0")/lib.sh"
need python3 zstd

. "$(dirname "$0")/hostile.sh"
mkdir -p "$T/dav/repo"
PORT=$(free_port)
DAV_PID=""
dav_stop() {
	[ -n "$DAV_PID" ] || return 0
	kill "$DAV_PID" 2>/dev/null
	wait "$DAV_PID" 2>/dev/null
	DAV_PID=""
}
at_exit dav_stop
# dav_start [DELAY]: start the server on $PORT, after DELAY seconds.
dav_start() {
	dav_stop
	( sleep "${1:-0}"; exec "${PYTHON:-python3}" -E "$HS" --root "$T/dav" --port "$PORT" \
		--log "$T/dav.log" ) 2>"$T/dav.err" &
	DAV_PID=$!
}
now() {
	date +%s.%N
}
elapsed() {	# START: seconds since START, one decimal
	python3 -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$(now)"
}
ge() {		# A B: A >= B (decimals)
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$1" "$2"
}

dav_start
wait_port "$PORT" || { cat "$T/dav.err" >&2; fail "hostile-server.py did not start"; }

d=$T/src/data
mkdir -p "$d"
head -c 1048576 /dev/urandom >"$d/random.bin"
# profile NAME EXTRA: a WebDAV profile with the EXTRA repository keys.
profile() {
	mk_profile "$1" "$d"
	sed -i -e '/^repository = /d' -e 's/^part_size = .*/part_size = "64M";/' "$T/$1.conf"
	cat >>"$T/$1.conf" <<CONF
repository = {
	url = "webdav+http://127.0.0.1:$PORT/repo";
	timeout = "10s";
	$2
};
compression = { level = 1; };
CONF
	expect_exit 0 "$RST" check-config "$T/$1.conf"
}

# check-config validates the keys.
mk_profile bad "$d"
sed -i '/^repository = /d' "$T/bad.conf"
printf 'repository = { url = "webdav+http://127.0.0.1:%s/repo"; retry_max_wait = "soon";\n bandwidth_limit = "10"; };\n' "$PORT" >>"$T/bad.conf"
expect_exit 2 "$RST" check-config "$T/bad.conf"
expect_stderr "bad\.conf:[0-9]+: repository\.retry_max_wait: invalid duration \"soon\""
expect_stderr "bad\.conf:[0-9]+: repository\.bandwidth_limit: must be at least 1K"

# --- Bandwidth --------------------------------------------------------------
profile fast "retries = 0;"
t0=$(now)
expect_exit 0 "$RST" backup "$T/fast.conf"
fast_up=$(elapsed "$t0")
t0=$(now)
expect_exit 0 "$RST" restore "$T/fast.conf" latest --target "$T/out-fast"
fast_down=$(elapsed "$t0")
cmp "$d/random.bin" "$T/out-fast$d/random.bin" || fail "unlimited restore differs"

profile slow "retries = 0; bandwidth_limit = \"256K\";"
t0=$(now)
expect_exit 0 "$RST" backup "$T/slow.conf"
slow_up=$(elapsed "$t0")
# The download: fast's snapshot through the same profile with the limit.
sed 's/retries = 0;/retries = 0; bandwidth_limit = "256K";/' "$T/fast.conf" >"$T/fast-limited.conf"
grep -q 'bandwidth_limit = "256K"' "$T/fast-limited.conf" || fail "fast-limited.conf has no limit"
t0=$(now)
expect_exit 0 "$RST" restore "$T/fast-limited.conf" latest --target "$T/out-slow"
slow_down=$(elapsed "$t0")
cmp "$d/random.bin" "$T/out-slow$d/random.bin" || fail "limited restore differs"
echo "1 MiB: unlimited backup ${fast_up} s, restore ${fast_down} s; at 256K backup ${slow_up} s, restore ${slow_down} s"
ge "$slow_up" 3.5 || fail "backup at bandwidth_limit 256K took only $slow_up s"
ge "$slow_down" 3.5 || fail "restore at bandwidth_limit 256K took only $slow_down s"
ge 2.5 "$fast_up" || fail "the unlimited backup took $fast_up s: the comparison proves nothing"

# --- A server down for a few seconds ----------------------------------------
profile nas "retries = 30; retry_max_wait = \"30s\";"
expect_exit 0 "$RST" backup "$T/nas.conf"
dav_stop
dav_start 4
t0=$(now)
expect_exit 0 "$RST" backup "$T/nas.conf"
took=$(elapsed "$t0")
nretries=$(grep -c 'retrying in' "$ERR")
expect_stderr "\\(attempt 1/31\\); retrying in [0-9.]+ s"
expect_stderr "connect|refused"
ge "$took" 3.5 || fail "the backup did not wait for the server ($took s)"
[ "$(snap_count "$T/nas.conf")" = 2 ] || fail "the second snapshot is not listed"
expect_exit 0 "$RST" verify "$T/nas.conf" latest
echo "server down 4 s: backup waited $took s, $nretries retries logged"

# --- A server that stays down: retry_max_wait ends the wait -----------------
dav_stop
profile gone "retries = 30; retry_max_wait = \"2s\";"
t0=$(now)
expect_exit 3 "$RST" backup "$T/gone.conf"
took=$(elapsed "$t0")
expect_stderr "attempt [0-9]+/31, 2 s waited"
ge 10 "$took" || fail "retry_max_wait 2s, yet the backup tried for $took s"
echo "server gone: exit 3 after $took s (retry_max_wait 2s)"
