# SPDX-License-Identifier: ISC
#
# The common part of the tests against a second, independent server
# implementation per protocol, sourced after lib.sh (not a test of its
# own: run.sh runs only [0-9]*.sh):
#
#   interop_data            a source tree in $D (names with spaces and
#                           non-ASCII bytes, a symlink, several parts)
#   interop_profile NAME    $T/NAME.conf backing up $D into the repository
#                           group read from stdin (the group's body)
#   interop_roundtrip NAME  backup -> list -> verify --deep -> restore
#                           (same tree) -> drill, then a second backup
#                           (the journal rewritten in place) and journal
#                           verify; $SNAP_ID is the first snapshot
#   interop_download FN     the first snapshot's objects into $T/dl, each
#                           by "FN NAME" (an independent client writing
#                           the object NAME of the snapshot's folder to
#                           $T/dl/NAME)
#   interop_offline DIR     DIR holds the first snapshot as an independent
#                           client downloaded it: stock openssl verifies
#                           the manifest's signature, sha256sum each part,
#                           and cat | zstd -dc | tar -x gives back $D

need python3 zstd openssl tar sha256sum

interop_data() {
	storage_data "sub dir"
	D=$d
}

interop_profile() {
	mk_profile "$1" "$D"
	sed -i '/^repository = /d' "$T/$1.conf"
	{
		echo 'repository = {'
		cat
		echo '};'
	} >>"$T/$1.conf"
}

interop_roundtrip() {
	local conf=$T/$1.conf
	expect_exit 0 "$RST" backup "$conf"
	[ "$(snap_count "$conf")" = 1 ] || fail "list does not show 1 snapshot"
	SNAP_ID=$(json_get "$T/.list.json" 'd["snapshots"][0]["snapshot"]')
	expect_exit 0 "$RST" verify --deep "$conf" latest
	expect_exit 0 "$RST" restore "$conf" "$SNAP_ID" --target "$T/target"
	same_tree "$D" "$T/target$D" "restore"
	expect_exit 0 "$RST" drill "$conf" latest
	echo changed >"$D/a.txt"
	expect_exit 0 "$RST" backup "$conf"
	[ "$(snap_count "$conf")" = 2 ] || fail "list does not show 2 snapshots"
	expect_exit 0 "$RST" journal verify "$conf"
	echo hello >"$D/a.txt"
}

interop_download() {
	local fn=$1 p
	mkdir -p "$T/dl"
	for p in manifest.json manifest.json.sig index.jsonl.zst; do
		"$fn" "$p" || fail "the independent client cannot download $p"
	done
	for p in $(json_get "$T/dl/manifest.json" '" ".join(p["name"] for p in d["parts"])'); do
		"$fn" "$p" || fail "the independent client cannot download $p"
	done
}

interop_offline() {
	local dir=$1 m=$1/manifest.json
	[ -f "$m" ] && [ -f "$m.sig" ] || fail "the download lacks manifest.json or its signature: $(ls -A "$dir")"
	openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
		-in "$m" -sigfile "$m.sig" >"$T/ossl.out" 2>&1 ||
		{ cat "$T/ossl.out" >&2; fail "openssl rejects the downloaded manifest's signature"; }
	grep -q 'Signature Verified Successfully' "$T/ossl.out" || fail "openssl did not verify"
	[ "$(json_get "$m" 'd["snapshot"]')" = "$SNAP_ID" ] || fail "the downloaded manifest is not $SNAP_ID's"
	python3 -c '
import json, sys
for p in json.load(open(sys.argv[1]))["parts"]:
    print(p["sha256"] + "  " + p["name"])
' "$m" >"$T/parts.sha256" || fail "manifest parts"
	[ "$(wc -l <"$T/parts.sha256")" -ge 3 ] || fail "expected at least 3 parts"
	(cd "$dir" && sha256sum --quiet -c "$T/parts.sha256") || fail "a downloaded part does not match the manifest"
	mkdir -p "$T/offline"
	(cd "$dir" && cat $(cut -d' ' -f3 "$T/parts.sha256")) | zstd -dc |
		tar -x -C "$T/offline" 2>"$T/tar.err" || { cat "$T/tar.err" >&2; fail "cat | zstd -dc | tar -x failed"; }
	diff -r --no-dereference "$D" "$T/offline$D" >"$T/offline.diff" 2>&1 ||
		{ head -n 20 "$T/offline.diff" >&2; fail "the stock-tool restore differs from the source"; }
}
