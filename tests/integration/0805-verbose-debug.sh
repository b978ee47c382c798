#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# -v prints debug lines: a backup to WebDAV over HTTPS (nginx on loopback,
# user and password from credentials_file) shows every storage request
# with the repository's URL, every decision not to retry (with the error),
# every pipeline stage's start and finish; the password and the user's
# credentials line appear nowhere.  Without -v, no debug line.

. "$(dirname "$0")/lib.sh"
need python3 openssl
. "$(dirname "$0")/davd.sh"

dav_setup
dav_start
PORT=$DAV_PORT

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
secret_file "$T/dav.cred" "backup:$SECRET"
mk_profile dav "$d"
sed -i '/^repository = /d' "$T/dav.conf"
cat >>"$T/dav.conf" <<CONF
repository = {
	url = "webdav+https://127.0.0.1:$PORT/backups/v";
	credentials_file = "dav.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 2;
};
CONF

expect_exit 0 "$RST" -v backup "$T/dav.conf"
url="webdav\+https://127\.0\.0\.1:$PORT/backups/v"
# The first backup asks for the repository's marker, which is not there yet:
# a 404, not retried.
grep -qF "debug: " "$ERR" || fail "-v printed no debug line"
expect_stderr "storage: stat $url/restorable\.json"
expect_stderr "storage: put $url/snapshots/dav/[0-9TZ-]+[0-9a-f]+/manifest\.json$"
expect_stderr "storage: put $url/snapshots/dav/[0-9TZ-]+[0-9a-f]+/stream\.pax\.zst\.000000$"
expect_stderr "storage: list $url/snapshots/dav/"
expect_stderr "storage: put $url/journal/dav\.jsonl$"
expect_stderr "storage: attempt 1/3 failed \(.*\), not retried: not transient"
expect_stderr "stage zstd: start"
expect_stderr "stage split: finished, [0-9]+ bytes in"
grep -qF "$SECRET" "$ERR" "$OUT" && fail "the password appears in the output of -v"
grep -qF "backup@" "$ERR" && fail "the user appears in a URL of -v"
grep -qF "backup:" "$ERR" && fail "the credentials line appears in the output of -v"

echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/dav.conf"
grep -qF "debug: " "$ERR" && fail "a debug line without -v: $(grep -F 'debug: ' "$ERR" | head -1)"
exit 0
