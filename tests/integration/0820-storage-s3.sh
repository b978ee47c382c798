#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# S3 against moto_server on loopback, which validates SigV4 (after three
# unauthenticated bootstrap calls that create an IAM user and its key):
# backup -> list -> verify --deep -> restore gives back the same tree; the
# aws CLI lists the objects and a part it downloads hashes as the manifest
# says; a listing of more than 1000 keys pages through ListObjectsV2; a
# part above 64 MiB goes up as a multipart upload; with object_lock_days
# every object lands under Object Lock until about that many days ahead;
# an HTTP 503 on an upload and a 429 on a download (a fault proxy in front
# of the server) are retried; a wrong secret fails at once with exit 3 and
# the secret never shows.

. "$(dirname "$0")/lib.sh"
need python3 zstd
moto_start auth
awsq s3api create-bucket --bucket backups >/dev/null || fail "create-bucket"

storage_data sub 名前.txt 名前

s3_cred "$T/s3.cred"
mk_profile s3p "$d"
sed -i '/^repository = /d' "$T/s3p.conf"
cat >>"$T/s3p.conf" <<CONF
repository = {
	url = "s3://backups/site-a";
	endpoint = "$EP";
	region = "us-east-1";
	credentials_file = "s3.cred";
	timeout = "20s";
	retries = 2;
};
CONF
# The program must not fall back on the environment when a file is named.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

expect_exit 0 "$RST" backup "$T/s3p.conf"
grep -q -- "$SECRET" "$ERR" && fail "the secret appears in stderr"
[ "$(snap_count "$T/s3p.conf")" = 1 ] || fail "list does not show 1 snapshot"
id=$(json_get "$T/.list.json" 'd["snapshots"][0]["snapshot"]')
expect_exit 0 "$RST" verify --deep "$T/s3p.conf" latest
tgt=$T/target
expect_exit 0 "$RST" restore "$T/s3p.conf" "$id" --target "$tgt"
same_tree "$d" "$tgt$d"

# Independently: the aws CLI sees the objects; a part's sha256 matches.
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET
# (The whole bucket: moto_server mis-signs a ListObjectsV2 prefix holding
# an encoded '/', for the aws CLI as well.)
awsq s3 ls --recursive s3://backups >"$T/ls.txt" || fail "aws s3 ls"
pre="site-a/snapshots/s3p/$id"
for f in manifest.json manifest.json.sig index.jsonl.zst stream.pax.zst.000000 stream.pax.zst.000001; do
	grep -q " $pre/$f\$" "$T/ls.txt" || { cat "$T/ls.txt" >&2; fail "aws s3 ls lacks $pre/$f"; }
done
grep -q '\.tmp-' "$T/ls.txt" && fail "temp objects in the bucket"
awsq s3 cp --quiet "s3://backups/$pre/stream.pax.zst.000001" "$T/part1" || fail "aws s3 cp part"
awsq s3 cp --quiet "s3://backups/$pre/manifest.json" "$T/manifest.json" || fail "aws s3 cp manifest"
want=$(json_get "$T/manifest.json" '[p["sha256"] for p in d["parts"] if p["name"].endswith("000001")][0]')
got=$(sha256sum "$T/part1" | cut -d' ' -f1)
[ "$want" = "$got" ] || fail "part 1 sha256 $got, manifest says $want"

# More than 1000 keys that sort before the snapshot: list must page on.
mkdir -p "$T/many"
for i in $(seq -w 1 1100); do echo "$i" >"$T/many/$i"; done
awsq s3 cp --quiet --recursive "$T/many" "s3://backups/site-a/snapshots/s3p/00000000-junk/" ||
	fail "aws s3 cp of 1100 objects"
