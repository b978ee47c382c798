#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A file is linked into place only after its bytes matched the signed
# index.  A validly signed snapshot whose stream holds other bytes for
# ok/victim.txt than its index says (forge.py case "content"):
#   - restore into an empty target: exit 4 naming the file, which is not
#     there at all (the files before it are, and match);
#   - restore --overwrite onto a target holding the previous version: exit
#     4, the previous version stays, byte for byte, no temporary file left;
#   - drill: exit 1 with the file counted as changed.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

forge_fixture vp
good_s=$(date -u -d "${gt:0:4}-${gt:4:2}-${gt:6:2}T${gt:9:2}:${gt:11:2}:${gt:13:2}Z" +%s) ||
	fail "cannot read the time of $good"
id=$(date -u -d "@$((good_s + 1))" +%Y%m%dT%H%M%SZ)-c0ffee
python3 "$forge" --case content --outside "$T/outside" --template "$(snapdir vp)/manifest.json" \
	--key "$T/keys/signing.pem" --snapdir "$T/repo/snapshots/vp/$id" >"$T/forge.out" 2>&1 ||
	{ cat "$T/forge.out" >&2; fail "forge.py failed"; }
expect_exit 0 "$RST" verify "$T/vp.conf" "$id"

expect_exit 4 "$RST" restore "$T/vp.conf" "$id" --target "$T/t1"
expect_stderr 'ok/victim.txt: content does not match the signed index'
[ -e "$T/t1/ok/victim.txt" ] && fail "the mismatching file is under its final name"
[ "$(cat "$T/t1/ok/benign.txt")" = benign ] || fail "the verified file before it is missing"
[ -z "$(find "$T/t1" -name '.restorable-tmp-*')" ] || fail "temporary file left"

mkdir -p "$T/t2/ok"
printf 'previous version\n' >"$T/t2/ok/victim.txt"
expect_exit 4 "$RST" restore "$T/vp.conf" "$id" --target "$T/t2" --overwrite
expect_stderr 'ok/victim.txt: content does not match the signed index'
[ "$(cat "$T/t2/ok/victim.txt")" = "previous version" ] || fail "--overwrite replaced the old file with unverified bytes"
[ -z "$(find "$T/t2" -name '.restorable-tmp-*')" ] || fail "temporary file left"
[ "$(find "$T/t2" -type f | wc -l)" = 2 ] || { find "$T/t2"; fail "unexpected files in the target"; }

expect_exit 1 "$RST" --json drill "$T/vp.conf" "$id"
[ "$(json_get "$OUT" 'd["changed"], d["changed_paths"]')" = "(1, ['ok/victim.txt'])" ] ||
	fail "drill: $(json_get "$OUT" 'd')"
[ -z "$(ls -A "$T/scratch")" ] || fail "sandbox left behind"
exit 0
