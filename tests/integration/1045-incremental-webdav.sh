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
mk_profile dinc "$d"
sed -i '/^repository = /d' "$T/dinc.conf"
cat >>"$T/dinc.conf" <<CONF
repository = {
	url = "webdav+https://127.0.0.1:$DAV_PORT/backups/inc";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 2;
};
incremental = { };
CONF
root="$W/dav/backups/inc"

expect_exit 0 at 1 "$RST" backup "$T/dinc.conf"
expect_exit 0 at 2 "$RST" backup "$T/dinc.conf"
expect_stderr 'incremental 1 of a chain'
mid=$(basename "$(snapdir dinc "$root")")
[ "$(json_get "$root/snapshots/dinc/$mid/manifest.json" 'd["stream"]["files"]')" = 0 ] ||
	fail "an unchanged tree stored files over WebDAV"
echo changed >>"$d/a.txt"
expect_exit 0 at 3 "$RST" backup "$T/dinc.conf"
expect_stderr 'incremental 2 of a chain'
top=$(basename "$(snapdir dinc "$root")")
expect_exit 0 at 4 "$RST" restore "$T/dinc.conf" "$top" --target "$T/out"
same_tree "$d" "$T/out$d" "restore over WebDAV"
expect_exit 0 at 4 "$RST" drill "$T/dinc.conf" "$top"
expect_exit 0 at 4 "$RST" verify --deep "$T/dinc.conf" "$top"
mv "$root/snapshots/dinc/$mid" "$T/away"
expect_exit 4 at 4 "$RST" restore "$T/dinc.conf" "$top" --target "$T/out2"
expect_stderr "parent $mid is missing"
grep -q "$SECRET" "$ERR" && fail "the password appears in stderr"
exit 0
