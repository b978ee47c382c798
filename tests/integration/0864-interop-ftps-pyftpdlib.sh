#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# FTPS (explicit TLS) against pyftpdlib, a server other than vsftpd (the
# Debian FTP daemons conflict with each other, so a second one cannot be
# installed beside vsftpd), requiring TLS for login and data, with a
# virtual user: backup -> list -> verify --deep -> restore -> drill and a
# second backup (the journal replaced through RNFR/RNTO); then Python's
# ftplib downloads the snapshot and stock openssl, sha256sum, zstd and tar
# check and restore it.

. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || skip "/usr/bin/python3 is not installed"
"$PY" -c 'import pyftpdlib, OpenSSL' 2>/dev/null ||
	skip "pyftpdlib is not installed (python3-pyftpdlib, python3-openssl)"
. "$(dirname "$0")/interop.sh"

F=$T/ftp
mkdir -p "$F/root"
test_tls "$F"
cat "$F/server.crt" "$F/server.key" >"$F/server.pem"
PASS="ftp-$(openssl rand -hex 8)"
printf 'backup:%s\n' "$PASS" >"$T/ftp.cred"
chmod 600 "$T/ftp.cred" "$F/server.pem"
PORT=$(free_port)
P=$(free_port)
cat >"$F/server.py" <<'PYEOF'
import logging, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_DTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer

class DTPHandler(TLS_DTPHandler):
    # pyftpdlib 1.5.7 closes a data connection that is readable before the
    # transfer command, which is what a TLS handshake started at once looks
    # like (libcurl 7.87 and later); later releases read during the
    # handshake, as here.
    def readable(self):
        return self._ssl_accepting or super().readable()

port, pasv, root, cred, log = sys.argv[1:6]
user, password = open(cred).read().strip().split(":", 1)
logging.basicConfig(filename=log, level=logging.INFO)
auth = DummyAuthorizer()
auth.add_user(user, password, root, perm="elradfmwMT")
h = TLS_FTPHandler
h.certfile = sys.argv[6]
h.authorizer = auth
h.dtp_handler = DTPHandler
h.tls_control_required = True
h.tls_data_required = True
h.passive_ports = range(int(pasv), int(pasv) + 20)
FTPServer(("127.0.0.1", int(port)), h).serve_forever()
PYEOF
"$PY" "$F/server.py" "$PORT" "$P" "$F/root" "$T/ftp.cred" "$F/ftpd.log" "$F/server.pem" \
	>"$F/stderr.log" 2>&1 &
FTPD_PID=$!
at_exit 'kill "$FTPD_PID" 2>/dev/null; wait "$FTPD_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$F/stderr.log" >&2; fail "pyftpdlib did not start"; }
note "pyftpdlib $("$PY" -c 'import pyftpdlib; print(pyftpdlib.__ver__)')"

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
grep -q "STOR .*/site/repo/snapshots/ft/$SNAP_ID/manifest.json.sig.tmp-" "$F/ftpd.log" ||
	fail "the server's log shows no upload of the snapshot"

# Independently: Python's ftplib over explicit TLS.
export FTP_CRED=$T/ftp.cred
get() {
	python3 - "$PORT" "$F/ca.crt" "/site/repo/snapshots/ft/$SNAP_ID/$1" "$T/dl/$1" <<'PYEOF'
import ftplib, os, ssl, sys
port, ca, src, dst = sys.argv[1:5]
user, pw = open(os.environ["FTP_CRED"]).read().strip().split(":", 1)
ftp = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=ca))
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
