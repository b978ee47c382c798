#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/integration/resign.py -- change a committed, unencrypted snapshot
# and sign it again with the profile's key, so only the check under test
# (not the signature) stands between the change and the program.
#
#   resign.py --snapdir SNAP --key SIGNING.PEM [--index FILE]
#             [--set KEY=JSON]...
#
# --index FILE: FILE (JSON Lines) becomes the index (zstd-compressed); the
# manifest's index size and sha256 follow.  --set: a top-level manifest
# field set to a JSON value.  The manifest is then re-signed with
# `openssl pkeyutl -sign -rawin`.

import argparse
import hashlib
import json
import os
import subprocess


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapdir", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--index")
    ap.add_argument("--set", action="append", default=[])
    a = ap.parse_args()
    mpath = os.path.join(a.snapdir, "manifest.json")
    with open(mpath, "rb") as f:
        m = json.load(f)
    if a.index:
        with open(a.index, "rb") as f:
            z = subprocess.run(["zstd", "-q", "-c"], input=f.read(),
                               stdout=subprocess.PIPE, check=True).stdout
        with open(os.path.join(a.snapdir, m["index"]["name"]), "wb") as f:
            f.write(z)
        m["index"]["size"] = len(z)
        m["index"]["sha256"] = hashlib.sha256(z).hexdigest()
    for kv in a.set:
        k, v = kv.split("=", 1)
        m[k] = json.loads(v)
    with open(mpath, "w", encoding="utf-8") as f:
        json.dump(m, f, indent=2, ensure_ascii=False)
    subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", a.key, "-rawin",
                    "-in", mpath, "-out", mpath + ".sig"], check=True)


if __name__ == "__main__":
    main()
