#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A connection dropped in the middle of an upload is retried: a loopback
# TCP proxy in front of an SFTP server (OpenSSH sshd) cuts the first
# connection that has carried more than 300 kB from the client, the object
# is uploaded again from its spool file, and the snapshot commits and
# verifies (also --deep through the same proxy).

. "$(dirname "$0")/lib.sh"
need python3 zstd ssh-keygen
SSHD=/usr/sbin/sshd
[ -x "$SSHD" ] || skip "sshd is not installed (openssh-server)"

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_port() {
	local i
	for i in $(seq 1 400); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

S=$T/ssh
mkdir -p "$S/data"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_ed25519" || fail "host key"
ssh-keygen -q -t ed25519 -N '' -f "$T/client_ed25519" || fail "client key"
cp "$T/client_ed25519.pub" "$S/authorized_keys"
PORT=$(free_port)
PPORT=$(free_port)
ME=$(id -un)
cat >"$S/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
AllowUsers $ME
Subsystem sftp internal-sftp
CONF
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
"$SSHD" -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
SSHD_PID=$!

# The proxy: forwards 127.0.0.1:PPORT to PORT; the first connection that
# sends more than LIMIT bytes upstream is closed on both sides right there.
cat >"$T/proxy.py" <<'PY'
import socket, sys, threading
listen, target, limit, log = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
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
at_exit 'kill "$SSHD_PID" "$PROXY_PID" 2>/dev/null; wait "$SSHD_PID" "$PROXY_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$S/sshd.log" >&2; fail "sshd did not start"; }
wait_port "$PPORT" || { cat "$T/proxy.err" >&2; fail "proxy did not start"; }
FP=$(ssh-keygen -lf "$S/host_ed25519.pub" | cut -d' ' -f2)

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
