#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 14 of the attack review: the SMTP "is this loopback" test was a
# substring match ("://127.", "://localhost"), so smtp://localhost.example.net
# got optional STARTTLS; and no curl_easy_setopt() result was checked, so a
# libcurl built with libssh, which does not know
# CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, silently dropped the host key pin.
#
# - SFTP pinned with host_key_sha256, under an LD_PRELOAD shim
#   (tests/helpers/setopt-refuse.c) that answers CURLE_UNKNOWN_OPTION for
#   that option as such a libcurl does: backup exits 2 naming the pin, and
#   sshd sees no connection (without the shim the backup works).
# - In a private mount namespace (root) /etc/hosts maps
#   localhost.example.net and 127.example.net to 127.0.0.1, where an SMTP
#   server without STARTTLS (tests/helpers/smtp-sink.py) listens: a run that
#   mails its success to either name sends no mail and says STARTTLS is
#   required; smtp://127.0.0.1 to the same server gets its mail.

. "$(dirname "$0")/lib.sh"
need python3 zstd pkg-config
CC=${CC_FOR_TESTS:-cc}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler ($CC) for the LD_PRELOAD shim"
. "$(dirname "$0")/sshd.sh"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"

# --- the host key pin that libcurl cannot apply ---------------------------------
SHIM=$T/setopt-refuse.so
# shellcheck disable=SC2046
"$CC" -shared -fPIC -o "$SHIM" "$SRCDIR/tests/helpers/setopt-refuse.c" \
	$(pkg-config --cflags libcurl) -ldl 2>"$T/cc.err" ||
	{ cat "$T/cc.err" >&2; fail "cannot build the setopt shim"; }
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
sshd_setup "LogLevel VERBOSE" "Subsystem sftp internal-sftp"
sshd_start
mk_profile pin "$d"
sed -i '/^repository = /d' "$T/pin.conf"
cat >>"$T/pin.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$SPORT$S/data/repo";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
	timeout = "10s";
	retries = 0;
};
CONF
expect_exit 0 "$RST" backup "$T/pin.conf"
conns=$(grep -c "Connection from" "$S/sshd.log")
: >"$T/shim.log"
expect_exit 2 env LD_PRELOAD="$SHIM" SETOPT_REFUSE=CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256 \
	SETOPT_REFUSE_LOG="$T/shim.log" "$RST" backup "$T/pin.conf"
expect_stderr "cannot enforce host_key_sha256.*no connection is made"
grep -q refused "$T/shim.log" || fail "the shim refused nothing (the test proved nothing)"
sleep 0.5
[ "$(grep -c "Connection from" "$S/sshd.log")" = "$conns" ] ||
	fail "sshd saw a connection although the host key pin could not be set"
echo "host_key_sha256 unknown to libcurl: backup exit 2, no connection"

# --- SMTP to names that only look like loopback -------------------------------------
fake_hosts localhost.example.net 127.example.net
smtp_sink "$T/mails"
MPORT=$SMTP_SINK_PORT
mails() {
	find "$T/mails" -name '*.eml' | wc -l
}
# mail_run NAME HOST: a due backup that mails its success to HOST.
mail_run() {
	mk_profile "$1" "$d"
	cat >>"$T/$1.conf" <<CONF
schedule = { backup = "1d"; };
notify = { on = [ "success" ];
  smtp = { url = "smtp://$2:$MPORT"; from = "backup@example.org"; to = [ "admin@example.org" ]; };
};
CONF
	expect_exit 0 in_ns "$RST" run "$T/$1.conf"
	sleep 0.3
}
for host in localhost.example.net 127.example.net; do
	mail_run "look-${host%%.*}" "$host"
	[ "$(mails)" = 0 ] || fail "a mail went to $host without STARTTLS"
	expect_stderr "smtp .*$host.*STARTTLS"
	echo "smtp://$host (not loopback): STARTTLS required, no mail sent"
done
mail_run loop 127.0.0.1
[ "$(mails)" = 1 ] || { show_last >&2; fail "no mail over smtp://127.0.0.1 (the sink does not work)"; }