n=$(awsq s3 ls --recursive s3://backups | grep -c ' site-a/snapshots/s3p/00000000-junk/')
[ "$n" -eq 1100 ] || fail "expected 1100 junk objects, aws sees $n"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
[ "$(snap_count "$T/s3p.conf")" = 1 ] || fail "list past 1100 keys does not show the snapshot"
expect_exit 0 "$RST" verify "$T/s3p.conf" latest

# A second backup (journal rewritten in place), then the credentials from
# the environment instead of the file.
echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/s3p.conf"
[ "$(snap_count "$T/s3p.conf")" = 2 ] || fail "list does not show 2 snapshots"
expect_exit 0 "$RST" journal verify "$T/s3p.conf"
sed -i '/credentials_file/d' "$T/s3p.conf"
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET expect_exit 0 "$RST" list "$T/s3p.conf"

# A drill restores the latest snapshot from the bucket and passes; prune
# with keep_last = 1 deletes the first snapshot's objects.
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET
expect_exit 0 "$RST" drill "$T/s3p.conf" latest
cp "$T/s3p.conf" "$T/s3p-keep1.conf"
printf 'retention = { keep_last = 1; };\n' >>"$T/s3p-keep1.conf"
expect_exit 0 "$RST" prune "$T/s3p-keep1.conf"
[ "$(snap_count "$T/s3p.conf")" = 1 ] || fail "prune did not leave 1 snapshot"
awsq s3 ls --recursive s3://backups >"$T/ls2.txt" || fail "aws s3 ls"
grep -q "site-a/snapshots/s3p/$id/" "$T/ls2.txt" &&
	fail "prune left objects of $id in the bucket"

# A part above 64 MiB (65 MiB here) goes up as a multipart upload in
# 16 MiB pieces (the server's ETag says how many: "...-5"), and verifies.
m=$T/src/multi
multipart_profile s3m s3p
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET expect_exit 0 "$RST" backup "$T/s3m.conf"
mid=$(AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET snap_count "$T/s3m.conf" >/dev/null;
	json_get "$T/.list.json" 'd["snapshots"][0]["snapshot"]')
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET awsq s3api head-object --bucket backups \
	--key "site-a/snapshots/s3m/$mid/stream.pax.zst.000000" >"$T/head.json" ||
	fail "head-object of the big part"
[ "$(json_get "$T/head.json" 'd["ContentLength"]')" -gt 67000000 ] ||
	fail "the 65M part is not whole on the server: $(cat "$T/head.json")"
json_get "$T/head.json" 'd["ETag"]' | grep -q -- '-5"$' ||
	fail "the 65M part was not a 5-piece multipart upload: $(cat "$T/head.json")"
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET expect_exit 0 "$RST" verify --deep "$T/s3m.conf" latest
rm -rf "$m"

# Virtual-host style (path_style = false): the bucket goes in the host
# name (libcurl resolves BUCKET.localhost to the loopback), so the server
# sees request paths without it.
mk_profile s3v "$d"
sed -i '/^repository = /d' "$T/s3v.conf"
sed -n '/^repository = {/,/^};/p' "$T/s3p.conf" |
	sed -e "s|$EP|http://localhost:$MOTO_PORT|" -e 's|site-a|site-v|' \
	    -e 's|^};|\tpath_style = false;\n};|' >>"$T/s3v.conf"
grep -q 'path_style = false' "$T/s3v.conf" || fail "s3v.conf is not virtual-host style"
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET expect_exit 0 "$RST" backup "$T/s3v.conf"
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET expect_exit 0 "$RST" verify "$T/s3v.conf" latest
grep -q '"PUT /site-v/snapshots/s3v/' "$T/moto.log" ||
	fail "no virtual-host style upload reached the server"
grep -q '"PUT /backups/site-v/' "$T/moto.log" &&
	fail "path_style = false still sent the bucket in the path"

# object_lock_days: the server holds every object under Object Lock
# (governance) until about that many days from now.
export AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY=$SECRET
awsq s3api create-bucket --bucket locked --object-lock-enabled-for-bucket \
	>/dev/null || fail "create a bucket with Object Lock"
mk_profile s3l "$d"
sed -i '/^repository = /d' "$T/s3l.conf"
sed -n '/^repository = {/,/^};/p' "$T/s3p.conf" |
	sed -e 's|s3://backups/site-a|s3://locked/site-l|' \
	    -e 's|^};|	object_lock_days = 2;\n	object_lock_mode = "governance";\n};|' >>"$T/s3l.conf"
expect_exit 0 "$RST" backup "$T/s3l.conf"
[ "$(snap_count "$T/s3l.conf")" = 1 ] || fail "the locked snapshot is not listed"
lid=$(json_get "$T/.list.json" 'd["snapshots"][0]["snapshot"]')
for f in stream.pax.zst.000000 manifest.json.sig; do
	awsq s3api head-object --bucket locked \
		--key "site-l/snapshots/s3l/$lid/$f" >"$T/ret.json" ||
		fail "head-object of $f in the locked bucket"
	python3 - "$T/ret.json" <<'PY' || fail "$f: not under Object Lock for 2 days: $(cat "$T/ret.json")"
import datetime, json, sys
h = json.load(open(sys.argv[1]))
until = datetime.datetime.fromisoformat(h["ObjectLockRetainUntilDate"].replace("Z", "+00:00"))
days = (until - datetime.datetime.now(datetime.timezone.utc)).total_seconds() / 86400
sys.exit(0 if h["ObjectLockMode"] == "GOVERNANCE" and 1.9 < days < 2.1 else 1)
PY
done

# check-config --connect writes its probe without Object Lock headers (a
# locked probe could never be removed) and deletes it.
expect_exit 0 "$RST" check-config --connect "$T/s3l.conf"
expect_stdout "its repository answers"
awsq s3api list-object-versions --bucket locked >"$T/probe.json" ||
	fail "list-object-versions of the locked bucket"
python3 -E - "$T/probe.json" <<'PY' >"$T/probe.ids" || fail "check-config's probe is still current: $(cat "$T/probe.json")"
import json, sys
d = json.load(open(sys.argv[1]))
vs = [v for v in d.get("Versions", []) if "/.tmp-check-config-" in v["Key"]]
assert len(vs) == 1 and not vs[0]["IsLatest"], vs
for v in vs:
    print(v["Key"], v["VersionId"])
PY
read -r pkey pver <"$T/probe.ids"
awsq s3api head-object --bucket locked --key "$pkey" --version-id "$pver" >"$T/probe-head.json" ||
	fail "head-object of the probe version"
! grep -q ObjectLockMode "$T/probe-head.json" || fail "the probe was written under Object Lock"

# A 503 on the first upload and a 429 on the first download (the backup
# reads the repository's key first), from a proxy in front of the server:
# both retried, the snapshot lands and verifies.
cat >"$T/fault.py" <<'PY'
import http.client, http.server, sys
listen, target, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
faults = {"PUT": 503, "GET": 429}	# the first request of each
class Fault(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def relay(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        code = faults.pop(self.command, None)
        if code:
            with open(log, "a") as f:
                f.write("%d %s %s\n" % (code, self.command, self.path))
            msg = b"<Error><Code>SlowDown</Code></Error>"
            self.send_response(code)
            self.send_header("Content-Length", str(len(msg)))
            self.end_headers()
            self.wfile.write(msg)
            return
        c = http.client.HTTPConnection("127.0.0.1", target)
        c.putrequest(self.command, self.path, skip_host=True,
                     skip_accept_encoding=True)
        for k, v in self.headers.items():
            if k.lower() != "expect":
                c.putheader(k, v)
        c.endheaders(body)
        r = c.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection",
                                 "content-length"):
                self.send_header(k, v)
        length = r.getheader("Content-Length") if self.command == "HEAD" \
            else str(len(data))
        self.send_header("Content-Length", length or "0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        c.close()
    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = relay
http.server.ThreadingHTTPServer(("127.0.0.1", listen), Fault).serve_forever()
PY
FPORT=$(free_port)
"${PYTHON:-python3}" "$T/fault.py" "$FPORT" "$MOTO_PORT" "$T/fault.log" 2>"$T/fault.err" &
FAULT_PID=$!
at_exit 'kill "$FAULT_PID" 2>/dev/null; wait "$FAULT_PID" 2>/dev/null'
wait_port "$FPORT" || { cat "$T/fault.err" >&2; fail "the fault proxy did not start"; }
mk_profile s3f "$d"
sed -i '/^repository = /d' "$T/s3f.conf"
sed -n '/^repository = {/,/^};/p' "$T/s3p.conf" |
	sed -e "s|$EP|http://127.0.0.1:$FPORT|" -e 's|site-a|site-f|' >>"$T/s3f.conf"
grep -q ":$FPORT\"" "$T/s3f.conf" || fail "s3f.conf does not go through the proxy"
expect_exit 0 "$RST" backup "$T/s3f.conf"
grep -q "^503 PUT " "$T/fault.log" || fail "the proxy never answered an upload with 503"
grep -q "^429 GET " "$T/fault.log" || fail "the proxy never answered a download with 429"
grep -q "HTTP 503.*retrying" "$ERR" || { cat "$ERR" >&2; fail "the 503 was not retried"; }
grep -q "HTTP 429.*retrying" "$ERR" || { cat "$ERR" >&2; fail "the 429 was not retried"; }
expect_exit 0 "$RST" verify --deep "$T/s3f.conf" latest
kill "$FAULT_PID" 2>/dev/null

# A wrong secret: exit 3 at once, the server named, the secret not shown.
AWS_ACCESS_KEY_ID=$KEY AWS_SECRET_ACCESS_KEY="wrong$SECRET" \
	expect_exit 3 "$RST" --json list "$T/s3p.conf"
expect_stderr "403|SignatureDoesNotMatch"
grep -q -- "$SECRET" "$ERR" "$OUT" && fail "the secret appears in the output"
exit 0
