#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A partial restore of an age-encrypted snapshot fetches the first part
# (for age's header) and the parts holding the selected entries: age
# starts at the 64 KiB STREAM chunk holding the entry's zstd frame (chunk
# = zframe / 65536, at ciphertext offset header + chunk x 65552), zstd at
# the frame, libarchive at zoff.  Each part is verified whole against the
# signed manifest before use.  Through a counting WebDAV server, on a
# snapshot of several frames cut into 1 MiB parts: a one-file restore
# fetches part 0 and at most 2 more; several files are one run, no part
# fetched twice; a flipped byte in a fetched part or in part 0 is exit 4
# with nothing under a final name.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl age-keygen

. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
for f in a1 a2 a3 c1 c3 c4; do
	head -c 6000000 /dev/urandom >"$d/$f.bin"
done
echo "birth certificate 5" >"$d/b-note.txt"
echo "death act 7" >"$d/c2-mid.txt"
echo "minutes 9" >"$d/d-note.txt"


ensure_keys
rcp=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y"
hs_profile enc 'timeout = "20s";' "$d"
printf 'encryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' "$rcp" >>"$T/enc.conf"
hs_backup enc
nparts=$(find "$snap" -name 'stream.pax.zst.age.*' | wc -l)
[ "$nparts" -ge 30 ] || fail "the snapshot has $nparts parts, want at least 30"
age -d -i "$T/keys/age.key" -o "$T/index.jsonl.zst" "$snap/index.jsonl.zst.age" || fail "age -d of the index"
zstd -q -dc "$T/index.jsonl.zst" >"$T/index.jsonl" || fail "zstd -dc of the index"

# part_of NAME: the part holding the age chunk of NAME's frame.
part_of() {
	python3 -c '
import json, sys
p0 = open(sys.argv[3], "rb").read()
h = p0.index(b"\n--- ")
hlen = p0.index(b"\n", h + 1) + 1 + 16
for l in open(sys.argv[1]):
    e = json.loads(l)
    if e["path"].endswith("/" + sys.argv[2]):
        print((hlen + e["zframe"] // 65536 * 65552) // 1048576)
' "$T/index.jsonl" "$1" "$snap/stream.pax.zst.age.000000"
}
restore_some() {
	hs_restore_some "$T/enc.conf" "$id" "$@"
}

pb=$(part_of b-note.txt)
pd=$(part_of d-note.txt)
[ "$pb" -gt 0 ] && [ "$pb" -lt "$pd" ] || fail "unexpected layout: b-note in part $pb, d-note in $pd"

restore_some "$T/r1" '*/b-note.txt'
n=$(wc -l <"$T/fetched")
[ "$n" -ge 2 ] && [ "$n" -le 3 ] || fail "one-file restore fetched $n parts, want part 0 and at most 2 more"
[ "$(head -n 1 "$T/fetched")" = 0 ] || fail "part 0 (age's header) not fetched first"
grep -qx "$pb" "$T/fetched" || fail "b-note.txt's part $pb not fetched"
cmp "$d/b-note.txt" "$T/r1$d/b-note.txt" || fail "restored b-note.txt differs"
[ "$(find "$T/r1" -type f | wc -l)" = 1 ] || fail "the one-file restore wrote other files"

restore_some "$T/r2" '*/c2-mid.txt'
[ "$(wc -l <"$T/fetched")" -le 10 ] || fail "c2-mid.txt: $(wc -l <"$T/fetched") parts fetched"
cmp "$d/c2-mid.txt" "$T/r2$d/c2-mid.txt" || fail "restored c2-mid.txt differs"

restore_some "$T/r3" '*/b-note.txt' '*/d-note.txt' '*/c4.bin'
for f in b-note.txt d-note.txt c4.bin; do
	cmp "$d/$f" "$T/r3$d/$f" || fail "restored $f differs"
done
restore_some "$T/r4" '*'
same_tree "$d" "$T/r4$d" "restore '*'"

# A flipped byte in a part the restore reads (part 0, then b-note's):
# exit 4, nothing under a final name.
for p in 0 "$pb"; do
	part=$(printf '%s/stream.pax.zst.age.%06d' "$snap" "$p")
	cp "$part" "$T/part.orig"
	flip_byte "$part" 70000
	rm -rf "$T/r5"
	hs_restart
	expect_exit 4 "$RST" restore "$T/enc.conf" "$id" --target "$T/r5" '*/b-note.txt'
	hs_stop
	expect_stderr "stream.pax.zst.age.$(printf %06d "$p"): sha256 mismatch"
	[ -z "$(find "$T/r5" -type f 2>/dev/null)" ] || fail "a file was left after a bad part $p"
	cp "$T/part.orig" "$part"
done
