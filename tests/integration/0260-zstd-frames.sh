#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The archive stream is a series of zstd frames, a new one at the first
# entry after every ~16 MiB of input (docs/FORMATS.md), and every index
# entry says where it starts: "zframe" (offset of its frame in the zstd
# stream) and "zoff" (offset of its first header block, the pax "x" header
# when there is one, inside that frame).  Checked with stock tools: each
# frame decompresses on its own, ends exactly where the next begins, and
# holds every entry's header at the place the index says.  The stock-tool
# restore of the whole stream still works, as does restorable's.

. "$(dirname "$0")/lib.sh"
need python3 zstd tar openssl

d=$T/data
mkdir -p "$d/a" "$d/b"
long=$(printf 'x%.0s' $(seq 1 120))
for i in 1 2 3 4 5 6 7; do
	head -c 6000000 /dev/urandom >"$d/a/blob$i.bin"
	echo "note $i" >"$d/b/note$i.txt"
done
echo "a long name" >"$d/b/$long.txt"
ln -s note1.txt "$d/b/link"
ln "$d/b/note2.txt" "$d/b/hard"

PART_SIZE=4M mk_profile frames "$d"
expect_exit 0 "$RST" backup "$T/frames.conf"
snap=$(snapdir frames)
index_lines "$snap" >"$T/index.jsonl"
cat "$snap"/stream.pax.zst.* >"$T/stream.zst"

python3 - "$T/index.jsonl" "$T/stream.zst" "$d" <<'EOF' || fail "frames do not match the index"
import json, subprocess, sys
entries = [json.loads(l) for l in open(sys.argv[1], "rb")]
stream = open(sys.argv[2], "rb").read()
root = sys.argv[3].lstrip("/")
frames = sorted({e["zframe"] for e in entries})
assert len(frames) >= 2, "want several frames, got %r" % frames
prev = (-1, -1)
for e in entries:
    assert isinstance(e.get("zframe"), int) and isinstance(e.get("zoff"), int), e
    pos = (e["zframe"], e["zoff"])
    assert pos > prev, ("entries out of stream order", prev, pos)
    if e["zframe"] != prev[0]:
        assert e["zoff"] == 0, ("a frame does not start at an entry", e)
    prev = pos
bounds = frames + [len(stream)]
plain = {}
for i, f in enumerate(frames):
    # One frame, cut at the next one's offset: it must decompress alone.
    out = subprocess.run(["zstd", "-dc"], input=stream[f:bounds[i + 1]],
                         stdout=subprocess.PIPE, check=True).stdout
    plain[f] = out
    if i + 1 < len(frames):
        assert len(out) >= 16 << 20, ("frame %d holds only %d bytes" % (i, len(out)))
        assert len(out) <= (16 << 20) + 6000000 + 4096, ("frame %d holds %d bytes" % (i, len(out)))

def header_path(block, rest):
    name = block[0:100].rstrip(b"\0")
    prefix = block[345:500].rstrip(b"\0")
    typ = block[156:157]
    if typ == b"x":
        size = int(block[124:136].rstrip(b"\0 ") or b"0", 8)
        recs = rest[:size]
        while recs:
            n, _, body = recs.partition(b" ")
            rec = body[:int(n) - len(n) - 1]
            k, _, v = rec.partition(b"=")
            if k == b"path":
                return v.rstrip(b"\n").decode()
            recs = recs[int(n):]
        # No "path" record: the name is in the ustar header that follows.
        nxt = 512 * ((size + 511) // 512)
        return header_path(rest[nxt:nxt + 512], rest[nxt + 512:])
    return (prefix + b"/" + name if prefix else name).decode()

seen_pax = False
for e in entries:
    buf = plain[e["zframe"]]
    block = buf[e["zoff"]:e["zoff"] + 512]
    assert len(block) == 512, e
    if block[156:157] == b"x":
        seen_pax = True
    p = header_path(block, buf[e["zoff"] + 512:])
    want = e["path"]
    assert p is not None and p.rstrip("/") == want, ("header at zoff names %r, index %r" % (p, want))
assert seen_pax, "no entry with a pax header (the long name should have one)"
print("%d entries in %d frames" % (len(entries), len(frames)))
EOF

# Stock tools read the concatenated frames as one stream.
mkdir "$T/x"
zstd -dc "$T/stream.zst" | tar -xf - -C "$T/x" || fail "cat | zstd -dc | tar -x failed"
same_tree "$d" "$T/x$d" "stock-tool restore"
expect_exit 0 "$RST" restore "$T/frames.conf" latest --target "$T/r"
same_tree "$d" "$T/r$d" "restore"

# zframe without zoff is a malformed index (exit 4), even under a valid
# signature.
index_rewrite "$snap" 'if i == len(lines) - 1: del e["zoff"]'
expect_exit 4 "$RST" restore "$T/frames.conf" latest --target "$T/r2"
expect_stderr 'index.jsonl.zst: index: malformed entry'
