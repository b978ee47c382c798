#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Plain HTTP only to loopback.  In a private mount namespace /etc/hosts maps
# dav.example.test, hooks.example.test and localhost.example.net to
# 127.0.0.1, so names that are not loopback by their text reach loopback
# servers this test starts (tests/helpers/hostile-server.py, an SMTP sink):
#
# - webdav+http:// to such a host: check-config and list exit 2 and no
#   request is sent; with allow_insecure_http = true it works and every run
#   warns; report --repository with such a URL exits 2;
# - a webhook over http:// to such a host: check-config exits 2 unless
#   notify.allow_insecure_http = true;
# - SMTP to smtp://localhost.example.net (not loopback, whatever its text
#   starts with) requires STARTTLS: a server without it gets no mail, while
#   smtp://127.0.0.1 on the same server does.

. "$(dirname "$0")/lib.sh"
need python3 zstd
fake_hosts dav.example.test hooks.example.test localhost.example.net

mkdir -p "$T/dav/repo"
. "$(dirname "$0")/hostile.sh"
hs_start
DPORT=$HS_PORT

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
# profile NAME EXTRA: WebDAV over plain HTTP to dav.example.test.
profile() {
	mk_profile "$1" "$d"
	sed -i '/^repository = /d' "$T/$1.conf"
	printf 'repository = {\n\turl = "webdav+http://dav.example.test:%s/repo";\n\tretries = 0;\n\t%s\n};\n' \
		"$DPORT" "$2" >>"$T/$1.conf"
}

profile clear ""
expect_exit 2 "$RST" check-config "$T/clear.conf"
expect_stderr "clear\.conf:[0-9]+: repository\.url: plain HTTP to a host that is not loopback"
expect_exit 2 in_ns "$RST" list "$T/clear.conf"
expect_stderr "plain HTTP to a host that is not loopback"
expect_exit 2 in_ns "$RST" report --repository "webdav+http://dav.example.test:$DPORT/repo" --format json
expect_stderr "plain HTTP to a host that is not loopback.*allow_insecure_http"
[ ! -s "$HS_LOG" ] || fail "requests were sent in the clear: $(cat "$HS_LOG")"

profile allowed "allow_insecure_http = true;"
expect_exit 0 "$RST" check-config "$T/allowed.conf"
expect_exit 0 in_ns "$RST" backup "$T/allowed.conf"
expect_stderr "warning: .*dav\.example\.test.*plain HTTP, not encrypted in transit"
expect_exit 0 in_ns "$RST" list "$T/allowed.conf"
expect_stderr "warning: .*plain HTTP, not encrypted in transit"
grep -q "^PUT " "$HS_LOG" || fail "the allowed backup sent nothing"
echo "webdav+http to a non-loopback name: refused (exit 2) unless allowed, then warned on every run"

# --- Webhook ------------------------------------------------------------------
profile hook ""
sed -i '/^repository = /,$d' "$T/hook.conf"
printf 'repository = "file://%s/repo";\nnotify = { webhook = "http://hooks.example.test:9/x"; };\n' "$T" >>"$T/hook.conf"
expect_exit 2 "$RST" check-config "$T/hook.conf"
expect_stderr "notify\.webhook: plain HTTP to a host that is not loopback"
sed -i 's|webhook = "http://hooks.example.test:9/x";|webhook = "http://hooks.example.test:9/x"; allow_insecure_http = true;|' "$T/hook.conf"
expect_exit 0 "$RST" check-config "$T/hook.conf"

# --- SMTP: the host decides, not the URL's text --------------------------------
smtp_sink "$T/mails"
MPORT=$SMTP_SINK_PORT

# mail_profile NAME HOST: a due backup that mails its success to HOST.
mail_profile() {
	mk_profile "$1" "$d"
	cat >>"$T/$1.conf" <<CONF
schedule = { backup = "1d"; };
notify = { on = [ "success" ];
  smtp = { url = "smtp://$2:$MPORT"; from = "backup@example.org"; to = [ "admin@example.org" ]; };
};
CONF
	expect_exit 0 "$RST" check-config "$T/$1.conf"
}
mails() {
	find "$T/mails" -name '*.eml' | wc -l
}

mail_profile loop 127.0.0.1
expect_exit 0 in_ns "$RST" run "$T/loop.conf"
sleep 0.3
[ "$(mails)" = 1 ] || { show_last >&2; fail "no mail over smtp://127.0.0.1 (the sink does not work)"; }

mail_profile lookalike localhost.example.net
expect_exit 0 in_ns "$RST" run "$T/lookalike.conf"
sleep 0.3
[ "$(mails)" = 1 ] || fail "a mail went to localhost.example.net without STARTTLS"
expect_stderr "smtp .*localhost\.example\.net.*STARTTLS"
echo "smtp://localhost.example.net without STARTTLS: no mail sent; smtp://127.0.0.1: sent"
