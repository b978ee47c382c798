#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The configuration block of a fleet report's profile that is not
# configured on the reporting host comes from the verified manifest of its
# newest good snapshot:
#
#   - sources (not for an encrypted profile), encryption and its
#     recipients' SHA-256, compression, part size (more than one part),
#     the repository; "not recorded" for excludes, schedule, retention,
#     Object Lock, never "unknown" and never a default
#   - in HTML, Markdown and JSON (valid against docs/report-schema.json),
#     in English and French
#   - the same profile reported where it is configured: "source":
#     "profile", its level, part size, excludes, schedule and retention
#   - a manifest that does not verify is not read: the block says so and
#     shows none of its content

. "$(dirname "$0")/lib.sh"
need python3 openssl

mkdir -p "$T/a" "$T/e" "$T/noconf"
head -c 2500000 /dev/urandom >"$T/a/blob.bin"
echo "case file" >"$T/e/case.txt"
PART_SIZE=1M mk_profile fa "$T/a"
cat >>"$T/fa.conf" <<'EOF'
exclude = [ "*.tmp" ];
schedule = { backup = "24h"; };
retention = { keep_last = 7; };
EOF
PART_SIZE=1M mk_profile fe "$T/e"
rcpt=$(grep -o 'age1[0-9a-z]*' "$T/.keygen.out" | head -n 1)
[ -n "$rcpt" ] || rcpt=$(age-keygen -y "$T/keys/age.key" 2>/dev/null)
[ -n "$rcpt" ] || fail "no age recipient from keygen"
printf 'encryption = { recipients = [ "%s" ]; };\n' "$rcpt" >>"$T/fe.conf"
expect_exit 0 "$RST" backup "$T/fa.conf"
expect_exit 0 "$RST" backup "$T/fe.conf"

fpr=$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)
fleet() {
	"$RST" -c "$T/noconf" report --repository "file://$T/repo" \
		--pin "fa=SHA256:$fpr" --pin "fe=SHA256:$fpr" --key "$T/keys/signing.pem" "$@"
}

note "a fleet report: the block comes from the manifests"
# No drill ran: exit 1 (not proven), the reports written all the same.
expect_exit 1 fleet --format json --out "$T/fleet.json"
expect_exit 1 fleet --format md --out "$T/fleet.md"
expect_exit 1 fleet --out "$T/fleet.html"
expect_exit 1 fleet --lang fr --format md --out "$T/flotte.md"
schema_check "$T/fleet.json"
python3 - "$T/fleet.json" "$T/repo" "$T/a" <<'PY' || fail "fleet configuration blocks are wrong"
import glob, json, os, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["profiles"]}
def manifest(name):
    m = sorted(glob.glob(os.path.join(sys.argv[2], "snapshots", name, "*", "manifest.json")))[-1]
    return json.load(open(m))
