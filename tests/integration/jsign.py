#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/integration/jsign.py -- write a journal and its head signed with
# any Ed25519 key, as another host (or an attacker with a key of their own)
# would: each line chained to the previous one (the first to the SHA-256
# of the public key PEM) and signed over its bytes up to ,"sig":" + "}".
#
#   jsign.py --key SIGNING.PEM --records FILE --out-jsonl J --out-head H
#
# FILE holds one JSON object per line with the fields after "prev" (kind,
# host, user, result, exit, data) and "ts"; v, seq and prev are added.

import argparse
import base64
import hashlib
import json
import subprocess
import tempfile


def sign(key, body):
    # pkeyutl -rawin needs a file it can size, not a pipe.
    with tempfile.NamedTemporaryFile() as f:
        f.write(body)
        f.flush()
        return base64.b64encode(subprocess.run(
            ["openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin",
             "-in", f.name], stdout=subprocess.PIPE,
            check=True).stdout).decode()


def sealed(key, obj):
    body = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()
    return body[:-1] + (',"sig":"%s"}' % sign(key, body)).encode()


def main():
    ap = argparse.ArgumentParser()
    for a in ("--key", "--records", "--out-jsonl", "--out-head"):
        ap.add_argument(a, required=True)
    a = ap.parse_args()
    pem = subprocess.run(["openssl", "pkey", "-in", a.key, "-pubout"],
                         stdout=subprocess.PIPE, check=True).stdout
    prev = hashlib.sha256(pem).hexdigest()
    lines = []
    for seq, text in enumerate(open(a.records, encoding="utf-8")):
        r = json.loads(text)
        o = {"v": 1, "seq": seq, "ts": r.pop("ts"), "prev": prev}
        o.update(r)
        line = sealed(a.key, o)
        lines.append(line)
        prev = hashlib.sha256(line).hexdigest()
    with open(a.out_jsonl, "wb") as f:
        f.write(b"".join(l + b"\n" for l in lines))
    with open(a.out_head, "wb") as f:
        f.write(sealed(a.key, {"v": 1, "count": len(lines), "last": prev}) + b"\n")


if __name__ == "__main__":
    main()
