#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Locked head copies (S3 Object Lock, moto_server on loopback) beside the
# RFC 3161 anchors (a local TSA, tests/integration/tsa.sh): with
# object_lock_days, each stamp also writes journal/NAME.lock/SEQ.head and
# SEQ.tsr under retention.
#
#   - run: the locked copies exist, under Object Lock; report: anchored,
#     the locked head counted, the versions listed, exit 0; a fleet report
#     where the profile is not configured shows Object Lock in use from
#     the locked copies (days and mode not recorded)
#   - the journal rewritten consistently with the key (state dir and
#     repository): the locked head no longer matches (anchor_mismatch with
#     its own text), exit 4
#   - the locked evidence deleted without the bypass right (delete
#     markers): anchor_deleted for each object, exit 4

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tsa.sh"
need python3
need openssl
python3 -c 'import cryptography' 2>/dev/null || skip "optional: python3-cryptography is needed to re-sign a journal"

moto_start
awsq s3api create-bucket --bucket locked --object-lock-enabled-for-bucket \
	>/dev/null || fail "create a bucket with Object Lock"
s3_cred "$T/s3.cred"

tsa_make
tsa_start
d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "ledger" >"$d/ledger.txt"
ensure_keys
cat >"$T/conf/profiles/lk.conf" <<EOF
name = "lk";
paths = [ "$d" ];
repository = {
	url = "s3://locked/site";
	endpoint = "$EP";
	region = "us-east-1";
	credentials_file = "$T/s3.cred";
	object_lock_days = 1;
	object_lock_mode = "governance";
	timeout = "20s";
	retries = 1;
};
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1h"; drill = "1h"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
timestamp = { url = "$TSA_URL"; tsa_ca_file = "$T/tsa/ca.crt"; };
EOF
C=(-c "$T/conf")
SJ=$T/state/journal

# report NAME CODE: JSON report $T/NAME.json with exit CODE, schema-valid.
report() {
	expect_exit "$2" "$RST" "${C[@]}" report --format json --out "$T/$1.json" lk
	schema_check "$T/$1.json"
}

note "run: locked copies of the head and the token"
expect_exit 0 "$RST" "${C[@]}" run lk
expect_stderr "lk: journal line 2 anchored"
for f in 1.head 1.tsr; do
	awsq s3api head-object --bucket locked --key "site/journal/lk.lock/$f" >"$T/h.json" ||
		fail "journal/lk.lock/$f is not in the repository"
	[ "$(json_get "$T/h.json" 'd.get("ObjectLockMode")')" = GOVERNANCE ] ||
		fail "journal/lk.lock/$f is not under Object Lock: $(cat "$T/h.json")"
done
awsq s3 cp "s3://locked/site/journal/lk.lock/1.head" "$T/locked.head" >/dev/null || fail "get the locked head"
cmp -s "$T/locked.head" "$SJ/lk.head" || fail "the locked head is not the journal's head after line 2"
report ok 0
python3 - "$T/ok.json" <<'PY' || fail "ok.json: wrong anchor"
import json, sys
a = json.load(open(sys.argv[1]))["profiles"][0]["journal"]["anchor"]
assert (a["anchored"], a["locked"], a["versions_checked"], a["problems"]) == (True, 1, True, []), a
assert a["newest"]["file"] in ("journal/lk.tsr/1.tsr", "journal/lk.lock/1.tsr"), a["newest"]
PY

note "a fleet report where lk is not configured: Object Lock in use, from the locked copies"
mkdir -p "$T/other/profiles"
sed -e 's/^name = "lk";/name = "other";/' "$T/conf/profiles/lk.conf" >"$T/other/profiles/other.conf"
fpr=$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)
for f in json md; do
	expect_exit 0 "$RST" -c "$T/other" report --repository other --pin "lk=SHA256:$fpr" \
		--key "$T/keys/signing.pem" --tsa-ca "$T/tsa/ca.crt" --format "$f" --out "$T/fleet.$f" lk
done
schema_check "$T/fleet.json"
python3 - "$T/fleet.json" <<'PY' || fail "fleet.json: wrong Object Lock"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["profiles"][0]["config"]
assert c["source"] == "manifest", c
n = d["profiles"][0]["journal"]["anchor"]["locked"]
assert n >= 1 and c["object_lock"] == {"days": None, "mode": None, "locked_copies": n}, (n, c)
assert c["repository"]["scheme"] == "s3", c
PY
grep -Eq "Object Lock:\*\* in use: [0-9]+ locked cop(y|ies) of the journal's head found" "$T/fleet.md" ||
	{ grep 'Object Lock' "$T/fleet.md"; fail "fleet.md: Object Lock not shown in use"; }

note "the journal rewritten consistently with the key"
journal_rewrite "$T/keys/signing.pem" "$SJ/lk.jsonl" "$SJ/lk.head" 0
for f in lk.jsonl lk.head; do
	awsq s3 cp "$SJ/$f" "s3://locked/site/journal/$f" >/dev/null || fail "put the rewritten $f"
done
expect_exit 0 "$RST" "${C[@]}" journal verify lk
report rewritten 4
python3 - "$T/rewritten.json" <<'PY' || fail "rewritten.json: the locked head does not show the rewrite"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
f = {x["file"]: (x["code"], x["integrity"], x["text"]) for x in p["findings"]}
assert f["journal/lk.lock/1.head"] == ("anchor_mismatch", True, "the locked head copy journal/lk.lock/1.head does not match the journal of lk: the journal was rewritten after it was locked"), f
# the same token in journal/lk.tsr/ and journal/lk.lock/ is checked once
assert [v[0] for k, v in f.items() if k.endswith("/1.tsr")] == ["anchor_mismatch"], f
assert p["verdict"]["restorable"] is False, p["verdict"]
PY

note "the locked evidence hidden by delete markers"
awsq s3api list-objects-v2 --bucket locked --prefix site/journal/lk.lock/ >"$T/locked.json" || fail "list the locked folder"
keys=$(json_get "$T/locked.json" '" ".join(o["Key"] for o in d["Contents"])')
for k in $keys; do
	awsq s3api delete-object --bucket locked --key "$k" >/dev/null || fail "delete-object $k"
done
awsq s3api list-objects-v2 --bucket locked --prefix site/journal/lk.lock/ >"$T/after.json"
# (the aws CLI prints nothing for an empty listing)
[ ! -s "$T/after.json" ] || [ "$(json_get "$T/after.json" 'len(d.get("Contents", []))')" = 0 ] ||
	fail "the delete markers do not hide the objects"
report deleted 4
python3 - "$T/deleted.json" "$keys" <<'PY' || fail "deleted.json: no anchor_deleted"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
want = sorted(k[len("site/"):] for k in sys.argv[2].split())
got = sorted(x["file"] for x in p["findings"] if x["code"] == "anchor_deleted")
assert got == want and len(want) >= 2, (got, want)
x = [x for x in p["findings"] if x["file"] == "journal/lk.lock/1.head"][0]
assert x["integrity"] is True and x["text"] == "the locked evidence journal/lk.lock/1.head of the journal of lk was deleted (a delete marker hides it)", x
PY
exit 0
