#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A sparse 5 GiB file: backed up without reading 5 GiB into the repository
# (it stays under 10 MiB), indexed with its logical size and the sha256 of
# its content (holes as zeros), restored identical (cmp) and still sparse.

. "$(dirname "$0")/lib.sh"
need zstd python3

d=$T/data
mkdir -p "$d"
f=$d/sparse.img
size=5368709120
truncate -s 5G "$f" || skip "cannot create a 5 GiB sparse file here"
[ "$(du -k "$f" | cut -f1)" -lt 1024 ] || skip "the filesystem under $T does not keep files sparse"
printf 'START' | dd of="$f" bs=1 seek=0 conv=notrunc status=none
printf 'ONE-GIB' | dd of="$f" bs=1 seek=1073741824 conv=notrunc status=none
printf 'THE-END' | dd of="$f" bs=1 seek=$((size - 100)) conv=notrunc status=none
[ "$(stat -c %s "$f")" -eq "$size" ] || fail "test setup: the file is not 5 GiB"
[ "$(du -k "$f" | cut -f1)" -lt 1024 ] || skip "the filesystem under $T does not keep files sparse"
echo "small" >"$d/small.txt"

# The expected sha256 of the content (holes read as zeros).  Streamed
# through sha256sum it would read 5 GiB; the result is the same as hashing
# the sparse map, so compute it once with python over the data segments.
want=$(python3 - "$f" <<'EOF'
import hashlib, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
size = os.fstat(fd).st_size
h = hashlib.sha256()
zero = bytes(1 << 20)
pos = 0
while pos < size:
    try:
        data = os.lseek(fd, pos, os.SEEK_DATA)
    except OSError:
        data = size
    while pos < data:                       # a hole: zeros
        n = min(len(zero), data - pos)
        h.update(zero[:n]); pos += n
    if pos >= size:
        break
    hole = os.lseek(fd, pos, os.SEEK_HOLE)
    while pos < hole:
        chunk = os.pread(fd, min(1 << 20, hole - pos), pos)
        h.update(chunk); pos += len(chunk)
print(h.hexdigest())
EOF
) || fail "cannot hash the sparse file"

PART_SIZE=1M mk_profile sparse "$d"
start=$SECONDS
expect_exit 0 "$RST" backup "$T/sparse.conf"
note "backup took $((SECONDS - start))s"
repo_kib=$(du -sk "$T/repo" | cut -f1)
note "repository: ${repo_kib} KiB"
[ "$repo_kib" -lt 10240 ] || fail "repository is ${repo_kib} KiB for a sparse file with 19 bytes of data (limit 10 MiB)"

snap=$(snapdir sparse)
index_lines "$snap" >"$T/index.jsonl"
python3 - "$T/index.jsonl" "${f#/}" "$size" "$want" <<'EOF' || fail "index entry of the sparse file is wrong"
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("path") == sys.argv[2]:
        assert e["type"] == "file", e
        assert e["size"] == int(sys.argv[3]), "size %r, want %s" % (e["size"], sys.argv[3])
        assert e["sha256"] == sys.argv[4], "sha256 %s, want %s" % (e["sha256"], sys.argv[4])
        break
else:
    raise SystemExit("no index entry for " + sys.argv[2])
EOF

expect_exit 0 "$RST" verify "$T/sparse.conf"
expect_exit 0 "$RST" verify --deep "$T/sparse.conf"
start=$SECONDS
expect_exit 0 "$RST" restore "$T/sparse.conf" latest --target "$T/target"
note "restore took $((SECONDS - start))s"
r=$T/target$f
[ -f "$r" ] || fail "restored sparse file is missing"
[ "$(stat -c %s "$r")" -eq "$size" ] || fail "restored size is $(stat -c %s "$r"), not $size"
used=$(du -k "$r" | cut -f1)
note "restored file uses ${used} KiB on disk"
[ "$used" -lt 65536 ] || fail "restored file is not sparse: ${used} KiB on disk"
cmp "$f" "$r" || fail "restored sparse file differs from the original"
cmp "$d/small.txt" "$T/target$d/small.txt" || fail "small.txt differs"
[ "$(stat -c %Y "$r")" = "$(stat -c %Y "$f")" ] || fail "mtime of the sparse file not restored"
exit 0
