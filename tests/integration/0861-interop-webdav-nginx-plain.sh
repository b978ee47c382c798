#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# WebDAV against nginx as it is configured by default, without
# create_full_put_path: a PUT into a missing collection answers 409 and
# nothing makes the collections but MKCOL, the base collection (two levels
# deep here, neither existing) included.  A listing before the first
# backup is empty; backup -> list -> verify --deep -> restore -> drill and
# a second backup; curl downloads the snapshot and stock openssl,
# sha256sum, zstd and tar check and restore it.  A path answered 404 to
# everything fails with exit 3.

. "$(dirname "$0")/lib.sh"
need curl
. "$(dirname "$0")/davd.sh"
. "$(dirname "$0")/interop.sh"

DAV_FULL_PUT_PATH=off DAV_EXTRA='location /gone/ { return 404; }' dav_setup
grep -q 'create_full_put_path off;' "$W/nginx.conf" || fail "nginx.conf still has create_full_put_path on"
dav_start
note "$("$NGINX" -v 2>&1)"

secret_file "$T/dav.cred" "backup:$SECRET"
interop_data
interop_profile dav <<CONF
	url = "webdav+https://127.0.0.1:$DAV_PORT/backups/site%20one";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 1;
CONF

[ "$(snap_count "$T/dav.conf")" = 0 ] || fail "list of a missing base collection is not empty"
[ ! -e "$W/dav/backups" ] || fail "list created collections"

interop_roundtrip dav
grep -q -- "$SECRET" "$ERR" && fail "the password appears in stderr"
root="$W/dav/backups/site one"
[ -d "$root/snapshots/dav/$SNAP_ID" ] || fail "no snapshot folder on the server"
[ -z "$(find "$W/dav" -name '*.tmp-*')" ] || fail "temp objects left: $(find "$W/dav" -name '*.tmp-*')"
grep -q '"MKCOL /backups/ ' "$W/logs/access.log" || fail "the base's parent was not made with MKCOL"

secret_file "$T/curlrc" "user = \"backup:$SECRET\""
base="https://127.0.0.1:$DAV_PORT/backups/site%20one/snapshots/dav/$SNAP_ID"
get() {
	curl -sSf -K "$T/curlrc" --cacert "$W/ca.crt" -o "$T/dl/$1" "$base/$1"
}
interop_download get
interop_offline "$T/dl"

# A path the server answers 404 for whatever is sent, MKCOL included: a
# storage error (3), not a missing repository object (4).
sed -i "s|/backups/site%20one\";|/gone/repo\";|" "$T/dav.conf"
expect_exit 3 "$RST" backup "$T/dav.conf"
expect_stderr 'create folder /gone/repo: .*404'
exit 0
