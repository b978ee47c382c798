#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# S3 against s3rver (npm), a server other than moto, over HTTPS with a
# throwaway CA, path-style: backup -> list -> verify --deep -> restore ->
# drill and a second backup; then the aws CLI downloads the snapshot and
# stock openssl, sha256sum, zstd and tar check and restore it; a 65 MiB
# part goes up as a multipart upload; a missing bucket fails with exit 3.
# (s3rver has no Object Lock: the Object Lock tests run against moto.)

. "$(dirname "$0")/lib.sh"
need s3rver
AWS=/usr/bin/aws
[ -x "$AWS" ] || skip "/usr/bin/aws is not installed (awscli)"
. "$(dirname "$0")/interop.sh"

W=$T/tls
mkdir -p "$W" "$T/s3data"
test_tls "$W"
PORT=$(free_port)
EP=https://127.0.0.1:$PORT
s3rver -d "$T/s3data" -a 127.0.0.1 -p "$PORT" --no-vhost-buckets \
	--key "$W/server.key" --cert "$W/server.crt" \
	--configure-bucket backups >"$T/s3rver.log" 2>&1 &
S3_PID=$!
at_exit 'kill "$S3_PID" 2>/dev/null; wait "$S3_PID" 2>/dev/null'
wait_port "$PORT" || { cat "$T/s3rver.log" >&2; fail "s3rver did not start"; }
note "s3rver $(s3rver --version)"

# s3rver's one account.
s3_cred "$T/s3.cred" S3RVER S3RVER
interop_data
interop_profile s3 <<CONF
	url = "s3://backups/site-a";
	endpoint = "$EP";
	region = "us-east-1";
	credentials_file = "s3.cred";
	ca_file = "$W/ca.crt";
	timeout = "20s";
	retries = 1;
CONF

[ "$(snap_count "$T/s3.conf")" = 0 ] || fail "list of an empty bucket is not empty"
interop_roundtrip s3

# Independently: the aws CLI downloads the snapshot's objects.
export AWS_CONFIG_FILE=$T/awscfg AWS_SHARED_CREDENTIALS_FILE=$T/s3.cred
export AWS_DEFAULT_REGION=us-east-1 AWS_CA_BUNDLE=$W/ca.crt
printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
"$AWS" --endpoint-url "$EP" s3 ls --recursive s3://backups >"$T/ls.txt" || fail "aws s3 ls"
grep -q '\.tmp-' "$T/ls.txt" && fail "temp objects in the bucket"
grep -q " site-a/snapshots/s3/$SNAP_ID/manifest.json.sig\$" "$T/ls.txt" ||
	{ cat "$T/ls.txt" >&2; fail "aws s3 ls lacks the snapshot"; }
get() {
	"$AWS" --endpoint-url "$EP" s3 cp --quiet \
		"s3://backups/site-a/snapshots/s3/$SNAP_ID/$1" "$T/dl/$1"
}
interop_download get
interop_offline "$T/dl"

# A part above 64 MiB goes up as a multipart upload (s3rver's ETags of
# those have no "-N" suffix) and verifies.
m=$T/src/multi
multipart_profile s3m s3
expect_exit 0 "$RST" backup "$T/s3m.conf"
grep -q 'uploadId=' "$T/s3rver.log" || fail "the 65M part did not go up as a multipart upload"
expect_exit 0 "$RST" verify --deep "$T/s3m.conf" latest
rm -rf "$m"

# A bucket that does not exist: a storage error (3) naming the
# repository, not a missing repository object (4).
sed -i 's|s3://backups/site-a|s3://no-such-bucket/site-a|' "$T/s3.conf"
expect_exit 3 "$RST" backup "$T/s3.conf"
expect_stderr 's3://no-such-bucket/site-a: .*404'
exit 0
