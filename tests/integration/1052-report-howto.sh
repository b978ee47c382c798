#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# "How to check this report": the commands in the HTML report's <pre
# class="cmd"> blocks, run exactly as printed by a POSIX shell (sh) whose
# PATH holds only stock tools (openssl, sha256sum, awk, sed, base64, grep,
# cut, tr, tail, wc, cat, mktemp, rm), in a folder laid out as the report
# says (a copy of the repository's top folder with the report, its .sig
# and the signing key as signing.pub):
#
#   - every block passes and prints OK, in English and in French, and
#     so do the blocks of the Markdown report
#   - after a one-byte edit (XOR 0x01) of the report, signing.pub, a
#     journal line, the head, the manifest, a part or the index, and after
#     a journal line is deleted, the block that checks that file fails
#     (the manifest: both its signature block and its parts block, which
#     ties the repository's manifest to the one the report names)

. "$(dirname "$0")/lib.sh"
need python3 openssl sha256sum awk sed base64

howto_fixture hw
expect_exit 0 "$RST" verify "$P"
expect_exit 0 "$RST" report --out "$T/report.html" "$P"
expect_exit 0 "$RST" report --lang fr --out "$T/rapport.html" "$P"

# blocks HTML DIR: write DIR/N.sh for every command block of HTML.
blocks() {
	python3 - "$1" "$2" <<'PY' || fail "no command blocks in $1"
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
b = re.findall(r'<pre class="cmd"[^>]*>(.*?)</pre>', s, re.S)
assert len(b) == 5, len(b)
for i, x in enumerate(b):
    open("%s/%d.sh" % (sys.argv[2], i), "w").write(html.unescape(x))
PY
}

# fresh REPORT: a new auditor folder $T/aud for REPORT.
fresh() {
	rm -rf "$T/aud"
	cp -r "$T/repo" "$T/aud"
	cp "$T/$1" "$T/$1.sig" "$T/aud/"
	cp "$T/keys/signing.pub" "$T/aud/signing.pub"
}

# run N: run block N in the auditor folder; its exit status.
run() {
	(cd "$T/aud" && PATH=$T/bin sh -e "$T/blocks/$1.sh") >"$T/run.out" 2>&1
}

# flip FILE OFFSET: XOR the byte at OFFSET with 0x01.
flip() {
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 1; open(p, "wb").write(b)' "$1" "$2"
}

mkdir -p "$T/blocks"
for r in report.html rapport.html; do
	note "every block passes ($r)"
	blocks "$T/$r" "$T/blocks"
	fresh "$r"
	for i in 0 1 2 3 4; do
		run "$i" || { cat "$T/run.out" "$T/blocks/$i.sh"; fail "$r: block $i fails on genuine files"; }
		grep -q 'OK' "$T/run.out" || { cat "$T/run.out"; fail "$r: block $i prints no OK"; }
	done
done
grep -q 'stream.pax.zst.000001: OK' "$T/run.out" || { cat "$T/run.out"; fail "not every part was checked"; }

note "the Markdown report's blocks pass too"
expect_exit 0 "$RST" report --format md --out "$T/report.md" "$P"
python3 - "$T/report.md" "$T/blocks" <<'PY' || fail "no command blocks in report.md"
import re, sys
b = re.findall(r"```sh\n(.*?)```", open(sys.argv[1], encoding="utf-8").read(), re.S)
assert len(b) == 5, len(b)
for i, x in enumerate(b):
    open("%s/%d.sh" % (sys.argv[2], i), "w").write(x)
PY
fresh report.md
for i in 0 1 2 3 4; do
	run "$i" || { cat "$T/run.out" "$T/blocks/$i.sh"; fail "report.md: block $i fails on genuine files"; }
done

# edited WHAT FILE BLOCK [OFFSET]: a one-byte edit of FILE (in the auditor
# folder; default: its middle) makes BLOCK fail.
edited() {
	local f=$T/aud/$2 off
	fresh report.html
	off=${4:-$(($(stat -c %s "$f") / 2))}
	flip "$f" "$off"
	if run "$3"; then
		cat "$T/run.out"
		fail "block $3 passes after a one-byte edit of $1"
	fi
	echo "# $1 edited: block $3 fails: $(tail -n 1 "$T/run.out")"
}
blocks "$T/report.html" "$T/blocks"
J=journal/hw.jsonl
line2=$(head -n 1 "$T/repo/$J" | wc -c)
edited "the report" report.html 0
edited "signing.pub" signing.pub 0 40
edited "a journal line" "$J" 1 $((line2 + 40))
edited "the head" journal/hw.head 2 20
snap=$(cd "$T/repo/snapshots/hw" && ls | tail -n 1)
edited "the manifest" "snapshots/hw/$snap/manifest.json" 3
edited "the manifest" "snapshots/hw/$snap/manifest.json" 4
edited "a part" "snapshots/hw/$snap/stream.pax.zst.000001" 4
edited "the index" "snapshots/hw/$snap/index.jsonl.zst" 4

note "a deleted journal line: the chain block fails"
fresh report.html
sed -i 2d "$T/aud/$J"
run 1 && fail "block 1 passes with a journal line deleted"
grep -q 'line 2: seq or prev broken' "$T/run.out" || { cat "$T/run.out"; fail "the deleted line is not named"; }
echo "all blocks checked"
