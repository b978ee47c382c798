#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The index's sha256 field is exactly 64 lowercase hex digits or the index
# is refused: a validly signed snapshot whose index gives a directory a
# short "sha256", or a file an uppercase or over-long one, fails verify
# --deep and drill with exit 4 (before, the short field was read
# 65 bytes past its end and the snapshot passed).  The genuine index,
# re-signed the same way, still passes (the rewriting changes nothing).

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

d=$T/data
mkdir -p "$d/sub"
echo hello >"$d/sub/a.txt"
mk_profile ix "$d"
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T" >>"$T/ix.conf"
expect_exit 0 "$RST" backup "$T/ix.conf"
snap=$(snapdir ix)
id=$(basename "$snap")
index_lines "$snap" >"$T/good.jsonl"
cp -a "$snap" "$T/orig"

resign() {
	rm -rf "$snap"
	cp -a "$T/orig" "$snap"
	python3 "$SRCDIR/tests/integration/resign.py" --snapdir "$snap" \
		--key "$T/keys/signing.pem" --index "$1" || fail "resign.py failed"
}

# The rewriting itself is harmless.
resign "$T/good.jsonl"
expect_exit 0 "$RST" verify --deep "$T/ix.conf" "$id"

for c in dir-short file-upper file-long; do
	python3 - "$T/good.jsonl" "$c" >"$T/$c.jsonl" <<'PY' || fail "cannot edit the index"
import json, sys
case = sys.argv[2]
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    if case == "dir-short" and e["type"] == "dir":
        e["sha256"] = "ab"
    elif case == "file-upper" and e["type"] == "file":
        e["sha256"] = e["sha256"].upper()
    elif case == "file-long" and e["type"] == "file":
        e["sha256"] = e["sha256"] + "00"
    print(json.dumps(e, separators=(",", ":")))
PY
	resign "$T/$c.jsonl"
	expect_exit 0 "$RST" verify "$T/ix.conf" "$id"
	expect_exit 4 "$RST" verify --deep "$T/ix.conf" "$id"
	expect_stderr 'index'
	expect_exit 4 "$RST" drill "$T/ix.conf" "$id"
done
exit 0
