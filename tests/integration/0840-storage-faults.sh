#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Storage failure paths against real servers on loopback:
#   SFTP (OpenSSH): a wrong host key pin, a known_hosts without the key and
#     a refused client key are exit 3 with a clear message and no retry
#     loop (sshd logs one connection for the backup, one for its journal
#     record); the server killed mid-upload (after the first parts landed) is
#     exit 3, nothing new is listed after it restarts, the next backup works.
#   WebDAV (nginx, HTTPS): an untrusted certificate (no ca_file) and a wrong
#     password are exit 3 at once (nginx logs one failed handshake, one 401,
#     for the backup and one for its journal record); the password never appears in stderr,
#     in --json output or in the process's command line.
#   Each refusal carries its reason code in --json: host_key_mismatch,
#   auth_failed (SFTP key, HTTP 401), tls_untrusted.

. "$(dirname "$0")/lib.sh"
need python3 zstd ssh-keygen openssl
. "$(dirname "$0")/sshd.sh"
. "$(dirname "$0")/davd.sh"

# --- SFTP server -----------------------------------------------------------
sshd_setup "Subsystem sftp internal-sftp" "LogLevel VERBOSE"
ssh-keygen -q -t ed25519 -N '' -f "$T/other_ed25519" || fail "other key"
sshd_start
# conns: the connections sshd has logged so far (retries would add more).
conns() {
	grep -c "Connection from" "$S/sshd.log"
}
# no_retry_conns BEFORE WHAT: exactly two connections since BEFORE: one for the
# backup's first request, one for its journal record (a retry, with
# retries = 2, would make three of each).
no_retry_conns() {
	local n
	sleep 0.3
	n=$(( $(conns) - $1 ))
	[ "$n" = 2 ] || fail "$2: sshd saw $n connections, not 2 (retried?)"
}
BADFP=$(ssh-keygen -lf "$T/other_ed25519.pub" | cut -d' ' -f2)

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"

sftp_profile() {	# NAME KEYFILE EXTRA
	mk_profile "$1" "$d"
	sed -i '/^repository = /d' "$T/$1.conf"
	cat >>"$T/$1.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$SPORT$S/data/repo";
	ssh_key = "$2";
	timeout = "10s";
	retries = 2;
	$3
};
CONF
}

# reason_is CODE: the last --json output's reason code is CODE.
reason_is() {
	[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["reason"]["code"])' "$OUT")" = "$1" ] ||
		{ cat "$OUT"; fail "reason is not $1"; }
}

# A wrong host key pin: exit 3, says the key is not trusted, no retries.
sftp_profile hk "$T/client_ed25519" "host_key_sha256 = \"$BADFP\";"
start=$SECONDS
c0=$(conns)
expect_exit 3 "$RST" --json backup "$T/hk.conf"
expect_stderr "not trusted"
reason_is host_key_mismatch
expect_stderr "sftp://127.0.0.1:$SPORT"
no_retry_conns "$c0" "a host key mismatch"
[ $((SECONDS - start)) -lt 5 ] || fail "host key mismatch took $((SECONDS - start))s"
[ -z "$(find "$S/data" -type f)" ] || fail "objects were written despite the wrong host key"

# known_hosts that holds another key for this host: refused too.
echo "[127.0.0.1]:$SPORT $(cut -d' ' -f1,2 "$T/other_ed25519.pub")" >"$T/known_hosts"
sftp_profile kh "$T/client_ed25519" "known_hosts = \"$T/known_hosts\";"
c0=$(conns)
expect_exit 3 "$RST" --json backup "$T/kh.conf"
expect_stderr "not trusted"
reason_is host_key_mismatch
no_retry_conns "$c0" "a host key not in known_hosts"

# A client key the server does not accept: exit 3, no retry loop.
chmod 600 "$T/other_ed25519"
sftp_profile ck "$T/other_ed25519" "host_key_sha256 = \"$FP\";"
start=$SECONDS
c0=$(conns)
expect_exit 3 "$RST" --json backup "$T/ck.conf"
reason_is auth_failed
no_retry_conns "$c0" "a refused login"
[ $((SECONDS - start)) -lt 5 ] || fail "a refused login took $((SECONDS - start))s"

# The server killed mid-upload.
sftp_profile big "$T/client_ed25519" "host_key_sha256 = \"$FP\";"
expect_exit 0 "$RST" backup "$T/big.conf"
[ "$(snap_count "$T/big.conf")" = 1 ] || fail "first backup not listed"
head -c 48000000 /dev/urandom >"$d/big.bin"
"$RST" backup "$T/big.conf" >"$T/big.out" 2>"$T/big.err" &
BPID=$!
for _ in $(seq 1 600); do
	find "$S/data/repo/snapshots/big" -name 'stream.pax.zst.000002' | grep -q . && break
	sleep 0.02
