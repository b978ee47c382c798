#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A connection dropped in the middle of an upload is retried: a loopback
# TCP proxy in front of an SFTP server (OpenSSH sshd) cuts the first
# connection that has carried more than 300 kB from the client, the object
# is uploaded again from its spool file, and the snapshot commits and
# verifies (also --deep through the same proxy).
# A server that accepts connections and never answers: the repository's
# timeout (2 s here) ends the wait, exit 3, nothing retried forever.
#
# SIGINT stops a restore in the middle of a slow download at once (not
# after its last byte) with exit 70, and the interrupted restore is still
# journaled.
#
# Then the same while the object is still being produced (SFTP uploads
# follow the writes): tests/helpers/stream-put writes 3 MiB in three pieces
# a second apart.  A cut during the first piece is retried from the first
# byte and the object lands whole, with no temp object left; a writer given
# up mid-upload leaves nothing; with retries = 0 the cut fails the writer
# at its next write, before the input ends, with exit 3.

. "$(dirname "$0")/lib.sh"
need python3 zstd ssh-keygen
. "$(dirname "$0")/sshd.sh"
sshd_setup "Subsystem sftp internal-sftp"
sshd_start
PORT=$SPORT
PPORT=$(free_port)

# The proxy: forwards 127.0.0.1:PPORT to PORT; the first connection that
# sends more than LIMIT bytes upstream is closed on both sides right there.
# An optional RATE (bytes per second) slows what the server sends.
cat >"$T/proxy.py" <<'PY'
import socket, sys, threading, time
listen, target, limit, log = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rate = int(sys.argv[5]) if len(sys.argv) > 5 else 0
state = {"cut": False}
lock = threading.Lock()

def note(msg):
    with open(log, "a") as f:
        f.write(msg + "\n")

def pipe(src, dst, count):
    sent = 0
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            sent += len(data)
            if count:
                with lock:
                    if not state["cut"] and sent > limit:
                        state["cut"] = True
                        note("cut after %d bytes" % sent)
                        src.shutdown(socket.SHUT_RDWR)
                        dst.shutdown(socket.SHUT_RDWR)
                        return
            dst.sendall(data)
            if rate and not count:
                time.sleep(len(data) / rate)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", listen))
srv.listen(64)
while True:
    c, _ = srv.accept()
    u = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pipe, args=(c, u, True), daemon=True).start()
    threading.Thread(target=pipe, args=(u, c, False), daemon=True).start()
PY
# The interpreter itself, not lib.sh's python3 function: a function sent to
# the background is a subshell, and $! would not be the proxy's PID.
"${PYTHON:-python3}" "$T/proxy.py" "$PPORT" "$PORT" 300000 "$T/proxy.log" 2>"$T/proxy.err" &
PROXY_PID=$!
at_exit 'kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null'
wait_port "$PPORT" || { cat "$T/proxy.err" >&2; fail "proxy did not start"; }

# start_proxy NAME [LIMIT [RATE]]: another proxy of the same kind (it cuts
# its own first connection after LIMIT bytes, 300 kB by default), logging
# to $T/NAME.log; its port in PROXY_PORT.
start_proxy() {
	local pid
	PROXY_PORT=$(free_port)
	"${PYTHON:-python3}" "$T/proxy.py" "$PROXY_PORT" "$PORT" "${2:-300000}" "$T/$1.log" ${3:+"$3"} 2>"$T/$1.err" &
	pid=$!
	at_exit "kill $pid 2>/dev/null; wait $pid 2>/dev/null"
	wait_port "$PROXY_PORT" || { cat "$T/$1.err" >&2; fail "proxy $1 did not start"; }
}

d=$T/src/data
mkdir -p "$d"
head -c 3000000 /dev/urandom >"$d/big.bin"
echo small >"$d/small.txt"
mk_profile px "$d"
sed -i '/^repository = /d' "$T/px.conf"
cat >>"$T/px.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$PPORT$S/data/repo";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
	timeout = "20s";
	retries = 3;
};
CONF

expect_exit 0 "$RST" -v backup "$T/px.conf"
grep -q '^cut after' "$T/proxy.log" 2>/dev/null ||
	fail "the proxy never cut a connection (the test proved nothing)"
expect_exit 0 "$RST" verify --deep "$T/px.conf"
[ "$(snap_count "$T/px.conf")" = 1 ] || fail "list does not show the snapshot"
expect_exit 0 "$RST" restore "$T/px.conf" latest --target "$T/out"
same_tree "$d" "$T/out$d"
echo "an upload cut mid-way was retried and the snapshot verifies"

# --- A server that never answers --------------------------------------------
cat >"$T/silent.py" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
held = []
while True:
    held.append(s.accept()[0])	# accepted, never answered
PY
QPORT=$(free_port)
"${PYTHON:-python3}" "$T/silent.py" "$QPORT" 2>"$T/silent.err" &
SILENT_PID=$!
at_exit 'kill "$SILENT_PID" 2>/dev/null; wait "$SILENT_PID" 2>/dev/null'
wait_port "$QPORT" || { cat "$T/silent.err" >&2; fail "the silent server did not start"; }
sed -e "s|@127.0.0.1:$PPORT/|@127.0.0.1:$QPORT/|" -e 's|timeout = "20s";|timeout = "2s";|' \
    -e 's|retries = 3;|retries = 0;|' "$T/px.conf" >"$T/silent.conf"
