#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/integration/forge.py -- build a malicious but validly signed
# snapshot for the restore-safety tests (0400-malicious.sh).
#
#   forge.py --case CASE --outside DIR --template MANIFEST --key SIGNING.PEM
#            --snapdir REPO/snapshots/NAME/ID
#
# Builds a pax stream with python's tarfile (a benign file first, then the
# CASE's evil members), compresses it with the zstd CLI, cuts it into parts,
# writes a matching index.jsonl.zst and a manifest.json with the template's
# fields and format (a real manifest of the same profile, so only the
# snapshot, times, stream, parts and index change) and signs it with
# `openssl pkeyutl -sign -rawin`.  Prints the snapshot id.
#
# Cases (OUT is --outside, an absolute path outside the restore target):
#   dotdot        file "../evil"
#   dotdot-inner  file "a/../../evil"
#   dotdot-pax    a long name (pax "path" record) ending in "/../../evil"
#   abs           file "OUT/evil" with its leading "/"
#   symlink-abs   symlink "link" -> OUT, then file "link/evil"
#   symlink-rel   symlink "up" -> "..", then file "up/evil"
#   symlink-chain symlink "s1" -> "s2", "s2" -> OUT, then file "s1/evil"
#   symlink-file  symlink "victimlink" -> OUT/victim, then file "victimlink"
#   hardlink-rel  hardlink "hl" -> "../outside/victim", then file "hl"
#   hardlink-abs  hardlink "hl" -> "OUT/victim", then file "hl"
#   hardlink-passwd hardlink "hl" -> "../../../../../../../../etc/passwd"
#   hardlink-via-symlink  symlink "link" -> OUT, hardlink "hl" -> "link/victim",
#                 then file "hl"
#   hardlink-to-symlink   symlink "sl" -> OUT/victim, hardlink "hl" -> "sl",
#                 then file "hl"
#   dir-abs       directory "OUT/newdir"
#
# Special files and attributes (the index claims each is a plain file or
# lists it as the stream has it, as noted):
#   chardev       character device "ok/null" (1, 3); the index says "file"
#   blockdev      block device "ok/sda" (8, 0); the index says "file"
#   fifo          FIFO "ok/fifo"; the index says "file"
#   setuid        file "ok/suid" mode 4755 and "ok/sgid" mode 2755
#   capability    file "ok/cap" with xattrs security.capability (cap_net_raw),
#                 trusted.evil and user.note="kept"
#   immutable     file "ok/frozen" with file flags "schg" (immutable) and
#                 directory "ok/frozendir" the same
#   unlisted      file "ok/unlisted" in the stream, not in the index
#   type-mismatch symlink "ok/x" -> "benign.txt" the index says is a file
#   hardlink-data hardlink "ok/b" -> "ok/a" (a file of this snapshot) whose
#                 stream entry carries data
#   hardlink-self file "ok/a", then hardlink "ok/a" -> "ok/a"
#   content       file "ok/victim.txt" whose stream bytes differ from the
#                 index's sha256 (same size)
#   special       a set-uid root file "ok/suid" (04755), a FIFO "ok/fifo",
#                 a character device "ok/mem" (1,1, as /dev/mem, 0666)
#                 and, with --replace PATH, the file PATH with other content;
#                 with --pad N, then a file "ok/pad.bin" of N random bytes (a
#                 body long enough for a decoder to act on what comes first)
#
# With --stream-out FILE, only the compressed stream is written to FILE
# (a body to serve in place of a genuine object); no snapshot is made.

import argparse
import base64
import hashlib
import io
import json
import os
import secrets
import subprocess
import sys
import tarfile
import time


CAP_NET_RAW = bytes.fromhex("0100000200200000000000000000000000000000")


def member(name, kind="file", data=b"", target=None, mode=0o644, pax=None):
    ti = tarfile.TarInfo(name)
    if pax:
        ti.pax_headers = dict(pax)
    ti.mtime = 1600000000
    ti.mode = mode
    ti.uname = ti.gname = "root"
    if kind == "file":
        ti.type = tarfile.REGTYPE
        ti.size = len(data)
    elif kind == "dir":
        ti.type = tarfile.DIRTYPE
        ti.mode = 0o755
    elif kind == "symlink":
        ti.type = tarfile.SYMTYPE
        ti.linkname = target
        ti.mode = 0o777
    elif kind == "hardlink":
        ti.type = tarfile.LNKTYPE
        ti.linkname = target
        ti.size = len(data)
    elif kind == "chr":
        ti.type = tarfile.CHRTYPE
        ti.devmajor, ti.devminor = target
        ti.mode = 0o666
    elif kind == "blk":
        ti.type = tarfile.BLKTYPE
        ti.devmajor, ti.devminor = target
        ti.mode = 0o666
    elif kind == "fifo":
        ti.type = tarfile.FIFOTYPE
        ti.mode = 0o666
    return ti, data


