#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# With Object Lock (S3 against moto_server on loopback), committing an
# incremental extends the retention of every object of its chain to its
# own (DESIGN.md decision 15, PutObjectRetention): the full made with a
# one-day lock is held two days once an incremental made with a two-day
# lock depends on it.  The chain restores, drills and verifies from S3.

. "$(dirname "$0")/lib.sh"
need python3 zstd
moto_start
awsq s3api create-bucket --bucket locked --object-lock-enabled-for-bucket \
	>/dev/null || fail "create a bucket with Object Lock"

d=$T/src/data
mkdir -p "$d"
head -c 200000 /dev/urandom >"$d/a.bin"
s3_cred "$T/s3.cred"
mk_profile lk "$d"
sed -i '/^repository = /d' "$T/lk.conf"
cat >>"$T/lk.conf" <<CONF
repository = {
	url = "s3://locked/site";
	endpoint = "$EP";
	region = "us-east-1";
	credentials_file = "s3.cred";
	path_style = true;
	object_lock_days = 1;
	object_lock_mode = "governance";
};
incremental = { };
CONF

# until_days KEY: days from now until the object's lock ends.
until_days() {
	awsq s3api head-object --bucket locked --key "$1" >"$T/head.json" ||
		fail "head-object $1"
	python3 - "$T/head.json" <<'PY'
import datetime, json, sys
h = json.load(open(sys.argv[1]))
until = datetime.datetime.fromisoformat(h["ObjectLockRetainUntilDate"].replace("Z", "+00:00"))
print(round((until - datetime.datetime.now(datetime.timezone.utc)).total_seconds() / 86400, 1))
PY
}

expect_exit 0 "$RST" backup "$T/lk.conf"
awsq s3api list-objects-v2 --bucket locked >"$T/objs.json" || fail "list-objects-v2"
full=$(python3 -c 'import json,sys; print(sorted({o["Key"].split("/")[3] for o in json.load(open(sys.argv[1]))["Contents"] if "/snapshots/" in o["Key"]})[0])' "$T/objs.json")
[ "$(until_days "site/snapshots/lk/$full/stream.pax.zst.000000")" = 1.0 ] ||
	fail "the full is not locked for a day"
sleep 1
sed -i 's/object_lock_days = 1;/object_lock_days = 2;/' "$T/lk.conf"
echo more >"$d/b.txt"
expect_exit 0 "$RST" backup "$T/lk.conf"
expect_stderr 'incremental 1 of a chain'
for f in stream.pax.zst.000000 index.jsonl.zst manifest.json manifest.json.sig; do
	[ "$(until_days "site/snapshots/lk/$full/$f")" = 2.0 ] ||
		fail "$f of the base was not held as long as the incremental: $(cat "$T/head.json")"
done
grep -q 'PUT /locked/site/snapshots/lk/[^ ]*?retention' "$T/moto.log" ||
	fail "no PutObjectRetention request reached the server"

# The chain restores, drills and verifies from S3.
expect_exit 0 "$RST" restore "$T/lk.conf" latest --target "$T/out"
same_tree "$d" "$T/out$d" "restore of an incremental chain from S3"
expect_exit 0 "$RST" drill "$T/lk.conf" latest
expect_exit 0 "$RST" verify --deep "$T/lk.conf" latest
exit 0
