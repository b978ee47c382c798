#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report --bundle DIR: the folder an auditor receives.
#
#   - DIR holds the report, its .sig, signing.pub, keys/NAME.pub,
#     journal/NAME.jsonl and .head (with the report's own record) and the
#     manifest (+ .sig) of the verdict's snapshot, and no part
#   - every block of "How to check this report", taken from the HTML
#     <pre> blocks, the Markdown fences and the JSON's how_to_check, runs
#     exactly as printed with stock tools only: in DIR, except the block
#     that says it needs the repository (the parts), run in a copy of it
#   - a fleet bundle (--repository, no profile configured here) too
#   - with an RFC 3161 time-stamp authority: the token block runs in the
#     bundle with the bundle's copy of the TSA's certificate; no block
#     names a file outside the bundle
#   - a one-byte edit of a bundled journal line makes its block fail
#   - an existing non-empty DIR, --out with --bundle, a DIR whose parent
#     is missing: exit 2, one line naming it, nothing written; an empty
#     DIR is used (and --json names it)
#   - a failure while the bundle is written (the profile's lock held)
#     leaves neither DIR nor DIR.tmp-*

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tsa.sh"
need python3 openssl sha256sum awk sed base64 flock

howto_fixture bu

# blocks FILE DIR [N]: write DIR/I.sh (and DIR/I.repo when the block needs
# the repository) for every block of FILE (HTML, Markdown or JSON); there
# must be N blocks (default 5), the parts block last.
blocks() {
	rm -rf "$2"
	mkdir -p "$2"
	python3 - "$1" "$2" "${3:-5}" <<'PY' || fail "no command blocks in $1"
import html, json, re, sys
f, out = sys.argv[1], sys.argv[2]
s = open(f, encoding="utf-8").read()
if f.endswith(".json"):
    h = json.loads(s)["how_to_check"]
    assert h["bundle"] is True
    b = [(x["commands"], x["needs_repository"]) for x in h["steps"]]
else:
    if f.endswith(".html"):
        c = [html.unescape(x) for x in
             re.findall(r'<pre class="cmd"[^>]*>(.*?)</pre>', s, re.S)]
    else:
        c = re.findall(r"```sh\n(.*?)```", s, re.S)
    # The parts block is the one that works in snapshots/ without its
    # manifest signature: it starts by checking the manifest's SHA-256.
    b = [(x, "sha256sum -c" in x) for x in c]
n = int(sys.argv[3])
assert len(b) == n, len(b)
assert [r for _, r in b] == [False] * (n - 1) + [True], b
for i, (x, r) in enumerate(b):
    open("%s/%d.sh" % (out, i), "w").write(x)
    if r:
        open("%s/%d.repo" % (out, i), "w").write("")
PY
}

