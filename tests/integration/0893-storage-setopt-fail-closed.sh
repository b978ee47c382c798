#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A libcurl that cannot apply a security option must not connect.  An
# LD_PRELOAD shim (tests/helpers/setopt-refuse.c, compiled here) makes
# curl_easy_setopt() answer CURLE_UNKNOWN_OPTION for chosen options, as a
# libcurl built with libssh does for CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256:
#
# - an SFTP backup pinned with host_key_sha256 fails with exit 2 and a
#   message naming the pin, and sshd sees no connection at all (without
#   the shim the same backup works); likewise a listing with known_hosts
#   whose CURLOPT_SSH_KNOWNHOSTS is refused;
# - a WebDAV listing whose CURLOPT_SSL_VERIFYPEER is refused fails with
#   exit 2 before any request reaches the server.

. "$(dirname "$0")/lib.sh"
need python3 zstd pkg-config
CC=${CC_FOR_TESTS:-cc}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler ($CC) for the LD_PRELOAD shim"
. "$(dirname "$0")/sshd.sh"

SHIM=$T/setopt-refuse.so
# shellcheck disable=SC2046
"$CC" -shared -fPIC -o "$SHIM" "$SRCDIR/tests/helpers/setopt-refuse.c" \
	$(pkg-config --cflags libcurl) -ldl 2>"$T/cc.err" ||
	{ cat "$T/cc.err" >&2; fail "cannot build the setopt shim"; }
# A sanitizer build wants its runtime first; the shim comes before it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# with_shim OPTIONS CMD...: run CMD with the shim refusing OPTIONS.
with_shim() {
	local opts=$1
	shift
	env LD_PRELOAD="$SHIM" SETOPT_REFUSE="$opts" SETOPT_REFUSE_LOG="$T/shim.log" "$@"
}

# --- SFTP: the host key pin cannot be set ----------------------------------
sshd_setup "LogLevel VERBOSE" "Subsystem sftp internal-sftp"
sshd_start
d=$T/src/data
mkdir -p "$d"
head -c 200000 /dev/urandom >"$d/random.bin"
mk_profile pin "$d"
sed -i '/^repository = /d' "$T/pin.conf"
cat >>"$T/pin.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$SPORT$S/data/repo";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
	timeout = "10s";
	retries = 2;
};
CONF

expect_exit 0 "$RST" backup "$T/pin.conf"
grep -q "Accepted publickey" "$S/sshd.log" || fail "the genuine backup never logged in (sshd log)"
conns=$(grep -c "Connection from" "$S/sshd.log")
snaps=$(find "$S/data/repo/snapshots/pin" -name manifest.json.sig | wc -l)

: >"$T/shim.log"
expect_exit 2 with_shim CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256 "$RST" backup "$T/pin.conf"
expect_stderr "cannot enforce host_key_sha256.*no connection is made"
grep -q "refused" "$T/shim.log" || fail "the shim refused nothing (the test proved nothing)"
sleep 0.5
after=$(grep -c "Connection from" "$S/sshd.log")
[ "$after" = "$conns" ] || fail "sshd saw $((after - conns)) connection(s) although the pin could not be set"
[ "$(find "$S/data/repo/snapshots/pin" -name manifest.json.sig | wc -l)" = "$snaps" ] ||
	fail "a snapshot was committed without the host key pin"
expect_exit 2 with_shim CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256 "$RST" verify "$T/pin.conf" latest
expect_stderr "host_key_sha256"
echo "SFTP with the SHA-256 pin refused by libcurl: exit 2, no connection to sshd"

# The same with known_hosts, whose option is refused.
echo "[127.0.0.1]:$SPORT $(cut -d' ' -f1,2 "$S/host_ed25519.pub")" >"$T/known_hosts"
sed 's|host_key_sha256 = .*|known_hosts = "'"$T"'/known_hosts";|' "$T/pin.conf" >"$T/kh.conf"
grep -q known_hosts "$T/kh.conf" || fail "kh.conf has no known_hosts"
expect_exit 0 "$RST" list "$T/kh.conf"
conns=$(grep -c "Connection from" "$S/sshd.log")
expect_exit 2 with_shim CURLOPT_SSH_KNOWNHOSTS "$RST" list "$T/kh.conf"
expect_stderr "refuses CURLOPT_SSH_KNOWNHOSTS"
sleep 0.5
[ "$(grep -c "Connection from" "$S/sshd.log")" = "$conns" ] ||
	fail "sshd saw a connection although known_hosts could not be set"
echo "SFTP with known_hosts refused by libcurl: exit 2, no connection to sshd"

# --- WebDAV: certificate verification cannot be set ------------------------
mkdir -p "$T/dav/repo"
. "$(dirname "$0")/hostile.sh"
hs_start
DPORT=$HS_PORT
mk_profile wd "$d"
sed -i '/^repository = /d' "$T/wd.conf"
printf 'repository = { url = "webdav+http://127.0.0.1:%s/repo"; retries = 2; };\n' "$DPORT" >>"$T/wd.conf"
expect_exit 0 "$RST" list "$T/wd.conf"
[ -s "$HS_LOG" ] || fail "the genuine listing reached no server"
: >"$HS_LOG"
expect_exit 2 with_shim CURLOPT_SSL_VERIFYPEER "$RST" list "$T/wd.conf"
expect_stderr "refuses CURLOPT_SSL_VERIFYPEER"
[ ! -s "$HS_LOG" ] || fail "requests reached the server: $(cat "$HS_LOG")"
echo "WebDAV with certificate checks refused by libcurl: exit 2, no request"
