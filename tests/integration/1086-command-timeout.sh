#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Storage DoS, a stalled or endless server: repository.command_timeout
# bounds the time a command spends with the repository, whatever the
# per-request timeout and retries allow.  Against
# tests/helpers/hostile-server.py serving an endless collection tree whose
# every listing takes 2 s (--endless, --stall 2: the listing bounds alone
# would let it run some 35 s, a slower server for hours), with
# command_timeout = "5s":
#
# - list and backup exit 3 within about 5 s with "command_timeout (5 s)
#   reached", the backup commits nothing and leaves its lock free (a next
#   backup against a sound server works at once);
# - the same for an S3 listing truncated page after page without end;
# - check-config refuses a command_timeout that is not a duration (exit 2).

. "$(dirname "$0")/lib.sh"
need python3 zstd timeout
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
hs_profile ct 'timeout = "10s"; retries = 3; command_timeout = "5s";' "$d"
hs_restart
expect_exit 0 "$RST" check-config "$T/ct.conf"
expect_exit 0 "$RST" backup "$T/ct.conf"
[ "$(committed_dirs ct "$T/dav/repo")" = 1 ] || fail "the first backup did not commit"

hs_restart --endless /repo/snapshots/ct --stall 2
for cmd in list backup; do
	t0=$(date +%s.%N)
	expect_exit 3 timeout 120 "$RST" "$cmd" "$T/ct.conf"
	took=$(python3 -c 'import sys, time; print("%.1f" % (time.time() - float(sys.argv[1])))' "$t0")
	expect_stderr "command_timeout \\(5 s\\) reached"
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 12 else 1)' "$took" ||
		fail "$cmd: command_timeout 5s, yet it ran $took s"
	echo "$cmd against a stalled endless tree: exit 3 after $took s ($(hs_count 'd["lists"]') listings)"
done
[ "$(committed_dirs ct "$T/dav/repo")" = 1 ] || fail "the timed-out backup committed a snapshot"

# The lock is free: a backup against the sound server works at once.
hs_restart
expect_exit 0 timeout 60 "$RST" backup "$T/ct.conf"
[ "$(committed_dirs ct "$T/dav/repo")" = 2 ] || fail "the next backup did not commit"

# S3 paths: a ListObjectsV2 that is truncated page after page, without end.
s3_cred "$T/s3.cred" AKIATEST notchecked
mk_profile s3ct "$d"
sed -i '/^repository = /d' "$T/s3ct.conf"
cat >>"$T/s3ct.conf" <<CONF
repository = {
	url = "s3://bucket/site";
	endpoint = "http://127.0.0.1:$HS_PORT";
	region = "us-east-1";
	credentials_file = "s3.cred";
	command_timeout = "5s";
};
CONF
mkdir -p "$T/dav/bucket"
expect_exit 0 "$RST" backup "$T/s3ct.conf"
hs_restart --endless site/snapshots/s3ct
sed -i "s|127\.0\.0\.1:[0-9]*|127.0.0.1:$HS_PORT|" "$T/s3ct.conf"
t0=$(date +%s.%N)
expect_exit 3 timeout 120 "$RST" list "$T/s3ct.conf"
took=$(python3 -c 'import sys, time; print("%.1f" % (time.time() - float(sys.argv[1])))' "$t0")
expect_stderr "command_timeout \\(5 s\\) reached"
python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 12 else 1)' "$took" ||
	fail "S3 endless pages: command_timeout 5s, yet list ran $took s"
echo "S3 list with endless pages: exit 3 after $took s ($(hs_count 'd["lists"]') pages)"

sed -i 's/command_timeout = "5s"/command_timeout = "soon"/' "$T/ct.conf"
expect_exit 2 "$RST" check-config "$T/ct.conf"
expect_stderr "ct\\.conf:[0-9]+: repository\\.command_timeout: invalid duration \"soon\""
