#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# An incremental's index is compressed against its base's plain index
# with "in" for files (docs/FORMATS.md "Index against the base"):
# index.patch_from is "base-in", an unchanged file costs almost nothing
# (the object is a small fraction of the full's), stock sed and zstd read
# it with --patch-from and its lines are the base's apart from "in"; ls,
# diff, verify --deep, restore and the stock-tool restore read it.  An
# index made against the plain base (patch_from "base", older versions)
# still reads.  Without the base index cache, or with a damaged one, the
# incremental's index stands alone and everything still reads.

. "$(dirname "$0")/lib.sh"
need_faketime
need zstd python3 tar openssl

d=$T/data
for i in $(seq 1 40); do
	mkdir -p "$d/dir$i"
	for j in $(seq 1 25); do head -c $((RANDOM % 900 + 1)) /dev/urandom >"$d/dir$i/file-$j.bin"; done
done
mk_profile ib "$d"
echo 'incremental = { };' >>"$T/ib.conf"
S=$T/repo/snapshots/ib

expect_exit 0 at 1 "$RST" backup "$T/ib.conf"
full=$(basename "$(snapdir ib)")
[ -f "$T/state/cache/ib/base-index" ] || fail "a full left no base index cache"
[ "$(stat -c %a "$T/state/cache/ib/base-index")" = 600 ] || fail "the base index cache is not 0600"
[ "$(json_get "$S/$full/manifest.json" 'd["index"].get("patch_from")')" = None ] ||
	fail "a full's index has patch_from"
echo "new" >"$d/dir1/new.txt"
expect_exit 0 at 2 "$RST" backup "$T/ib.conf"
i1=$(basename "$(snapdir ib)")
[ "$(json_get "$S/$i1/manifest.json" 'd["index"].get("patch_from")')" = base-in ] ||
	fail "the incremental's index is not compressed against its base with \"in\""
# 1000 unchanged files and 41 folders (their stream positions changed):
# a few bytes a folder, nothing per unchanged file.
fsize=$(stat -c %s "$S/$full/index.jsonl.zst")
isize=$(stat -c %s "$S/$i1/index.jsonl.zst")
note "index: full $fsize bytes, incremental $isize bytes"
[ $((isize * 20)) -lt "$fsize" ] || fail "index against the base: $isize bytes, the full's $fsize"
zstd -qdc "$S/$i1/index.jsonl.zst" >/dev/null 2>&1 && fail "the index decompresses without its base"
zstd -dc "$S/$full/index.jsonl.zst" >"$T/base.jsonl"
LC_ALL=C sed -E '/,"type":"(file|hardlink)",/s/,"zframe":[0-9]+,"zoff":[0-9]+}$/,"in":"'"$full"'"}/' \
	"$T/base.jsonl" >"$T/base-in.jsonl"
zstd -qd --patch-from="$T/base-in.jsonl" -c "$S/$i1/index.jsonl.zst" >"$T/inc.jsonl" ||
	fail "zstd --patch-from cannot read the incremental's index"
python3 - "$T/base.jsonl" "$T/inc.jsonl" "$full" <<'PY' || fail "the index read with zstd differs from its base"
import json, sys
base = [json.loads(l) for l in open(sys.argv[1])]
inc = [json.loads(l) for l in open(sys.argv[2])]
new = [e for e in inc if e["path"].endswith("/new.txt")]
assert len(new) == 1 and "in" not in new[0], new
inc = [e for e in inc if e not in new]
assert len(inc) == len(base) == 1041, (len(inc), len(base))
for b, i in zip(base, inc):
    if b["type"] == "file":
        assert i.pop("in") == sys.argv[3], i
        b.pop("zframe"), b.pop("zoff")
    else:
        i.pop("zframe"), i.pop("zoff"), b.pop("zframe"), b.pop("zoff")
    if b["path"].endswith("/dir1"):   # it gained new.txt
        i.pop("mtime"), b.pop("mtime")
    assert b == i, (b, i)
