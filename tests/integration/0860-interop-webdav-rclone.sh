#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# WebDAV against `rclone serve webdav` over HTTPS, a server not written
# with restorable in mind: it answers a PUT into a missing collection with
# 404 (not RFC 4918's 409) and does not make the base collection itself.
# backup -> list -> verify --deep -> restore -> drill, a second backup; then
# curl downloads the snapshot and stock openssl, sha256sum, zstd and tar
# check and restore it.  A base URL two collections deep, neither of which
# exists yet, lists as empty (no error) and then takes a backup; one under
# a file fails with exit 3.

. "$(dirname "$0")/lib.sh"
need curl
need rclone
. "$(dirname "$0")/interop.sh"

export RCLONE_CONFIG=$T/rclone.conf XDG_CACHE_HOME=$T/cache HOME=$T/home
mkdir -p "$T/home" "$T/davroot"
: >"$RCLONE_CONFIG"
W=$T/web
mkdir -p "$W"
test_tls "$W"
SECRET="dav-$(openssl rand -hex 8)"
echo "backup:$(openssl passwd -apr1 "$SECRET")" >"$W/htpasswd"
PORT=$(free_port)
rclone serve webdav "$T/davroot" --addr "127.0.0.1:$PORT" --cert "$W/server.crt" \
	--key "$W/server.key" --htpasswd "$W/htpasswd" >"$T/rclone.log" 2>&1 &
RC_PID=$!
at_exit 'kill "$RC_PID" 2>/dev/null; wait "$RC_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$T/rclone.log" >&2; fail "rclone serve webdav did not start"; }
note "$(rclone version | head -n 1)"

secret_file "$T/dav.cred" "backup:$SECRET"
interop_data
interop_profile dav <<CONF
	url = "webdav+https://127.0.0.1:$PORT/repo";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 1;
CONF

# The base collection does not exist yet: an empty listing, not an error.
[ "$(snap_count "$T/dav.conf")" = 0 ] || fail "list of a missing base collection is not empty"
[ ! -e "$T/davroot/repo" ] || fail "list created the base collection"

interop_roundtrip dav
grep -q -- "$SECRET" "$ERR" && fail "the password appears in stderr"
[ -d "$T/davroot/repo/snapshots/dav/$SNAP_ID" ] || fail "no snapshot folder on the server"
[ -z "$(find "$T/davroot" -name '*.tmp-*')" ] || fail "temp objects left: $(find "$T/davroot" -name '*.tmp-*')"

# Independently: curl downloads the snapshot, stock tools check it.
secret_file "$T/curlrc" "user = \"backup:$SECRET\""
base="https://127.0.0.1:$PORT/repo/snapshots/dav/$SNAP_ID"
get() {
	curl -sSf -K "$T/curlrc" --cacert "$W/ca.crt" -o "$T/dl/$1" "$base/$1"
}
interop_download get
interop_offline "$T/dl"

# Two collections deep, both missing: listed as empty, then made by backup.
sed -i "s|/repo\";|/deep/er%20base\";|" "$T/dav.conf"
[ "$(snap_count "$T/dav.conf")" = 0 ] || fail "list of a missing deep base collection is not empty"
expect_exit 0 "$RST" backup "$T/dav.conf"
[ "$(snap_count "$T/dav.conf")" = 1 ] || fail "list of the deep base does not show 1 snapshot"
[ -f "$T/davroot/deep/er base/restorable.json" ] || fail "the deep base collection was not made"
expect_exit 0 "$RST" verify "$T/dav.conf" latest

# A base under a file cannot be made: a storage error (3) naming the
# base, not "missing" (4), and nothing is left behind.
echo "not a collection" >"$T/davroot/blocked"
sed -i "s|/deep/er%20base\";|/blocked/repo\";|" "$T/dav.conf"
expect_exit 3 "$RST" backup "$T/dav.conf"
expect_stderr '/blocked/repo'
[ "$(cat "$T/davroot/blocked")" = "not a collection" ] || fail "the file in the way was changed"
exit 0
