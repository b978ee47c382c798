#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Tampering with any object of a committed snapshot is exit 4 (integrity)
# in verify, verify --deep, restore and list, naming the object: one
# flipped byte or a truncation of a part (the middle one of several),
# index.jsonl.zst, manifest.json or manifest.json.sig, and a deleted part
# or index, swapped parts.  A failed restore must not leave a damaged file
# in the target (a user would take it for restored).  Every case runs on
# a fresh copy (cp -a) of a good repository and its state dir.

. "$(dirname "$0")/lib.sh"
need zstd python3

d=$T/data
mkdir -p "$d/a" "$d/b"
head -c 1500000 /dev/urandom >"$d/a/r1.bin"
head -c 1500000 /dev/urandom >"$d/b/r2.bin"
head -c 600000 /dev/urandom >"$d/r3.bin"
for i in 1 2 3 4 5; do echo "small $i" >"$d/s$i.txt"; done

mk_profile tamper "$d"
expect_exit 0 "$RST" backup "$T/tamper.conf"
good=$T/repo
snap=$(snapdir tamper)
id=$(basename "$snap")
nparts=$(find "$snap" -name 'stream.pax.zst.*' | wc -l)
[ "$nparts" -ge 3 ] || fail "test setup: expected at least 3 parts, got $nparts"
expect_exit 0 "$RST" verify --deep "$T/tamper.conf"

# fresh CASE: a copy of the good repository and of the state dir (same
# host, tampered storage), a profile $T/CASE.conf using both; sets S (the
# snapshot folder in the copy) and P (the profile).
fresh() {
	rm -rf "$T/r-$1" "$T/st-$1" "$T/t-$1"
	cp -a "$good" "$T/r-$1" || fail "cp -a failed"
	cp -a "$T/state" "$T/st-$1" || fail "cp -a failed"
	sed -e "s|^repository = .*|repository = \"file://$T/r-$1\";|" \
		-e "s|^state_dir = .*|state_dir = \"$T/st-$1\";|" "$T/tamper.conf" >"$T/$1.conf"
	S=$T/r-$1/snapshots/tamper/$id
	P=$T/$1.conf
}