PY
expect_exit 0 at 3 "$RST" ls "$T/ib.conf" "$i1"
expect_stdout 'dir1/new.txt'
expect_exit 0 at 3 "$RST" --json diff "$T/ib.conf" "$full" "$i1"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [e["path"].rsplit("/",2)[-2:] for e in d["added"]] == [["dir1","new.txt"]], d' "$OUT" ||
	fail "diff across the index against the base"
expect_exit 0 at 3 "$RST" verify --deep "$T/ib.conf" "$i1"
expect_exit 0 at 3 "$RST" restore "$T/ib.conf" "$i1" --target "$T/out1"
same_tree "$d" "$T/out1$d" "restore of an incremental whose index is against its base"
expect_exit 0 sh "$SRCDIR/contrib/stock-restore.sh" "$S" "$i1" "$T/keys/signing.pub" "$T/stock"
diff -r --no-dereference "$d" "$T/stock$d" >&2 || fail "stock-tool restore differs"

# An index against the plain base (patch_from "base", older versions),
# signed: ls, verify --deep and restore read it as before.
cp "$S/$i1/index.jsonl.zst" "$S/$i1/manifest.json" "$S/$i1/manifest.json.sig" "$T/"
zstd -q -c --patch-from="$T/base.jsonl" "$T/inc.jsonl" >"$T/inc-base.zst" ||
	fail "compressing the index against the plain base"
index_put "$S/$i1" "$T/inc-base.zst" base
rm -rf "$T/state/index-cache"
expect_exit 0 at 3 "$RST" ls "$T/ib.conf" "$i1"
expect_stdout 'dir1/new.txt'
expect_exit 0 at 3 "$RST" verify --deep "$T/ib.conf" "$i1"
expect_exit 0 at 3 "$RST" restore "$T/ib.conf" "$i1" --target "$T/out-base" '*/dir1' '*/dir1/*'
same_tree "$d/dir1" "$T/out-base$d/dir1" "restore of an incremental whose index is against the plain base"
cp "$T/index.jsonl.zst" "$T/manifest.json" "$T/manifest.json.sig" "$S/$i1/"

# The base's index object must be the one its signed manifest names.
cp "$S/$full/index.jsonl.zst" "$T/saved"
flip_byte "$S/$full/index.jsonl.zst" 100
rm -rf "$T/state/index-cache"
expect_exit 4 at 3 "$RST" ls "$T/ib.conf" "$i1"
expect_stderr "$full/index.jsonl.zst"
cp "$T/saved" "$S/$full/index.jsonl.zst"

# A damaged or lost base index cache: the index stands alone.
printf 'x' >>"$T/state/cache/ib/base-index"
echo "two" >"$d/dir2/new.txt"
expect_exit 0 at 4 "$RST" backup "$T/ib.conf"
expect_stderr 'index stored whole: .*base-index: checksum mismatch'
i2=$(basename "$(snapdir ib)")
[ "$(json_get "$S/$i2/manifest.json" 'd["index"].get("patch_from")')" = None ] ||
	fail "an index with a damaged base cache claims patch_from"
zstd -qdc "$S/$i2/index.jsonl.zst" | grep -q 'dir2/new.txt' || fail "the whole index does not read with zstd -dc"
rm "$T/state/cache/ib/base-index"
echo "three" >"$d/dir3/new.txt"
expect_exit 0 at 5 "$RST" backup "$T/ib.conf"
expect_stderr 'index stored whole: no base index cache'
i3=$(basename "$(snapdir ib)")
[ "$(json_get "$S/$i3/manifest.json" 'd["stream"]["files"]')" = 1 ] || fail "no longer incremental"
expect_exit 0 at 6 "$RST" restore "$T/ib.conf" "$i3" --target "$T/out3"
same_tree "$d" "$T/out3$d" "restore of a chain with both kinds of index"

# verify --deep reads the base's index once, for the patched indexes and
# as the base's own: that one read is checked before either use.  (Last:
# the finding makes the next backup a full.)
flip_byte "$S/$full/index.jsonl.zst" 100
expect_exit 4 at 6 "$RST" verify --deep "$T/ib.conf" "$i3"
expect_stderr "$full/index.jsonl.zst: sha256 mismatch"
exit 0
