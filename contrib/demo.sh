#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The restorable demo: back up profiles/demo-data/ (a small, fictional town
# hall data set) with profiles/demo.conf, prove the snapshot restores, and
# show that stock tools (openssl, sha256sum, zstd, tar) can check and
# restore it without restorable.  Everything it writes is under demo-run/,
# which it removes first.
#
#   bash contrib/demo.sh          (after ./configure && make)
#
# Exits non-zero as soon as a step fails, with that step's exit status.

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

RST=./restorable
PROFILE=profiles/demo.conf
DATA=profiles/demo-data
RUN=demo-run
export RESTORABLE_STATE="$RUN/state"

if [ -t 1 ]; then
	bold=$'\e[1m' green=$'\e[32m' red=$'\e[31m' off=$'\e[0m'
else
	bold='' green='' red='' off=''
fi

step=0
# step TITLE: announce the next step.
step() {
	step=$((step + 1))
	printf '\n%s[%d] %s%s\n' "$bold" "$step" "$1" "$off"
}
# ok WHAT-IT-PROVES
ok() {
	printf '%s    ok:%s %s\n' "$green" "$off" "$*"
}
fail() {
	printf '%s    FAILED:%s %s\n' "$red" "$off" "$*" >&2
	exit "${2:-1}"
}
# run CMD...: show the command, run it, stop the demo if it fails.
run() {
	printf '    $ %s\n' "$*"
	local rc=0
	"$@" || rc=$?
	[ "$rc" -eq 0 ] || fail "exit status $rc from: $*" "$rc"
}

[ -x "$RST" ] || fail "./restorable not found: build it first (./autogen.sh && ./configure && make)"
[ -d "$DATA/registry" ] || fail "$DATA is missing (sh contrib/make-demo-data.sh regenerates it)"
for tool in openssl zstd tar sha256sum diff python3 sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (sh contrib/deps.sh installs it)"
done

rm -rf "$RUN"
mkdir -p "$RUN"

step "Version"
run "$RST" version

step "Generate keys"
run "$RST" keygen --out "$RUN/keys"
mode=$(stat -c %a "$RUN/keys/signing.pem")
[ "$mode" = 600 ] || fail "signing.pem has mode $mode, expected 600"
ok "a fresh Ed25519 signing key (signing.pem, mode 600) and its public half (signing.pub)"
if [ -f "$RUN/keys/age.key" ]; then
	ok "and an age identity (age.key) for encrypted profiles"
fi

step "Validate the profile"
run "$RST" check-config "$PROFILE"
ok "every key of $PROFILE is known and well-formed, every path and key file exists"

step "Back up"
run "$RST" backup "$PROFILE"
ok "the data set was streamed, hashed file by file, compressed, cut into parts,"
ok "and committed by a signed manifest (written last)"

step "List snapshots"
run "$RST" list "$PROFILE"
snapdir=$(find "$RUN/repo/snapshots/demo" -mindepth 1 -maxdepth 1 -type d | sort | tail -n 1)
if [ -z "$snapdir" ] || [ ! -f "$snapdir/manifest.json.sig" ]; then
	fail "no committed snapshot under $RUN/repo/snapshots/demo"