grep -q 'timeout = "2s"' "$T/silent.conf" || fail "silent.conf has no 2 s timeout"
start=$SECONDS
expect_exit 3 "$RST" list "$T/silent.conf"
[ $((SECONDS - start)) -le 10 ] || fail "a silent server held list for $((SECONDS - start)) s (timeout 2 s)"
expect_stderr "timed out|too slow"
kill "$SILENT_PID" 2>/dev/null

# --- SIGINT in the middle of a download ------------------------------------
# 16 MB through a proxy that sends 2 MB/s: eight seconds of download.
start_proxy slow 1000000000000 2000000
mkdir -p "$T/src/slow"
head -c 16000000 /dev/urandom >"$T/src/slow/big.bin"
mk_profile sl "$T/src/slow"
sed -i -e '/^repository = /d' -e 's/^part_size = .*/part_size = "64M";/' "$T/sl.conf"
cat >>"$T/sl.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$PROXY_PORT$S/data/repo";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
};
CONF
sed "s|:$PROXY_PORT/|:$PORT/|" "$T/sl.conf" >"$T/sl-direct.conf"
expect_exit 0 "$RST" backup "$T/sl-direct.conf"
"$RST" restore "$T/sl.conf" latest --target "$T/slow-out" >"$T/int.out" 2>"$T/int.err" &
RPID=$!
sleep 2
kill -INT "$RPID"
start=$SECONDS
wait "$RPID"
rc=$?
[ "$rc" -eq 70 ] || { cat "$T/int.err" >&2; fail "restore after SIGINT: exit $rc, not 70"; }
[ $((SECONDS - start)) -le 3 ] || fail "restore went on $((SECONDS - start)) s after SIGINT"
grep -q "interrupted by signal 2" "$T/int.err" || { cat "$T/int.err" >&2; fail "no word of the signal"; }
tail -n 1 "$S/data/repo/journal/sl.jsonl" | grep -q '"kind":"restore".*"result":"error".*interrupted by signal 2' ||
	{ tail -n 1 "$S/data/repo/journal/sl.jsonl" >&2; fail "the interrupted restore is not journaled"; }

# --- Objects cut while they are still being produced ----------------------
PUT=$BUILDDIR/tests/helpers/stream-put
[ -x "$PUT" ] || fail "$PUT is not built (make check builds it)"
head -c 3145728 /dev/urandom >"$T/piece.bin"
# slow_source: the 3 MiB in three pieces a second apart; $T/source.done
# only when every piece was taken.
slow_source() {
	rm -f "$T/source.done"
	dd if="$T/piece.bin" bs=1M count=1 status=none || return
	sleep 1
	dd if="$T/piece.bin" bs=1M skip=1 count=1 status=none || return
	sleep 1
	dd if="$T/piece.bin" bs=1M skip=2 count=1 status=none || return
	: >"$T/source.done"
}
# profile_via NAME RETRIES: px.conf through the proxy at PROXY_PORT.
profile_via() {
	sed -e "s|@127.0.0.1:$PPORT/|@127.0.0.1:$PROXY_PORT/|" \
	    -e "s|retries = 3;|retries = $2;|" "$T/px.conf" >"$T/$1.conf"
	grep -q ":$PROXY_PORT/" "$T/$1.conf" || fail "$1.conf does not use the proxy"
}

start_proxy cut1
profile_via st1 3
slow_source | "$PUT" "$T/st1.conf" streamed/obj >"$T/put.out" 2>"$T/put.err" ||
	{ cat "$T/put.err" >&2; fail "a streamed object cut mid-way was not uploaded"; }
grep -qx streamed "$T/put.out" || fail "the SFTP upload did not follow the writes"
grep -q '^cut after' "$T/cut1.log" || fail "the proxy never cut the streamed upload"
grep -q 'retrying' "$T/put.err" || { cat "$T/put.err" >&2; fail "the cut upload was not retried"; }
[ -e "$T/source.done" ] || fail "the source was not read to its end"
cmp "$T/piece.bin" "$S/data/repo/streamed/obj" || fail "the streamed object is not what was written"
[ -z "$(find "$S/data/repo/streamed" -name '*.tmp-*')" ] ||
	fail "the cut upload left its temp object: $(ls "$S/data/repo/streamed")"

# Given up while its upload runs: nothing of it stays on the server.
slow_source | "$PUT" "$T/px.conf" given-up/obj --abort >"$T/put.out" 2>"$T/put.err" ||
	{ cat "$T/put.err" >&2; fail "giving a streamed writer up failed"; }
grep -qx streamed "$T/put.out" || fail "the SFTP upload did not follow the writes"
[ -z "$(find "$S/data/repo/given-up" -type f 2>/dev/null)" ] ||
	fail "a given-up upload left objects: $(find "$S/data/repo/given-up" -type f)"

# No retries: the cut fails the writer at its next write, exit 3, before
# the source is done.
start_proxy cut2
profile_via st2 0
slow_source | "$PUT" "$T/st2.conf" failed/obj >"$T/put.out" 2>"$T/put.err"
rc=${PIPESTATUS[1]}
[ "$rc" -eq 3 ] || { cat "$T/put.err" >&2; fail "a failed streamed upload: exit $rc, not 3"; }
grep -q '^cut after' "$T/cut2.log" || fail "the proxy never cut the upload"
grep -q "put failed/obj" "$T/put.err" || { cat "$T/put.err" >&2; fail "the error does not name the object"; }
[ ! -e "$T/source.done" ] || fail "the writer went on to the end of its input after the upload failed"
[ ! -e "$S/data/repo/failed/obj" ] || fail "a failed upload is visible"
echo "streamed uploads: cut and retried whole, given up cleanly, failed fast"
