#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Storage DoS, a part that never ends: a server that answers the GET of a
# part with its bytes and then more without end
# (tests/helpers/hostile-server.py --stream-forever) is cut off at the
# part's size from the signed manifest: restore and verify --deep exit 4
# with "PART: larger than N bytes", at once, and the server sent little
# more than the part (a client without the bound would read on and fill
# its spool).  The same over WebDAV and over S3 paths; the genuine server
# gives exit 0.

. "$(dirname "$0")/lib.sh"
need python3 zstd timeout
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d/sub"
head -c 2300000 /dev/urandom >"$d/sub/big.bin"
echo hello >"$d/a.txt"

s3_cred "$T/s3.cred" AKIATEST notchecked
PART_SIZE=1M mk_profile w "$d"
PART_SIZE=1M mk_profile s "$d"
sed -i '/^repository = /d' "$T/w.conf" "$T/s.conf"
printf 'repository = { url = "webdav+http://127.0.0.1:0/repo"; timeout = "10s"; retries = 1; };\n' >>"$T/w.conf"
cat >>"$T/s.conf" <<CONF
repository = {
	url = "s3://bucket/site";
	endpoint = "http://127.0.0.1:0";
	region = "us-east-1";
	credentials_file = "s3.cred";
	timeout = "10s";
	retries = 1;
};
CONF
# start [OPTION...]: the server, both profiles pointed at it.
start() {
	hs_start "$@"
	sed -i "s|127\\.0\\.0\\.1:[0-9]*|127.0.0.1:$HS_PORT|" "$T/w.conf" "$T/s.conf"
}

mkdir -p "$T/dav/bucket"
start
expect_exit 0 "$RST" backup "$T/w.conf"
expect_exit 0 "$RST" backup "$T/s.conf"
for p in w s; do
	case $p in w) repo=$T/dav/repo ;; s) repo=$T/dav/bucket/site ;; esac
	snap=$(snapdir "$p" "$repo")
	part=$snap/stream.pax.zst.000001
	[ -f "$part" ] || fail "$p: the snapshot has no second part"
	size=$(stat -c %s "$part")
	start
	expect_exit 0 "$RST" verify --deep "$T/$p.conf" latest

	start --stream-forever stream.pax.zst.000001
	rm -rf "$T/tgt"
	expect_exit 4 timeout 60 "$RST" restore "$T/$p.conf" latest --target "$T/tgt"
	expect_stderr "stream\\.pax\\.zst\\.000001: larger than $size bytes"
	[ ! -e "$T/tgt$d/sub/big.bin" ] || fail "$p: restore placed big.bin from an endless part"
	expect_exit 4 timeout 60 "$RST" verify --deep "$T/$p.conf" latest
	expect_stderr "stream\\.pax\\.zst\\.000001: larger than $size bytes"
	sent=$(hs_count 'sum(n for k, n in d["bytes"].items() if k.endswith("stream.pax.zst.000001"))')
	gets=$(hs_count 'sum(1 for k in d["get_paths"] if k.endswith("stream.pax.zst.000001"))')
	note "$p: $gets GETs of the endless part, $sent bytes sent for it (part: $size bytes)"
	# Each GET may have been answered ahead of the client by the socket
	# buffers, never by much.
	[ "$sent" -le $(( gets * (size + 16 * 1048576) )) ] ||
		fail "$p: the server sent $sent bytes in $gets GETs for a part of $size bytes"
	echo "$p: an endless part is cut off at its $size bytes: exit 4 ($sent bytes sent in $gets GETs)"
done