# no_bad_files DIR: every regular file restored under DIR is identical to
# its source (a failed restore may stop early but must not leave a damaged
# file behind, which a user could take for restored).  Recorded in DAMAGED
# and reported at the end, so the other checks still run.
DAMAGED=()
no_bad_files() {
	local f rel
	while IFS= read -r -d '' f; do
		rel=${f#"$1"}
		if ! cmp -s "$f" "$rel"; then
			DAMAGED+=("$(basename "$1"): ${rel#"$d"/} ($(stat -c %s "$f") of $(stat -c %s "$rel") bytes)")
			return 0
		fi
	done < <(find "$1" -type f -print0 2>/dev/null)
}

# soft DESC CMD...: run a check (in a subshell, so its fail does not end
# the test); a failure is recorded in FAILED and reported at the end, so
# one broken case does not hide the others.
FAILED=()
soft() {
	local desc=$1
	shift
	if ! ("$@") >"$T/soft.out" 2>&1; then
		cat "$T/soft.out" >&2
		FAILED+=("$desc")
	fi
}

# expect_tamper CASE NAME_REGEX: verify, verify --deep, restore (by id and
# latest) all exit 4 and name the object.
expect_tamper() {
	CASE=$1 OBJ=$2
	soft "$1: verify" eval 'expect_exit 4 "$RST" verify "$P"; expect_stderr "$OBJ"'
	soft "$1: verify ID" eval 'expect_exit 4 "$RST" verify "$P" "$id"; expect_stderr "$OBJ"'
	soft "$1: verify --deep" eval 'expect_exit 4 "$RST" verify --deep "$P"; expect_stderr "$OBJ"'
	soft "$1: verify --json" eval 'expect_exit 4 "$RST" --json verify "$P"
		[ "$(json_get "$OUT" "d[\"exit\"]")" = 4 ] || { show_last; fail "verify --json: exit is not 4"; }'
	soft "$1: restore" eval 'expect_exit 4 "$RST" restore "$P" "$id" --target "$T/t-$CASE"; expect_stderr "$OBJ"'
	no_bad_files "$T/t-$1"
	note "$1: done"
}

mid=$(printf 'stream.pax.zst.%06d' $((nparts / 2)))
last=$(printf 'stream.pax.zst.%06d' $((nparts - 1)))

# Flipped bytes.
fresh flip-part;     flip_byte "$S/$mid" 524288;  expect_tamper flip-part "$mid"
fresh flip-part0;    flip_byte "$S/stream.pax.zst.000000" 100; expect_tamper flip-part0 'stream\.pax\.zst\.000000'
fresh flip-last;     flip_byte "$S/$last" -1;     expect_tamper flip-last "$last"
fresh flip-index;    flip_byte "$S/index.jsonl.zst" 20; expect_tamper flip-index 'index\.jsonl\.zst'
fresh flip-manifest
# a byte inside a sha256 value, so the JSON still parses
off=$(grep -bo '"sha256": "' "$S/manifest.json" | head -n 1 | cut -d: -f1)
flip_byte "$S/manifest.json" $((off + 15))
expect_tamper flip-manifest 'manifest\.json'
soft "flip-manifest: list" eval 'expect_exit 4 "$RST" list "$P"; expect_stderr "manifest\.json"'
fresh flip-manifest-ws   # whitespace only: same JSON, different bytes
sed -i 's/^{/{ /' "$S/manifest.json"
expect_tamper flip-manifest-ws 'manifest\.json'
soft "flip-manifest-ws: list" expect_exit 4 "$RST" list "$P"
fresh flip-sig;      flip_byte "$S/manifest.json.sig" 10; expect_tamper flip-sig 'manifest\.json'
soft "flip-sig: list" eval 'expect_exit 4 "$RST" list "$P"; expect_stderr "manifest\.json"'

# Truncations.
fresh trunc-part;     truncate_file "$S/$mid" 1000;   expect_tamper trunc-part "$mid"
fresh trunc-last;     truncate_file "$S/$last" -1;    expect_tamper trunc-last "$last"
fresh trunc-index;    truncate_file "$S/index.jsonl.zst" -1; expect_tamper trunc-index 'index\.jsonl\.zst'
fresh trunc-manifest; truncate_file "$S/manifest.json" -2; expect_tamper trunc-manifest 'manifest\.json'
soft "trunc-manifest: list" expect_exit 4 "$RST" list "$P"
fresh trunc-sig;      truncate_file "$S/manifest.json.sig" 63; expect_tamper trunc-sig 'manifest\.json'
fresh empty-sig;      truncate_file "$S/manifest.json.sig" 0; expect_tamper empty-sig 'manifest\.json'

# A part grown by one byte.
fresh grow-part;      printf 'x' >>"$S/$mid";         expect_tamper grow-part "$mid"

# Deleted objects.
fresh del-part;       rm -f "$S/$mid";                expect_tamper del-part "$mid"
fresh del-last;       rm -f "$S/$last";               expect_tamper del-last "$last"
fresh del-index;      rm -f "$S/index.jsonl.zst";     expect_tamper del-index 'index\.jsonl\.zst'
fresh del-manifest;   rm -f "$S/manifest.json";       expect_tamper del-manifest 'manifest\.json'

# Parts swapped (each one intact, in the wrong place).
fresh swap
mv "$S/stream.pax.zst.000000" "$T/p0" && mv "$S/stream.pax.zst.000001" "$S/stream.pax.zst.000000" &&
	mv "$T/p0" "$S/stream.pax.zst.000001"
expect_tamper swap 'stream\.pax\.zst\.00000[01]'

# The good repository still verifies (the copies did not touch it).
expect_exit 0 "$RST" verify --deep "$T/tamper.conf"

status=0
if [ "${#FAILED[@]}" -gt 0 ]; then
	echo "failed checks:" >&2
	printf '  %s\n' "${FAILED[@]}" >&2
	status=1
fi
if [ "${#DAMAGED[@]}" -gt 0 ]; then
	echo "damaged files left in the target by a restore that failed:" >&2
	printf '  %s\n' "${DAMAGED[@]}" >&2
	status=1
fi
[ "$status" -eq 0 ] || fail "${#FAILED[@]} failed check(s), ${#DAMAGED[@]} damaging restore(s)"
exit 0