def xattr(name, value):
    return "LIBARCHIVE.xattr." + name, base64.b64encode(value).decode()


# Index lines that differ from what the stream holds: name -> replacement
# fields (None: no index line at all).
INDEX_AS = {}


def members(case, out, replace=None, pad=0):
    evil = b"EVIL CONTENT written by a forged snapshot\n"
    m = [member("ok", "dir"), member("ok/benign.txt", data=b"benign\n")]
    if case == "special":
        if replace:
            m.insert(0, member(replace.lstrip("/"), data=evil))
        m.append(member("ok/suid", data=b"#!/bin/sh\nid\n", mode=0o4755))
        m.append(member("ok/fifo", "fifo", mode=0o666))
        m.append(member("ok/mem", "chr", target=(1, 1), mode=0o666))
        if pad:
            m.append(member("ok/pad.bin", data=os.urandom(pad)))
        return m
    if case == "dotdot":
        m.append(member("../evil", data=evil))
    elif case == "dotdot-inner":
        m.append(member("ok/../../evil", data=evil))
    elif case == "dotdot-pax":
        m.append(member("ok/" + "x" * 150 + "/../../../evil", data=evil))
    elif case == "abs":
        m.append(member(out + "/evil", data=evil))
    elif case == "symlink-abs":
        m.append(member("link", "symlink", target=out))
        m.append(member("link/evil", data=evil))
    elif case == "symlink-rel":
        m.append(member("up", "symlink", target=".."))
        m.append(member("up/evil", data=evil))
    elif case == "symlink-chain":
        m.append(member("s2", "symlink", target=out))
        m.append(member("s1", "symlink", target="s2"))
        m.append(member("s1/evil", data=evil))
    elif case == "symlink-file":
        m.append(member("victimlink", "symlink", target=out + "/victim"))
        m.append(member("victimlink", data=evil))
    elif case == "hardlink-rel":
        m.append(member("hl", "hardlink", target="../outside/victim"))
        m.append(member("hl", data=evil))
    elif case == "hardlink-abs":
        m.append(member("hl", "hardlink", target=out + "/victim"))
        m.append(member("hl", data=evil))
    elif case == "hardlink-passwd":
        m.append(member("hl", "hardlink", target="../" * 12 + "etc/passwd"))
    elif case == "hardlink-via-symlink":
        m.append(member("link", "symlink", target=out))
        m.append(member("hl", "hardlink", target="link/victim"))
        m.append(member("hl", data=evil))
    elif case == "hardlink-to-symlink":
        m.append(member("sl", "symlink", target=out + "/victim"))
        m.append(member("hl", "hardlink", target="sl"))
        m.append(member("hl", data=evil))
    elif case == "dir-abs":
        m.append(member(out + "/newdir", "dir"))
    elif case in ("chardev", "blockdev", "fifo"):
        name = {"chardev": "ok/null", "blockdev": "ok/sda", "fifo": "ok/fifo"}[case]
        kind = {"chardev": "chr", "blockdev": "blk", "fifo": "fifo"}[case]
        m.append(member(name, kind, target=(1, 3) if case == "chardev" else (8, 0)))
        INDEX_AS[name] = dict(type="file", mode="0666", size=0,
                              sha256=hashlib.sha256(b"").hexdigest())
    elif case == "setuid":
        m.append(member("ok/suid", data=b"#!/bin/sh\nid\n", mode=0o4755))
        m.append(member("ok/sgid", data=b"#!/bin/sh\nid -g\n", mode=0o2755))
    elif case == "capability":
        m.append(member("ok/cap", data=b"capable\n", mode=0o755, pax=[
            xattr("security.capability", CAP_NET_RAW),
            xattr("trusted.evil", b"x"), xattr("user.note", b"kept")]))
    elif case == "immutable":
        m.append(member("ok/frozendir", "dir", pax=[("SCHILY.fflags", "schg")]))
        m.append(member("ok/frozendir/inside", data=b"cold\n"))
        m.append(member("ok/frozen", data=b"frozen\n", pax=[("SCHILY.fflags", "schg")]))
    elif case == "unlisted":
        m.append(member("ok/unlisted", data=evil))
        INDEX_AS["ok/unlisted"] = None
    elif case == "type-mismatch":
        m.append(member("ok/x", "symlink", target="benign.txt"))
        INDEX_AS["ok/x"] = dict(type="file", mode="0644", size=6,
                                sha256=hashlib.sha256(b"benign").hexdigest())
    elif case == "hardlink-data":
        m.append(member("ok/a", data=b"first\n"))
        # a pax "size" record: libarchive then reads the entry's data
        m.append(member("ok/b", "hardlink", target="ok/a", data=evil,
                        pax=[("size", str(len(evil)))]))
    elif case == "hardlink-self":
        m.append(member("ok/a", data=b"first\n"))
        m.append(member("ok/a", "hardlink", target="ok/a"))
    elif case == "content":
        m.append(member("ok/victim.txt", data=b"NEW CONTENT, FORGED\n"))
        INDEX_AS["ok/victim.txt"] = dict(
            sha256=hashlib.sha256(b"NEW CONTENT, forged\n").hexdigest())
    else:
        sys.exit("forge.py: unknown case " + case)
    return m


