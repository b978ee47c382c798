#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report --repository URL against a remote repository (WebDAV, nginx on
# loopback): a URL alone has no state_dir, so the report spools into a
# private folder under $TMPDIR, removed afterwards.
#
#   - a repository served read-only and without credentials over plain
#     HTTP on 127.0.0.1: the fleet report exits 0, its journal verified,
#     and nothing is left in $TMPDIR
#   - $TMPDIR missing: exit 2, the message names the folder

. "$(dirname "$0")/lib.sh"
need python3 openssl
. "$(dirname "$0")/davd.sh"

PLAIN=$(free_port)
DAV_EXTRA="listen 127.0.0.1:$PLAIN; location /pub/ { dav_ext_methods PROPFIND OPTIONS; }" dav_setup
dav_start
wait_port "$PLAIN" || fail "nginx's plain listener did not start"

d=$T/data
mkdir -p "$d" "$T/empty" "$T/tmpd"
echo "ledger 2026" >"$d/ledger.txt"
mk_profile rw "$d"
sed -i "s|^repository = .*|repository = \"file://$W/dav/pub/repo\";|" "$T/rw.conf"
printf 'drill = { scratch_dir = "%s/scratch"; rto_target = "1h"; rpo_target = "26h"; };\n' "$T" >>"$T/rw.conf"
expect_exit 0 "$RST" backup "$T/rw.conf"
expect_exit 0 "$RST" drill "$T/rw.conf"

FPR="SHA256:$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)"
URL=webdav+http://127.0.0.1:$PLAIN/pub/repo

note "fleet report over WebDAV by URL"
expect_exit 0 env TMPDIR="$T/tmpd" "$RST" -c "$T/empty" report --repository "$URL" \
	--pin "rw=$FPR" --format json --key "$T/keys/signing.pem" --out "$T/r.json"
[ "$(json_get "$T/r.json" '[(p["name"], p["journal"]["verified"]) for p in d["profiles"]]')" = \
	"[('rw', True)]" ] || fail "the journal read over WebDAV is not verified"
[ "$(json_get "$T/r.json" '[p["verdict"]["restorable"] for p in d["profiles"]]')" = "[True]" ] ||
	fail "the profile is not proven restorable over WebDAV"
grep -q '"GET /pub/repo/journal/rw.jsonl ' "$W/logs/access.log" ||
	fail "the journal was not read from the server"
[ -z "$(ls -A "$T/tmpd")" ] || fail "left in \$TMPDIR: $(ls -A "$T/tmpd")"

note "no \$TMPDIR"
expect_exit 2 env TMPDIR="$T/nowhere" "$RST" -c "$T/empty" report --repository "$URL" \
	--pin "rw=$FPR" --format json --key "$T/keys/signing.pem" --out "$T/r2.json"
expect_stderr "spool folder in $T/nowhere"
[ -e "$T/r2.json" ] && fail "a report was written without a spool folder"
exit 0
