#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# FTPS (explicit TLS) against ProFTPD with mod_tls, a server other than
# vsftpd, that requires TLS for login and data and, by default, the
# control connection's TLS session reused on each data connection; a
# virtual user from an AuthUserFile: backup -> list -> verify --deep ->
# restore -> drill and a second backup (the journal replaced through
# RNFR/RNTO); then Python's ftplib downloads the snapshot and stock
# openssl, sha256sum, zstd and tar check and restore it.  ProFTPD switches
# to the user's uid, so this runs as root.

. "$(dirname "$0")/lib.sh"
PROFTPD=/usr/sbin/proftpd
[ -x "$PROFTPD" ] || skip "proftpd is not installed (proftpd-core)"
[ -f /usr/lib/proftpd/mod_tls.so ] || skip "mod_tls is not installed (proftpd-mod-crypto)"
[ "$(id -u)" -eq 0 ] || skip "optional: proftpd needs root (it switches to the user's uid)"
. "$(dirname "$0")/interop.sh"

F=$T/ftp
mkdir -p "$F/root"
chmod 755 "$T" "$F"
chown 65534:65534 "$F/root"
test_tls "$F"
chmod 600 "$F/server.key"
PASS="ftp-$(openssl rand -hex 8)"
printf 'backup:%s:65534:65534::%s:/bin/false\n' "$(printf '%s' "$PASS" | openssl passwd -6 -stdin)" \
	"$F/root" >"$F/passwd"
echo "rstftp:x:65534:" >"$F/group"
chmod 600 "$F/passwd" "$F/group"
PORT=$(free_port)
P=$(free_port)
cat >"$F/proftpd.conf" <<CONF
ServerName "interop"
ServerType standalone
Port $PORT
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
User nobody
Group $(id -gn 65534)
PidFile $F/proftpd.pid
ScoreboardFile $F/scoreboard
DelayTable $F/delay
WtmpLog off
TransferLog $F/xfer.log
SystemLog $F/system.log
AuthOrder mod_auth_file.c
AuthUserFile $F/passwd
AuthGroupFile $F/group
RequireValidShell off
UseFtpUsers off
DefaultRoot ~
PassivePorts $P $((P + 20))
AllowOverwrite on
Umask 077
ModulePath /usr/lib/proftpd
LoadModule mod_tls.c
TLSEngine on
TLSRequired on
TLSRSACertificateFile $F/server.crt
TLSRSACertificateKeyFile $F/server.key
TLSProtocol TLSv1.2 TLSv1.3
TLSLog $F/tls.log
CONF
"$PROFTPD" -n -q -c "$F/proftpd.conf" >"$F/stderr.log" 2>&1 &
FTPD_PID=$!
at_exit 'kill_tree TERM "$FTPD_PID"; wait "$FTPD_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$F/stderr.log" "$F/system.log" >&2; fail "proftpd did not start"; }
note "$("$PROFTPD" -v 2>&1)"

printf 'backup:%s\n' "$PASS" >"$T/ftp.cred"
chmod 600 "$T/ftp.cred"
interop_data
interop_profile ft <<CONF
	url = "ftps://127.0.0.1:$PORT/site/repo";
	credentials_file = "ftp.cred";
	ca_file = "$F/ca.crt";
	timeout = "20s";
	retries = 1;
CONF

[ "$(snap_count "$T/ft.conf")" = 0 ] || fail "list of a missing repository folder is not empty"
interop_roundtrip ft
grep -q -- "$PASS" "$ERR" && fail "the password appears in stderr"
[ -d "$F/root/site/repo/snapshots/ft/$SNAP_ID" ] || fail "no snapshot folder on the server"
[ -z "$(find "$F/root" -name '*.tmp-*')" ] || fail "temp objects left: $(find "$F/root" -name '*.tmp-*')"
grep -q "reused TLS session for data connection" "$F/tls.log" ||
	fail "the server's TLS log shows no protected data connection"

# Independently: Python's ftplib over explicit TLS (reusing the control
# connection's session on the data connection, as ProFTPD requires).
export FTP_PASS_FILE=$T/ftp.cred
get() {
	python3 - "$PORT" "$F/ca.crt" "/site/repo/snapshots/ft/$SNAP_ID/$1" "$T/dl/$1" <<'PYEOF'
import ftplib, os, ssl, sys
port, ca, src, dst = sys.argv[1:5]
class FTPS(ftplib.FTP_TLS):
    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host,
                                            session=self.sock.session)
        return conn, size
user, pw = open(os.environ["FTP_PASS_FILE"]).read().strip().split(":", 1)
ftp = FTPS(context=ssl.create_default_context(cafile=ca))
ftp.connect("127.0.0.1", int(port), timeout=20)
ftp.login(user, pw)
ftp.prot_p()
with open(dst, "wb") as f:
    ftp.retrbinary("RETR " + src, f.write)
ftp.quit()
PYEOF
}
interop_download get
interop_offline "$T/dl"
exit 0