def index_line(ti, data):
    e = {}
    name = ti.name
    try:
        name.encode("utf-8")
        e["path"] = name
    except UnicodeEncodeError:
        e["path_b64"] = base64.b64encode(os.fsencode(name)).decode()
    mtime = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ti.mtime))
    if ti.type == tarfile.REGTYPE:
        e.update(type="file", mode="%04o" % ti.mode, size=len(data), mtime=mtime,
                 sha256=hashlib.sha256(data).hexdigest())
    elif ti.type == tarfile.DIRTYPE:
        e.update(type="dir", mode="%04o" % ti.mode, mtime=mtime)
    elif ti.type == tarfile.SYMTYPE:
        e.update(type="symlink", target=ti.linkname, mtime=mtime)
    elif ti.type == tarfile.LNKTYPE:
        e.update(type="hardlink", target=ti.linkname)
    if ti.name in INDEX_AS:
        if INDEX_AS[ti.name] is None:
            return None
        e.update(INDEX_AS[ti.name])
    return json.dumps(e, ensure_ascii=False, separators=(",", ":"))


def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", required=True)
    ap.add_argument("--outside", required=True)
    ap.add_argument("--template")
    ap.add_argument("--key")
    ap.add_argument("--snapdir")
    ap.add_argument("--replace", help="special: path of a genuine file to replace")
    ap.add_argument("--stream-out", help="write only the compressed stream here")
    ap.add_argument("--pad", type=int, default=0, help="special: bytes of padding")
    ap.add_argument("--tar", help="use this tar stream instead of building one")
    ap.add_argument("--part-size", type=int, default=1 << 20)
    a = ap.parse_args()

    ms = members(a.case, os.path.abspath(a.outside), a.replace, a.pad)
    if a.tar:
        with open(a.tar, "rb") as f:
            raw = f.read()
    else:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tf:
            for ti, data in ms:
                tf.addfile(ti, io.BytesIO(data) if data else None)
        raw = buf.getvalue()
    stream = zstd(raw)
    if a.stream_out:
        with open(a.stream_out, "wb") as f:
            f.write(stream)
        return
    if not (a.template and a.key and a.snapdir):
        sys.exit("forge.py: --template, --key and --snapdir are required")

    os.makedirs(a.snapdir, mode=0o700, exist_ok=False)
    parts = []
    for i in range(0, max(len(stream), 1), a.part_size):
        chunk = stream[i:i + a.part_size]
        name = "stream.pax.zst.%06d" % len(parts)
        with open(os.path.join(a.snapdir, name), "wb") as f:
            f.write(chunk)
        parts.append({"name": name, "size": len(chunk),
                      "sha256": hashlib.sha256(chunk).hexdigest()})

    lines = [index_line(ti, d) for ti, d in ms]
    index = zstd(("\n".join(x for x in lines if x is not None) + "\n").encode())
    with open(os.path.join(a.snapdir, "index.jsonl.zst"), "wb") as f:
        f.write(index)

    with open(a.template, "rb") as f:
        man = json.loads(f.read())
    sid = os.path.basename(os.path.normpath(a.snapdir))
    t = sid.split("-")[0]
    started = "%s-%s-%sT%s:%s:%sZ" % (t[0:4], t[4:6], t[6:8], t[9:11], t[11:13], t[13:15])
    man["snapshot"] = sid
    man["started"] = man["finished"] = started
    man["incomplete"] = False
    man["stream"]["size"] = len(stream)
    man["stream"]["sha256"] = hashlib.sha256(stream).hexdigest()
    man["parts"] = parts
    files = sum(1 for ti, _ in ms if ti.type == tarfile.REGTYPE)
    man["index"].update(size=len(index), sha256=hashlib.sha256(index).hexdigest(),
                        files=files,
                        dirs=sum(1 for ti, _ in ms if ti.type == tarfile.DIRTYPE),
                        bytes=sum(len(d) for ti, d in ms if ti.type == tarfile.REGTYPE))
    mpath = os.path.join(a.snapdir, "manifest.json")
    with open(mpath, "w") as f:
        f.write(json.dumps(man, indent=2, ensure_ascii=False) + "\n")
    subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", a.key,
                    "-in", mpath, "-out", mpath + ".sig"], check=True)
    print(sid)


if __name__ == "__main__":
    main()