# run_blocks BUNDLE BLOCKS: every block, as printed, where it says it runs.
run_blocks() {
	local f where
	grep -l "$T" "$2"/*.sh && fail "$1: a block names a file outside the bundle"
	for f in "$2"/*.sh; do
		where=$1
		[ -e "${f%.sh}.repo" ] && where=$T/repocopy
		(cd "$where" && PATH=$T/bin sh -e "$f") >"$T/run.out" 2>&1 ||
			{ cat "$T/run.out" "$f"; fail "$1: $(basename "$f") fails"; }
		grep -q 'OK' "$T/run.out" || { cat "$T/run.out"; fail "$1: $(basename "$f") prints no OK"; }
	done
}
rm -rf "$T/repocopy"
cp -r "$T/repo" "$T/repocopy"

note "a bundle in each format: every printed block passes"
for fmt in html md json; do
	expect_exit 0 "$RST" report --format "$fmt" --bundle "$T/b-$fmt" "$P"
	B=$T/b-$fmt
	for f in "report.$fmt" "report.$fmt.sig" signing.pub keys/bu.pub \
	    journal/bu.jsonl journal/bu.head; do
		[ -s "$B/$f" ] || fail "$fmt bundle: no $f"
	done
	[ "$(find "$B/snapshots" -name manifest.json | wc -l)" -eq 1 ] || fail "$fmt bundle: not one manifest"
	[ "$(find "$B/snapshots" -name manifest.json.sig | wc -l)" -eq 1 ] || fail "$fmt bundle: no manifest.json.sig"
	find "$B" -name 'stream.*' -o -name 'index.jsonl*' | grep -q . && fail "$fmt bundle: holds parts"
	ls -d "$T"/b-"$fmt".tmp-* 2>/dev/null && fail "a temporary folder was left"
	# The bundled journal carries the report's own record, with its hash.
	sha=$(sha256sum <"$B/report.$fmt" | cut -d' ' -f1)
	tail -n 1 "$B/journal/bu.jsonl" | grep -q "\"kind\":\"report\".*\"sha256\":\"$sha\"" ||
		fail "$fmt bundle: the journal's last record is not this report's"
	blocks "$B/report.$fmt" "$T/blk-$fmt"
	run_blocks "$B" "$T/blk-$fmt"
done
grep -q 'stream.pax.zst.000002: OK' "$T/run.out" || { cat "$T/run.out"; fail "not every part was checked"; }
schema_check "$T/b-json/report.json"

note "the parts block fails in the bundle itself (no parts there)"
(cd "$T/b-html" && PATH=$T/bin sh -e "$T/blk-html/4.sh") >"$T/run.out" 2>&1 &&
	fail "the parts block passes without the parts"

note "a fleet bundle: journals from the repository"
fpr=$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)
mkdir -p "$T/noconf"
expect_exit 0 "$RST" -c "$T/noconf" report --repository "file://$T/repo" \
	--pin "bu=SHA256:$fpr" --key "$T/keys/signing.pem" --bundle "$T/b-fleet"
blocks "$T/b-fleet/report.html" "$T/blk-fleet"
run_blocks "$T/b-fleet" "$T/blk-fleet"

note "with a time-stamp authority: the token block runs in the bundle"
tsa_make
tsa_start
mk_profile ts "$d"
printf 'timestamp = { url = "%s"; tsa_ca_file = "%s/tsa/ca.crt"; };\n' "$TSA_URL" "$T" >>"$T/ts.conf"
expect_exit 0 "$RST" backup "$T/ts.conf"
# A report stamps its own record: the next one has a token to show.
expect_exit 1 "$RST" report --out "$T/ts-first.html" "$T/ts.conf"
expect_exit 1 "$RST" report --bundle "$T/b-ts" "$T/ts.conf"
[ -s "$T/b-ts/keys/ts.tsa-ca.pem" ] || fail "no TSA certificate in the bundle"
ls "$T/b-ts/journal/ts.tsr/"*.tsr >/dev/null 2>&1 || fail "no token in the bundle"
blocks "$T/b-ts/report.html" "$T/blk-ts" 6
grep -q 'openssl ts -verify' "$T/blk-ts/3.sh" || fail "block 3 is not the token's"
rm -rf "$T/repocopy"
cp -r "$T/repo" "$T/repocopy"
run_blocks "$T/b-ts" "$T/blk-ts"
flip_byte "$T/b-ts/keys/ts.tsa-ca.pem" 100
(cd "$T/b-ts" && PATH=$T/bin sh -e "$T/blk-ts/3.sh") >"$T/run.out" 2>&1 &&
	fail "the token block passes with another certificate"

note "a one-byte edit of a bundled journal line: its block fails"
J=$T/b-html/journal/bu.jsonl
off=$(($(head -n 1 "$J" | wc -c) + 40))
flip_byte "$J" "$off"
(cd "$T/b-html" && PATH=$T/bin sh -e "$T/blk-html/1.sh") >"$T/run.out" 2>&1 &&
	{ cat "$T/run.out"; fail "the journal block passes after a one-byte edit"; }
grep -q 'line 2: signature does not verify' "$T/run.out" || { cat "$T/run.out"; fail "the edited line is not named"; }
cat "$T/run.out"

note "bad folders: exit 2, one line naming the folder, nothing written"
digest() { (cd "$1" && find . -type f -exec sha256sum {} + | LC_ALL=C sort); }
before=$(digest "$T/b-html")
expect_exit 2 "$RST" report --bundle "$T/b-html" "$P"
expect_stderr "report: --bundle $T/b-html: exists and is not empty"
[ "$(grep -c . "$ERR")" -eq 1 ] || { cat "$ERR"; fail "not one line"; }
[ "$(digest "$T/b-html")" = "$before" ] || fail "the existing folder was changed"
expect_exit 2 "$RST" report --bundle "$T/nowhere/b" "$P"
expect_stderr "report: --bundle $T/nowhere/b: cannot create"
[ -e "$T/nowhere" ] && fail "the missing parent was created"
echo x >"$T/afile"
expect_exit 2 "$RST" report --bundle "$T/afile" "$P"
expect_stderr "report: --bundle $T/afile: exists and is not a folder"
expect_exit 2 "$RST" report --out "$T/r.html" --bundle "$T/b-both" "$P"
expect_stderr "report: --out and --bundle: give one"
[ -e "$T/b-both" ] || [ -e "$T/r.html" ] && fail "written despite the usage error"
mkdir "$T/b-empty"
expect_exit 0 "$RST" --json report --bundle "$T/b-empty" "$P"
[ -s "$T/b-empty/report.html" ] || fail "an empty folder was not used"
python3 - "$OUT" "$T/b-empty" <<'PY' || { cat "$OUT"; fail "--json does not name the bundle"; }
import json, sys
d = json.load(open(sys.argv[1]))
assert d["bundle"] == sys.argv[2] and d["output"] is None, d
PY

note "a failure while writing leaves no half bundle"
lockfile=$T/state/locks/bu.lock
(exec 9>>"$lockfile" && flock 9 && exec sleep 20) &
fpid=$!
at_exit "kill $fpid 2>/dev/null"
for _ in $(seq 50); do
	flock -n -E 99 "$lockfile" true
	[ $? -eq 99 ] && break
	sleep 0.1
done
expect_exit 5 "$RST" report --bundle "$T/b-locked" "$P"
kill "$fpid" 2>/dev/null
wait "$fpid" 2>/dev/null
[ -e "$T/b-locked" ] && fail "a half bundle was left under its name"
ls -d "$T"/b-locked.tmp-* 2>/dev/null && fail "a temporary folder was left"
echo "bundles checked"