done
find "$S/data/repo/snapshots/big" -name 'stream.pax.zst.000002' | grep -q . ||
	{ wait "$BPID"; fail "no part landed before the kill"; }
kill_tree KILL "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null
wait "$BPID"
rc=$?
[ "$rc" -eq 3 ] || { cat "$T/big.err" >&2; fail "backup with the server killed: exit $rc, not 3"; }
note "killed mid-upload: $(tail -n 3 "$T/big.err")"
grep -q "sftp://127.0.0.1:$SPORT" "$T/big.err" || { cat "$T/big.err" >&2; fail "the message does not name the server"; }
sshd_start
[ "$(snap_count "$T/big.conf")" = 1 ] || fail "an interrupted backup is listed"
expect_exit 0 "$RST" backup "$T/big.conf"
[ "$(snap_count "$T/big.conf")" = 2 ] || fail "the backup after the restart is not listed"
expect_exit 0 "$RST" verify "$T/big.conf" latest
# The killed backup's parts stay until prune finds them over a day old; then
# they go, their folder too, and the committed snapshots stay.
left=""
for s in "$S/data/repo/snapshots/big"/*/; do
	[ -e "$s/manifest.json.sig" ] || left=${s%/}
done
[ -n "$left" ] && [ -n "$(ls -A "$left")" ] || fail "no leftover of the killed backup on the server"
expect_exit 0 "$RST" prune "$T/big.conf" --now "$(date -u -d '+1 day 1 hour' +%Y-%m-%dT%H:%M:%SZ)"
[ ! -e "$left" ] || fail "prune left the killed backup's folder: $(ls -A "$left")"
[ "$(snap_count "$T/big.conf")" = 2 ] || fail "prune removed a committed snapshot"
rm -f "$d/big.bin"

# --- WebDAV server ---------------------------------------------------------
dav_setup
dav_start
WPORT=$DAV_PORT
# handshakes / unauthorized: failed TLS handshakes and 401 answers nginx
# has logged so far (retries would add more).
handshakes() {
	grep -c "while SSL handshaking" "$W/logs/error.log"
}
unauthorized() {
	grep -c '" 401 ' "$W/logs/access.log"
}
# no_retry_logged WHAT BEFORE NOW: two more since BEFORE: the backup's first
# request and its journal record's (a retry, with retries = 3, would make
# four of each).
no_retry_logged() {
	[ $(($3 - $2)) = 2 ] || fail "$1: nginx logged $(($3 - $2)), not 2 (retried?)"
}

secret_file "$T/dav.cred" "backup:$SECRET"
dav_profile() {		# NAME EXTRA
	mk_profile "$1" "$d"
	sed -i '/^repository = /d' "$T/$1.conf"
	cat >>"$T/$1.conf" <<CONF
repository = {
	url = "webdav+https://127.0.0.1:$WPORT/repo";
	credentials_file = "dav.cred";
	timeout = "10s";
	retries = 3;
	$2
};
CONF
}

# fails_at_once CONF STDERR REASON WHAT COUNTER: a backup of CONF exits 3
# within 5 s, stderr matching STDERR, with the reason code REASON; the
# server's count COUNTER (a function) of WHAT shows no retry; the password
# is in no output.
fails_at_once() {
	local start=$SECONDS c0
	c0=$($5)
	expect_exit 3 "$RST" --json backup "$1"
	expect_stderr "$2"
	reason_is "$3"
	sleep 0.3
	no_retry_logged "$4" "$c0" "$($5)"
	[ $((SECONDS - start)) -lt 5 ] || fail "$4: took $((SECONDS - start))s"
	grep -q -- "$SECRET" "$ERR" "$OUT" && fail "the password appears in the output"
}

# The server's certificate is not trusted without ca_file: exit 3 at once.
dav_profile tls ""
fails_at_once "$T/tls.conf" "not trusted|certificate" tls_untrusted \
	"failed handshakes for an untrusted certificate" handshakes

# With the certificate as ca_file it works; the password stays out of
# stderr, --json output and the command line while it runs.
dav_profile ok "ca_file = \"$W/ca.crt\";"
head -c 20000000 /dev/urandom >"$d/mid.bin"
"$RST" --json backup "$T/ok.conf" >"$T/ok.out" 2>"$T/ok.err" &
BPID=$!
sleep 0.3
cat "/proc/$BPID/cmdline" 2>/dev/null | tr '\0' ' ' >"$T/cmdline"
wait "$BPID" || { cat "$T/ok.err" >&2; fail "backup to WebDAV failed"; }
grep -q -- "$SECRET" "$T/cmdline" "$T/ok.out" "$T/ok.err" && fail "the password leaked"
rm -f "$d/mid.bin"

# A wrong password: exit 3 immediately (no retry loop), the secret unshown.
printf 'backup:wrong-%s\n' "$SECRET" >"$T/dav.cred"
fails_at_once "$T/ok.conf" "401" auth_failed "401 answers to a wrong password" unauthorized
exit 0
