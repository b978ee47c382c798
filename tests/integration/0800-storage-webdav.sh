#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# WebDAV over HTTPS against a real nginx (dav + dav-ext) on loopback with a
# throwaway CA: backup -> list -> verify --deep -> restore gives back the
# same tree; curl fetches manifest.json and its signature straight from the
# server and openssl accepts it; no temp objects are left; a second backup
# rewrites the journal in place (MOVE with Overwrite).

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl curl
. "$(dirname "$0")/davd.sh"

dav_setup
dav_start
PORT=$DAV_PORT

storage_data "sub dir"

secret_file "$T/dav.cred" "backup:$SECRET"
mk_profile dav "$d"
sed -i '/^repository = /d' "$T/dav.conf"
cat >>"$T/dav.conf" <<CONF
repository = {
	url = "webdav+https://127.0.0.1:$PORT/backups/site one";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 2;
};
CONF

root="$W/dav/backups/site one"
remote_backup dav "$root" "$SECRET"
for f in manifest.json manifest.json.sig index.jsonl.zst stream.pax.zst.000000 stream.pax.zst.000001; do
	[ -f "$snap/$f" ] || fail "server lacks $f"
done
[ -f "$root/restorable.json" ] || fail "server lacks restorable.json"
[ -z "$(find "$W/dav" -name '*.tmp-*')" ] || fail "temp objects left on the server: $(find "$W/dav" -name '*.tmp-*')"
remote_restore dav

# Independently: curl fetches the manifest and signature, openssl verifies.
base="https://127.0.0.1:$PORT/backups/site%20one/snapshots/dav/$id"
secret_file "$T/curlrc" "user = \"backup:$SECRET\""
curl -sSf -K "$T/curlrc" --cacert "$W/ca.crt" -o "$T/m.json" "$base/manifest.json" ||
	fail "curl cannot fetch manifest.json"
curl -sSf -K "$T/curlrc" --cacert "$W/ca.crt" -o "$T/m.sig" "$base/manifest.json.sig" ||
	fail "curl cannot fetch manifest.json.sig"
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
	-in "$T/m.json" -sigfile "$T/m.sig" >/dev/null ||
	fail "openssl does not accept the signature fetched over WebDAV"

# A second backup rewrites the journal in place; both snapshots list.
echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/dav.conf"
[ "$(snap_count "$T/dav.conf")" = 2 ] || fail "list does not show 2 snapshots"
expect_exit 0 "$RST" journal verify "$T/dav.conf"
[ -z "$(find "$W/dav" -name '*.tmp-*')" ] || fail "temp objects left after the second backup"

# A drill restores the latest snapshot from the server and passes.
expect_exit 0 "$RST" drill "$T/dav.conf" latest

# prune with keep_last = 1 removes the first snapshot, its folder too.
cp "$T/dav.conf" "$T/dav-keep1.conf"
printf 'retention = { keep_last = 1; };\n' >>"$T/dav-keep1.conf"
expect_exit 0 "$RST" prune "$T/dav-keep1.conf"
[ "$(snap_count "$T/dav.conf")" = 1 ] || fail "prune did not leave 1 snapshot"
[ ! -e "$snap" ] || fail "prune left the removed snapshot's folder on the WebDAV server: $(ls -A "$snap")"

# Wrong password: exit 3 at once, naming the server, not the secret.
printf 'backup:wrong-%s\n' "$SECRET" >"$T/dav.cred"
start=$SECONDS
expect_exit 3 "$RST" list "$T/dav.conf"
expect_stderr "401"
[ $((SECONDS - start)) -lt 5 ] || fail "a refused login was retried for $((SECONDS - start))s"
grep -q "$SECRET" "$ERR" && fail "the password appears in stderr"
exit 0
