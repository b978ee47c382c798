#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A snapshot restores and checks without restorable, with stock tools only
# (DESIGN.md): openssl verifies manifest.json.sig with keys/signing.pub and
# with REPO/keys/NAME.pub; cat | zstd -dc | tar -x gives back the source
# tree; sha256sum matches every index entry, every part and the stream.

. "$(dirname "$0")/lib.sh"
need openssl zstd tar sha256sum python3

d=$T/data
mkdir -p "$d/a/b" "$d/empty" "$d/sp ace"
echo one >"$d/one.txt"
echo "procès" >"$d/a/procès-verbal é.txt"
head -c 2500000 /dev/urandom >"$d/a/b/random.bin"
head -c 200000 /dev/zero >"$d/zeros.bin"
: >"$d/sp ace/empty file"
ln -s ../one.txt "$d/a/link"
ln "$d/one.txt" "$d/a/b/hard"
chmod 0640 "$d/one.txt"

mk_profile stock "$d"
expect_exit 0 "$RST" backup "$T/stock.conf"
snap=$(snapdir stock)
m=$snap/manifest.json

# 1. signature, with the key made by keygen and with the repository's copy.
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
	-in "$m" -sigfile "$m.sig" >"$T/ossl.out" 2>&1 || { cat "$T/ossl.out"; fail "openssl rejects the signature with keys/signing.pub"; }
grep -q 'Signature Verified Successfully' "$T/ossl.out" || { cat "$T/ossl.out"; fail "openssl did not verify"; }
openssl pkeyutl -verify -pubin -inkey "$T/repo/keys/stock.pub" -rawin \
	-in "$m" -sigfile "$m.sig" >"$T/ossl.out" 2>&1 || { cat "$T/ossl.out"; fail "openssl rejects the signature with REPO/keys/stock.pub"; }
# ...and rejects it for a changed manifest (so the check above means something).
sed 's/"stock"/"stocK"/' "$m" >"$T/manifest.changed"
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
	-in "$T/manifest.changed" -sigfile "$m.sig" >/dev/null 2>&1 && fail "openssl accepts the signature for a changed manifest"
# The manifest's signing_key fingerprint is SHA-256 of the SPKI DER.
fp=$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)
[ "$(json_get "$m" 'd["signing_key"]')" = "SHA256:$fp" ] || fail "manifest signing_key is not SHA256:<hex of SPKI DER hash>"

# 2. the parts: each sha256 and size as in the manifest, names in order,
# and their concatenation is the stream.
python3 - "$m" "$snap" <<'EOF' || fail "parts do not match the manifest"
import hashlib, json, os, sys
m = json.load(open(sys.argv[1]))
snap = sys.argv[2]
on_disk = sorted(n for n in os.listdir(snap) if n.startswith("stream.pax.zst."))
names = [p["name"] for p in m["parts"]]
assert names == on_disk, (names, on_disk)
assert names == ["stream.pax.zst.%06d" % i for i in range(len(names))], names
assert len(names) >= 3, "expected several 1M parts, got %d" % len(names)
for p in m["parts"][:-1]:
    assert p["size"] == 1048576, p
total = 0
for p in m["parts"]:
    assert os.path.getsize(os.path.join(snap, p["name"])) == p["size"], p
    total += p["size"]
assert m["stream"]["size"] == total, (m["stream"], total)
assert m["stream"]["compression"] == "zstd" and m["stream"]["encryption"] == "none", m["stream"]
ix = m["index"]
assert ix["name"] == "index.jsonl.zst", ix
assert os.path.getsize(os.path.join(snap, "index.jsonl.zst")) == ix["size"], ix
for k in ("format", "version", "profile", "snapshot", "host", "started", "finished", "tool",
          "incomplete", "sources", "stream", "parts", "index", "signing_key"):
    assert k in m, "manifest lacks " + k