fi
snap=${snapdir##*/}
nparts=$(find "$snapdir" -maxdepth 1 -name 'stream.pax.zst.[0-9]*' | wc -l)
ok "snapshot $snap is committed, in $nparts parts of at most 1 MiB"

step "Verify (signature and part hashes)"
run "$RST" verify "$PROFILE"
ok "the manifest's signature matches signing.pub, and every part hashes as the manifest says"

step "Verify deeply (decompress and re-hash every file)"
run "$RST" verify --deep "$PROFILE"
ok "the stream decompresses and every file in it matches the signed index"

step "Restore the latest snapshot"
run "$RST" restore "$PROFILE" latest --target "$RUN/restored"
abs=$(cd "$DATA" && pwd -P)
restored="$RUN/restored/${abs#/}"
[ -d "$restored" ] || fail "restored data not found at $restored"
ok "restored under $restored"

step "Compare the restored files with the originals"
# The profile excludes *.tmp and cache/: they must be missing, all else equal.
run diff -r --no-dereference --exclude='*.tmp' --exclude=cache "$DATA" "$restored"
[ ! -e "$restored/cache" ] || fail "cache/ was restored although the profile excludes it"
[ ! -e "$restored/documents/scratch.tmp" ] || fail "scratch.tmp was restored although the profile excludes it"
# (A release tarball turns the link into a copy: then there is none to check.)
if [ -L "$DATA/documents/latest-minutes.md" ] && [ ! -L "$restored/documents/latest-minutes.md" ]; then
	fail "the symbolic link came back as something else"
fi
ok "every file, directory and symbolic link is identical (contents and link targets),"
ok "including the UTF-8 name \"procès-verbal 2026.md\"; cache/ and *.tmp were left out"

step "Drill: a test restore with the data set's own checks"
run "$RST" drill "$PROFILE"
ok "restored into a fresh sandbox, every file re-hashed against the signed index,"
ok "the registry database passed its checks, RTO and RPO are within the targets"
run "$RST" list "$PROFILE"
ok "the drill's result is in the signed journal, and list shows it"

step "Without restorable: check the signature with openssl"
run openssl pkeyutl -verify -pubin -inkey "$RUN/keys/signing.pub" -rawin \
	-in "$snapdir/manifest.json" -sigfile "$snapdir/manifest.json.sig"
ok "an auditor needs only openssl and the public key to trust the manifest"

step "Without restorable: check every part's SHA-256 against the manifest"
# The manifest lists {name, size, sha256} per part; print them in
# sha256sum's check format and let sha256sum do the checking.
python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["parts"]:
    print("%s  %s" % (p["sha256"], p["name"]))
' "$snapdir/manifest.json" >"$RUN/parts.sha256"
printf '    $ (cd %s && sha256sum -c %s)\n' "$snapdir" "$root/$RUN/parts.sha256"
(cd "$snapdir" && sha256sum -c "$root/$RUN/parts.sha256") || fail "a part does not match the manifest" 4
ok "the parts on storage are exactly the parts that were signed"

step "Without restorable: list and extract the stream with zstd and tar"
printf '    $ cat %s/stream.pax.zst.* | zstd -dc | tar -tf - | head\n' "$snapdir"
# head closes the pipe early: that is not a failure here.
(set +o pipefail; cat "$snapdir"/stream.pax.zst.* | zstd -dc | tar -tf - | head)
mkdir -p "$RUN/stock-restored"
printf '    $ cat %s/stream.pax.zst.* | zstd -dc | tar -xf - -C %s\n' "$snapdir" "$RUN/stock-restored"
cat "$snapdir"/stream.pax.zst.* | zstd -dc | tar -xf - -C "$RUN/stock-restored" ||
	fail "the stock-tool restore failed"
run diff -r --no-dereference "$restored" "$RUN/stock-restored/${abs#/}"
ok "cat + zstd + tar alone restore the same files: the continuity plan does not"
ok "depend on restorable"

step "Tamper with a part: verify must refuse it"
part=$(find "$snapdir" -maxdepth 1 -name 'stream.pax.zst.[0-9]*' | sort | head -n 1)
cp -p "$part" "$RUN/part.orig"
python3 -c '
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(1000); b = f.read(1); f.seek(1000); f.write(bytes([b[0] ^ 0xFF]))
' "$part"
printf '    $ %s verify %s   (after changing one byte of %s)\n' "$RST" "$PROFILE" "${part##*/}"
rc=0
"$RST" -q verify "$PROFILE" || rc=$?
cp -p "$RUN/part.orig" "$part"
rm -f "$RUN/part.orig"
[ "$rc" -eq 4 ] || fail "verify of a tampered part exited $rc, expected 4 (integrity failure)"
ok "one changed byte is caught: exit status 4, integrity failure (the part is put back)"
run "$RST" -q verify --deep "$PROFILE"
ok "a verify --deep that passes clears the finding: the snapshot is good again"

step "Verify the journal"
run "$RST" journal verify "$PROFILE"
ok "every operation above, the failed verify included, is on record in a"
ok "hash-chained, signed journal: an edit without the key is caught; whoever"
ok "holds the key could rewrite it, so keep each report (report --previous)"

step "Evidence report for the auditor"
run "$RST" report --lang en --format html --out "$RUN/report.html" "$PROFILE"
run openssl pkeyutl -verify -pubin -inkey "$RUN/keys/signing.pub" -rawin \
	-in "$RUN/report.html" -sigfile "$RUN/report.html.sig"
ok "$RUN/report.html: one self-contained page (open it in a browser), signed,"
ok "and its SHA-256 is in the journal; the auditor checks the signature with openssl"

printf '\n%sDemo passed:%s %d steps.  Snapshot %s of profile "demo" was backed up,\n' \
	"$bold$green" "$off" "$step" "$snap"
printf 'verified, drilled, restored by restorable and by stock tools, and tampering was detected.\n'
printf 'Look around in %s/ (repository: %s/repo, keys: %s/keys).\n' "$RUN" "$RUN" "$RUN"
