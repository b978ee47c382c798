#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# An incremental chain on a remote backend (WebDAV over HTTPS, nginx on
# loopback): the chain check at backup lists the remote objects, an
# unchanged tree stores no file, restore and drill of the newest
# incremental fetch the chain and equal the tree, and a missing middle
# link on the server is exit 4 naming it.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3 zstd openssl curl
. "$(dirname "$0")/davd.sh"

dav_setup
dav_start

d=$T/src/data
mkdir -p "$d/sub"
echo hello >"$d/a.txt"
head -c 300000 /dev/urandom >"$d/sub/random.bin"
secret_file "$T/dav.cred" "backup:$SECRET"
mk_profile din "$d"
sed -i '/^repository = /d' "$T/din.conf"
cat >>"$T/din.conf" <<CONF
repository = {
	url = "webdav+https://127.0.0.1:$DAV_PORT/backups/inc";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 2;
};
CONF
remote_chain din "$W/dav/backups/inc"
grep -q "$SECRET" "$ERR" && fail "the password appears in stderr"
exit 0
