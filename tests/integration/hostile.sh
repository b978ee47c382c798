# SPDX-License-Identifier: ISC
#
# The hostile repository server (tests/helpers/hostile-server.py) for the
# storage tests, sourced after lib.sh (not a test of its own: run.sh runs
# only [0-9]*.sh):
#
#   hs_start [OPTION...]  start it over $T/dav (HS_ROOT to change) on a
#                         fresh port ($HS_PORT, PID in $HS_PID) with the
#                         server's OPTIONs; its counts go to $HS_COUNT
#                         ($T/hs-count.json) and its request log to
#                         $HS_LOG ($T/hs.log), both emptied first; a
#                         running one is stopped first
#   hs_stop               stop it (also done when the test ends)
#   hs_count EXPR         a python EXPR over the count document d, e.g.
#                         'd["requests"].get("MKCOL", 0)'
#   hs_parts_fetched      the numbers of the stream parts (plain or age)
#                         downloaded since the server started, one a line,
#                         in order (leading zeros dropped)
#   hs_restart [OPTION...] hs_start, then every $T/*.conf that points at
#                         127.0.0.1:PORT/repo points at the new $HS_PORT
#   hs_profile NAME REPO DATA...
#                         mk_profile NAME DATA... with its repository on
#                         this server: webdav+http://127.0.0.1:$HS_PORT/repo,
#                         REPO appended inside the repository group (e.g.
#                         'timeout = "10s"; retries = 0;'; may be empty)
#   hs_backup NAME        a backup of $T/NAME.conf (exit 0) through a
#                         fresh server over $T/dav/repo: $snap its folder
#                         there, $id its id
#   hs_restore_some CONF ID TARGET PATTERN...
#                         restore PATTERN... of snapshot ID of CONF into
#                         TARGET (exit 0) through a fresh server; the parts
#                         it fetched in $T/fetched (hs_parts_fetched), none
#                         twice

need python3
HS=$SRCDIR/tests/helpers/hostile-server.py
[ -f "$HS" ] || fail "$HS is missing"
HS_COUNT=$T/hs-count.json
HS_LOG=$T/hs.log
HS_PID=""
HS_PORT=""

hs_stop() {
	local i
	[ -n "$HS_PID" ] || return 0
	kill "$HS_PID" 2>/dev/null
	wait "$HS_PID" 2>/dev/null
	for i in $(seq 1 200); do
		kill -0 "$HS_PID" 2>/dev/null || break
		sleep 0.05
	done
	HS_PID=""
}
at_exit hs_stop

hs_start() {
	local i
	hs_stop
	mkdir -p "${HS_ROOT:-$T/dav}"
	rm -f "$T/hs.port" "$HS_COUNT"
	: >"$HS_LOG"
	"${PYTHON:-python3}" -E "$HS" --root "${HS_ROOT:-$T/dav}" --port 0 \
		--portfile "$T/hs.port" --count-file "$HS_COUNT" --log "$HS_LOG" \
		"$@" 2>>"$T/hs.err" &
	HS_PID=$!
	for i in $(seq 1 200); do
		[ -s "$T/hs.port" ] && break
		kill -0 "$HS_PID" 2>/dev/null || break
		sleep 0.05
	done
	HS_PORT=$(cat "$T/hs.port" 2>/dev/null)
	[ -n "$HS_PORT" ] && wait_port "$HS_PORT" ||
		{ cat "$T/hs.err" >&2; fail "hostile-server.py did not start"; }
}

hs_count() {
	json_get "$HS_COUNT" "$1"
}

hs_restart() {
	hs_start "$@"
	sed -i "s|127\\.0\\.0\\.1:[0-9]*/repo|127.0.0.1:$HS_PORT/repo|" "$T"/*.conf
}

hs_profile() {
	local name=$1 repo=$2
	shift 2
	mk_profile "$name" "$@"
	sed -i '/^repository = /d' "$T/$name.conf"
	printf 'repository = { url = "webdav+http://127.0.0.1:%s/repo"; %s };\n' \
		"${HS_PORT:-0}" "$repo" >>"$T/$name.conf"
}

hs_parts_fetched() {
	json_get "$HS_COUNT" '"\n".join(str(int(p.rsplit(".", 1)[1])) for p in d["get_paths"] if __import__("re").search(r"/stream\.pax\.zst(\.age)?\.[0-9]+$", p))'
}

hs_restore_some() {
	local conf=$1 id=$2 tgt=$3
	shift 3
	hs_restart
	expect_exit 0 "$RST" restore "$conf" "$id" --target "$tgt" "$@"
	hs_stop
	hs_parts_fetched >"$T/fetched"
	note "restore $*: parts $(tr '\n' ' ' <"$T/fetched")"
	[ -z "$(sort "$T/fetched" | uniq -d)" ] || fail "restore $*: a part was fetched twice"
}

hs_backup() {
	mkdir -p "$T/dav/repo"
	hs_restart
	expect_exit 0 "$RST" backup "$T/$1.conf"
	hs_stop
	snap=$(snapdir "$1" "$T/dav/repo")
	[ -n "$snap" ] || fail "no snapshot folder of $1 on the server"
	id=$(basename "$snap")
}