assert m["format"] == "restorable-manifest" and m["version"] == 1, m
assert m["snapshot"] == os.path.basename(snap), m["snapshot"]
assert m["profile"] == "stock", m["profile"]
EOF
python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for p in m["parts"]:
    print(p["sha256"] + "  " + p["name"])
' "$m" >"$T/parts.sha256"
(cd "$snap" && sha256sum --quiet -c "$T/parts.sha256") || fail "sha256sum -c of the parts failed"
stream_sum=$(cd "$snap" && cat stream.pax.zst.* | sha256sum | cut -d' ' -f1)
[ "$stream_sum" = "$(json_get "$m" 'd["stream"]["sha256"]')" ] || fail "cat parts | sha256sum is not stream.sha256"
index_sum=$(sha256sum "$snap/index.jsonl.zst" | cut -d' ' -f1)
[ "$index_sum" = "$(json_get "$m" 'd["index"]["sha256"]')" ] || fail "sha256sum of index.jsonl.zst is not index.sha256"

# 3. cat | zstd -dc | tar -x gives the source tree.
x=$T/x
mkdir "$x"
(cd "$snap" && cat stream.pax.zst.*) | zstd -dc | tar -xf - -C "$x" ||
	fail "cat | zstd -dc | tar -xf - failed"
[ -d "$x$d" ] || fail "the stream does not hold the data under its absolute path without /"
diff -r --no-dereference "$d" "$x$d" >"$T/diff.out" 2>&1 || { head -n 30 "$T/diff.out"; fail "tar extraction differs from the source"; }
[ "$(stat -c %i "$x$d/one.txt")" = "$(stat -c %i "$x$d/a/b/hard")" ] || fail "tar extraction: hardlink not a hardlink"
[ "$(readlink "$x$d/a/link")" = ../one.txt ] || fail "tar extraction: symlink target changed"
[ "$(stat -c %a "$x$d/one.txt")" = 640 ] || fail "tar extraction: mode of one.txt is $(stat -c %a "$x$d/one.txt")"
[ "$(stat -c %Y "$x$d/a/b/random.bin")" = "$(stat -c %Y "$d/a/b/random.bin")" ] || fail "tar extraction: file mtime differs"

# 4. every "file" entry of the index matches sha256sum of the extracted file,
# and every extracted regular file / dir / symlink is in the index.
zstd -dc "$snap/index.jsonl.zst" >"$T/index.jsonl" || fail "zstd -dc index.jsonl.zst failed"
python3 - "$T/index.jsonl" "$x" "$d" <<'EOF' >"$T/index.sha256" || fail "index does not describe the extracted tree"
import base64, json, os, sys
root = os.fsencode(sys.argv[2])
seen = set()
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    p = e["path"].encode() if "path" in e else base64.b64decode(e["path_b64"])
    full = os.path.join(root, p)
    seen.add(os.path.normpath(full))
    if e["type"] == "file":
        assert os.path.isfile(full), full
        assert os.path.getsize(full) == e["size"], e
        sys.stdout.buffer.write(e["sha256"].encode() + b"  " + full + b"\n")
        n += 1
    elif e["type"] == "dir":
        assert os.path.isdir(full) and not os.path.islink(full), e
    elif e["type"] == "symlink":
        assert os.path.islink(full), e
    elif e["type"] == "hardlink":
        t = e["target"].encode() if "target" in e else base64.b64decode(e["target_b64"])
        assert os.path.samefile(full, os.path.join(root, t)), e
assert n >= 5, n
data = os.path.join(root, os.fsencode(sys.argv[3]).lstrip(b"/"))
for dp, dns, fns in os.walk(data):
    for name in dns + fns:
        q = os.path.normpath(os.path.join(dp, name))
        assert q in seen, "extracted but not in the index: %r" % q
EOF
sha256sum --quiet -c "$T/index.sha256" || fail "sha256sum of an extracted file differs from the index"
exit 0