a, e = p["fa"]["config"], p["fe"]["config"]
ma, me = manifest("fa"), manifest("fe")
assert a["source"] == "manifest" and a["manifest"] == {"snapshot": ma["snapshot"]}, a
assert a["sources"] == {"paths": [sys.argv[3]], "exclude": None, "hidden": False}, a
assert a["encryption"] == {"mode": "none", "recipients": None, "recipients_sha256": None}, a
assert a["compression"] == {"algorithm": "zstd", "level": None}, a
assert len(ma["parts"]) > 1 and a["part_size"] == 1048576 == ma["parts"][0]["size"], a
assert a["repository"] == {"scheme": "file", "host": None} and a["off_site"] is False, a
assert a["object_lock"] is None and a["retention"] is None, a
assert a["schedule"] == {"backup_seconds": None, "drill_seconds": None, "prune_seconds": None}, a
assert e["source"] == "manifest" and e["manifest"] == {"snapshot": me["snapshot"]}, e
assert e["sources"] == {"paths": None, "exclude": None, "hidden": True}, e
assert e["encryption"]["mode"] == "age" and e["encryption"]["recipients"] is None, e
assert e["encryption"]["recipients_sha256"] == me["stream"]["recipients_sha256"], e
assert len(me["parts"]) == 1 and e["part_size"] is None, e
PY
# blocks FILE: the configuration blocks of FILE (Markdown or HTML), with
# the sentence before each; the first line is their count.
blocks() {
	python3 - "$1" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[1].endswith(".md"):
    b = re.findall(r"\n### [^\n]*\n(.*?)(?=\n### |\n## |\Z)", s, re.S)
    b = [x for x in b if "**Sources:**" in x]
else:
    b = re.findall(r'<p class="evidence-from">.*?</table>', s, re.S)
print(len(b))
print("\n".join(b))
PY
}
for f in fleet.md fleet.html; do
	blocks "$T/$f" >"$T/blocks.txt"
	[ "$(head -n 1 "$T/blocks.txt")" = 2 ] || { cat "$T/blocks.txt"; fail "$f: not two configuration blocks"; }
	grep -q 'unknown: the profile is not configured' "$T/blocks.txt" && fail "$f: the block says unknown"
	[ "$(grep -o 'what the verified manifest of snapshot 20[0-9T]*Z-[0-9a-f]* records' "$T/blocks.txt" | wc -l)" -eq 2 ] ||
		fail "$f: a block does not name its manifest"
	grep -q 'not recorded' "$T/blocks.txt" || fail "$f: nothing is 'not recorded'"
	sed 's/The profile is not configured on this host//' "$T/blocks.txt" | grep -q 'not configured' &&
		fail "$f: a fleet profile's block shows 'not configured'"
	grep -q "$T/a" "$T/blocks.txt" || fail "$f: the sources of fa are not shown"
	grep -q 'recipients SHA-256 [0-9a-f]\{64\}' "$T/blocks.txt" || fail "$f: no recipients SHA-256 for fe"
done
grep -q '\*\*Part size:\*\* 1[.,]0 MiB' "$T/fleet.md" || { grep -i 'part size' "$T/fleet.md"; fail "fleet.md: no part size"; }
grep -q 'non consigné' "$T/flotte.md" || fail "flotte.md: 'not recorded' is not translated"
grep -q 'manifeste vérifié de' "$T/flotte.md" || fail "flotte.md: the origin is not translated"

note "where the profile is configured: the block comes from the profile"
expect_exit 1 "$RST" report --format json --out "$T/local.json" "$T/fa.conf"
python3 - "$T/local.json" <<'PY' || fail "the local configuration block is wrong"
import json, sys
c = json.load(open(sys.argv[1]))["profiles"][0]["config"]
assert c["source"] == "profile" and c["manifest"] is None, c
assert c["sources"]["exclude"] == ["*.tmp"], c
assert c["compression"] == {"algorithm": "zstd", "level": 3}, c
assert c["part_size"] == 1048576, c
assert c["schedule"]["backup_seconds"] == 86400 and c["retention"]["keep_last"] == 7, c
assert c["encryption"] == {"mode": "none", "recipients": 0}, c
PY
expect_exit 1 "$RST" report --format md --out "$T/local.md" "$T/fa.conf"
grep -q 'not recorded' "$T/local.md" && fail "a configured profile shows 'not recorded'"
grep -q 'zstd, level 3' "$T/local.md" || fail "local.md: no compression level"

note "a manifest that does not verify is not read"
m=$(ls -d "$T/repo/snapshots/fa"/*/ | sort | tail -n 1)manifest.json
python3 - "$m" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace('"zstd"', '"zstx"', 1)
open(p, "w").write(s)
PY
expect_exit 4 fleet --format json --out "$T/bad.json"
python3 - "$T/bad.json" <<'PY' || fail "the block shows a manifest that does not verify"
import json, sys
p = {x["name"]: x for x in json.load(open(sys.argv[1]))["profiles"]}
a = p["fa"]["config"]
assert a["source"] == "manifest" and a["manifest"] is None, a
assert a["sources"]["paths"] is None and a["compression"]["algorithm"] is None, a
assert a["repository"]["scheme"] == "file", a
assert p["fe"]["config"]["manifest"] is not None, p["fe"]["config"]
PY
expect_exit 4 fleet --format md --out "$T/bad.md"
grep -q 'no manifest that verifies names its newest good snapshot' "$T/bad.md" ||
	fail "bad.md: does not say that no manifest verifies"
grep -q 'zstx' "$T/bad.md" && fail "bad.md: shows the forged manifest's content"
echo "fleet configuration blocks checked"
