#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A storage server's listing is untrusted.  Against
# tests/helpers/hostile-server.py (WebDAV and S3 paths on loopback):
#
# - PROPFIND replies that add hrefs outside the folder asked for (the root,
#   a name shorter than the folder's, dot-dot paths, another server's URL)
#   change nothing: list shows the one snapshot, verify --deep and restore
#   pass, prune deletes only the pruned snapshot's objects and nothing the
#   extra hrefs name, and a warning counts the names left out (under ASan
#   the short names were a heap over-read).
# - The same for S3 keys outside the prefix (ListObjectsV2).
# - An endless collection tree ends after a bounded number of PROPFINDs with
#   a clear error and exit 3, instead of walking on while the lock is held.

. "$(dirname "$0")/lib.sh"
need python3 zstd timeout

. "$(dirname "$0")/hostile.sh"
mkdir -p "$T/dav/repo"

# dav_start [OPTIONS...]: (re)start the server on a fresh port with
# OPTIONS, the profile pointed at it.
dav_start() {
	hs_start "$@"
	[ ! -f "$T/ev.conf" ] ||
		sed -i "s|127\.0\.0\.1:[0-9]*/repo|127.0.0.1:$HS_PORT/repo|" "$T/ev.conf"
}

dav_start
d=$T/src/data
mkdir -p "$d/sub"
echo hello >"$d/a.txt"
head -c 1500000 /dev/urandom >"$d/sub/random.bin"
mk_profile ev "$d"
sed -i '/^repository = /d' "$T/ev.conf"
cat >>"$T/ev.conf" <<CONF
repository = {
	url = "webdav+http://127.0.0.1:$HS_PORT/repo";
	timeout = "10s";
	retries = 0;
};
retention = { keep_last = 1; };
CONF

expect_exit 0 "$RST" backup "$T/ev.conf"
sleep 1
echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/ev.conf"
[ "$(snap_count "$T/ev.conf")" = 2 ] || fail "the genuine server does not list 2 snapshots"
first=$(ls "$T/dav/repo/snapshots/ev" | LC_ALL=C sort | head -n 1)
second=$(ls "$T/dav/repo/snapshots/ev" | LC_ALL=C sort | tail -n 1)

# Canaries where the extra hrefs point.
echo canary >"$T/dav/x"
echo canary >"$T/dav/repo/x"
echo canary >"$T/dav/repo/snapshots/x"
echo canary >"$T/dav/repo/snapshots/ev/x"
mkdir -p "$T/dav/repo/etc" "$T/dav/repo/snapshots/etc"
echo canary >"$T/dav/repo/etc/passwd"
echo canary >"$T/dav/repo/snapshots/etc/passwd"
canaries() {
	find "$T/dav" -name x -o -name passwd | LC_ALL=C sort
}
canaries >"$T/canaries.before"
[ "$(wc -l <"$T/canaries.before")" = 6 ] || fail "canaries not in place"

# --- Names outside the folder asked for -----------------------------------
dav_start --outside
expect_exit 0 "$RST" --json list "$T/ev.conf"
n=$(json_get "$OUT" 'len(d["snapshots"])') || fail "list --json: bad JSON"
[ "$n" = 2 ] || { show_last >&2; fail "list shows $n snapshots, not 2"; }
grep -q "PROPFIND" "$HS_LOG" || fail "the server saw no PROPFIND"
expect_exit 0 "$RST" verify --deep "$T/ev.conf" "$second"
expect_exit 0 "$RST" verify "$T/ev.conf" "$first"
expect_exit 0 "$RST" restore "$T/ev.conf" "$second" --target "$T/out"
same_tree "$d" "$T/out$d"
expect_exit 0 "$RST" prune "$T/ev.conf"
[ ! -e "$T/dav/repo/snapshots/ev/$first" ] || fail "prune left the pruned snapshot"
[ -f "$T/dav/repo/snapshots/ev/$second/manifest.json.sig" ] || fail "prune removed the kept snapshot"
canaries >"$T/canaries.after"
diff "$T/canaries.before" "$T/canaries.after" >&2 ||
	fail "prune deleted objects named by hrefs outside the snapshot"
deletes=$(grep -c '^DELETE ' "$HS_LOG")
expect_exit 0 "$RST" list "$T/ev.conf"
expect_stderr "ignored [0-9]+ names outside the folder asked for"
bad=$(grep '^DELETE ' "$HS_LOG" | grep -v "^DELETE /repo/snapshots/ev/$first/" || true)
[ -z "$bad" ] || fail "prune sent DELETEs outside the pruned snapshot: $bad"
echo "extra hrefs ignored: list, verify --deep, restore, prune ($deletes DELETEs, all inside the pruned snapshot)"

# --- An endless collection tree --------------------------------------------
dav_start --endless /repo/snapshots/ev
start=$SECONDS
expect_exit 3 timeout 120 "$RST" list "$T/ev.conf"
expect_stderr "list snapshots/ev/.*more than 16 folder levels"
propfinds=$(grep -c '^PROPFIND ' "$HS_LOG")
[ "$propfinds" -le 40 ] || fail "$propfinds PROPFINDs before the endless tree was given up"
echo "endless tree: exit 3 after $propfinds PROPFINDs in $((SECONDS - start)) s"

# --- S3 paths: keys outside the prefix asked for ------------------------------
s3_cred "$T/s3.cred" AKIATEST notchecked
mk_profile s3ev "$d"
sed -i '/^repository = /d' "$T/s3ev.conf"
cat >>"$T/s3ev.conf" <<CONF
repository = {
	url = "s3://bucket/site";
	endpoint = "http://127.0.0.1:0";
	region = "us-east-1";
	credentials_file = "s3.cred";
	retries = 0;
};
CONF
mkdir -p "$T/dav/bucket"
hs_start
sed -i "s|127\\.0\\.0\\.1:[0-9]*|127.0.0.1:$HS_PORT|" "$T/s3ev.conf"
expect_exit 0 "$RST" backup "$T/s3ev.conf"
hs_start --outside
sed -i "s|127\\.0\\.0\\.1:[0-9]*|127.0.0.1:$HS_PORT|" "$T/s3ev.conf"
expect_exit 0 "$RST" --json list "$T/s3ev.conf"
[ "$(json_get "$OUT" 'len(d["snapshots"])')" = 1 ] || { show_last >&2; fail "S3: list does not show 1 snapshot"; }
expect_stderr "ignored [0-9]+ names outside the folder asked for"
[ "$(hs_count 'd["lists"]')" -ge 1 ] || fail "S3: the server saw no ListObjectsV2"
expect_exit 0 "$RST" verify --deep "$T/s3ev.conf" latest
echo "S3 keys outside the prefix ignored: list, verify --deep"
