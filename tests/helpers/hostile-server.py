#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/helpers/hostile-server.py -- a repository server for the tests that
# plays the storage attacker of the threat model, or a broken server, on
# request (plain HTTP on 127.0.0.1, Python standard library only; run it
# with python3 -E).
#
#   hostile-server.py --root DIR --port N [--portfile F] [--pidfile F]
#                     [--s3] [fault modes] [--count-file F] [--log F]
#
# Serves the folder DIR as WebDAV (GET, HEAD, PUT, DELETE, MKCOL, MOVE with
# Destination and Overwrite, PROPFIND with Depth 0 or 1), or with --s3 as
# path-style S3 (bucket = first path segment = a folder of DIR; PUT, GET,
# HEAD, DELETE of objects, ListObjectsV2 in pages of 1000; signatures are
# not checked).  A PUT into a missing WebDAV collection answers 409.  With
# --port 0 it picks a free port and writes it to --portfile; --pidfile gets
# its PID once it listens.  It stops at once on SIGTERM.
#
# Fault modes:
#   --swap-get N --swap-file F
#                  the Nth GET (every GET since the start counts, from 1,
#                  whatever object it asks for) is answered with the bytes
#                  of F instead of the object
#   --outside      every listing also names objects and collections outside
#                  the folder asked for: the server root, a name shorter
#                  than the folder's, sibling folders, dot-dot paths,
#                  absolute URLs (WebDAV hrefs; S3 keys)
#   --endless PATH WebDAV: every collection at or below the URL path PATH
#                  lists one more child collection "deeper/", without end;
#                  S3: a listing whose prefix starts with PATH (a key, no
#                  bucket) never ends: every page is truncated and names
#                  one more object
#   --fail-move STATUS
#                  the first MOVE is answered STATUS (e.g. 404 or 409)
#                  without moving anything; later MOVEs work
#   --stream-forever TEXT
#                  a GET whose path contains TEXT is answered with the
#                  object's bytes and then more bytes without end (no
#                  Content-Length; the body ends only when the client goes)
#   --stall SECONDS
#                  every listing (PROPFIND, ListObjectsV2) waits SECONDS
#                  before it answers
#   --kill-at REGEX --kill-pidfile F [--kill-after]
#                  the first request whose line "METHOD PATH" matches REGEX
#                  (re.search) makes the server send SIGKILL to the process
#                  whose PID F holds: before the request has any effect
#                  (it is then dropped unanswered), or with --kill-after
#                  once it is done and answered
#
# Instruments:
#   --count-file F after every request (and every new connection) F holds
#                  a JSON document, replaced atomically:
#                  {"connections": n, "requests": {"METHOD": n, ...},
#                   "gets": n, "get_paths": [...], "bytes": {path: n},
#                   "total_bytes": n, "propfinds": n, "lists": n,
#                   "moves_failed": n}
#                  (bytes: body bytes sent for GETs, per request path;
#                  lists: PROPFINDs and ListObjectsV2 pages)
#   --log F        one line "METHOD PATH" per request, written when the
#                  request arrives

import argparse
import email.utils
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

OPTS = None
LOCK = threading.Lock()
STATS = {"connections": 0, "requests": {}, "gets": 0, "get_paths": [],
         "bytes": {}, "total_bytes": 0, "propfinds": 0, "lists": 0,
         "moves_failed": 0}
PAGE = 1000
KILL_ARMED = True


def kill_client():
    """SIGKILL the process named by --kill-pidfile; wait until it is gone."""
    with open(OPTS.kill_pidfile) as f:
        pid = int(f.read().split()[0])
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    for _ in range(200):
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().split(")")[-1].split()[0] in ("Z", "X"):
                    return
        except FileNotFoundError:
            return
        time.sleep(0.01)


def save_stats():
    """Write the count file (LOCK held)."""
    if OPTS.count_file is None:
        return
    tmp = OPTS.count_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(STATS, f, indent=1, sort_keys=True)
    os.replace(tmp, OPTS.count_file)


def fs_path(urlpath):
    """The file under --root for a request path, or None if it escapes."""
    p = urllib.parse.unquote(urllib.parse.urlsplit(urlpath).path)
    parts = [c for c in p.split("/") if c not in ("", ".")]
    if ".." in parts:
        return None
    return os.path.join(OPTS.root, *parts)


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


def iso_date(t):
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(t))


def dav_entry(href, path, size=None):
    """One PROPFIND <response>: a collection when path is None or a dir."""
    if path is None and size is None or path is not None and os.path.isdir(path):
        props = "<D:resourcetype><D:collection/></D:resourcetype>"
    else:
        st = os.stat(path) if path is not None else None
        props = ("<D:resourcetype/><D:getcontentlength>%d"
                 "</D:getcontentlength><D:getlastmodified>%s"
                 "</D:getlastmodified>" %
                 (st.st_size if st else size,
                  http_date(st.st_mtime if st else 0)))
    return ("<D:response><D:href>%s</D:href><D:propstat><D:prop>%s"
            "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
            "</D:response>" % (escape(href), props))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        conn = super().get_request()
        with LOCK:
            STATS["connections"] += 1
            save_stats()
        return conn


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    # --- common -----------------------------------------------------------
    def arrive(self):
        """Count and log the request; True when it is to be dropped."""
        global KILL_ARMED
        line = "%s %s" % (self.command, self.path)
        with LOCK:
            r = STATS["requests"]
            r[self.command] = r.get(self.command, 0) + 1
            if OPTS.log is not None:
                with open(OPTS.log, "a") as f:
                    f.write(line + "\n")
            save_stats()
            self.kill_pending = (KILL_ARMED and OPTS.kill_at is not None
                                 and re.search(OPTS.kill_at, line) is not None)
            if self.kill_pending:
                KILL_ARMED = False
        if self.kill_pending and not OPTS.kill_after:
            kill_client()
            self.close_connection = True
            return True
        return False

    def reply(self, status, body=b"", headers=None, count=False):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if getattr(self, "kill_pending", False) and OPTS.kill_after:
            self.wfile.flush()
            kill_client()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
            if count:
                with LOCK:
                    path = urllib.parse.unquote(self.path)
                    STATS["bytes"][path] = STATS["bytes"].get(path, 0) + len(body)
                    STATS["total_bytes"] += len(body)
                    save_stats()

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = b""
        while len(data) < n:
            chunk = self.rfile.read(min(1 << 20, n - len(data)))
            if not chunk:
                break
            data += chunk
        return data

    def counted_list(self):
        with LOCK:
            STATS["lists"] += 1
            if self.command == "PROPFIND":
                STATS["propfinds"] += 1
            save_stats()
        if OPTS.stall:
            time.sleep(OPTS.stall)

    def object_get(self, p, missing):
        """GET of the file p (counted): swapped, endless or as stored."""
        with LOCK:
            STATS["gets"] += 1
            n = STATS["gets"]
            STATS["get_paths"].append(urllib.parse.unquote(self.path))
            save_stats()
        if p is None or not os.path.isfile(p):
            return self.reply(404, missing, {"Content-Type": "application/xml"}
                              if missing else None)
        with open(p, "rb") as f:
            body = f.read()
        if OPTS.swap_get is not None and n == OPTS.swap_get:
            with open(OPTS.swap_file, "rb") as f:
                body = f.read()
        if OPTS.stream_forever and OPTS.stream_forever in self.path:
            return self.endless_body(body)
        self.reply(200, body, {"Last-Modified": http_date(os.stat(p).st_mtime),
                               "Content-Type": "application/octet-stream"},
                   count=True)

    def endless_body(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        block = hashlib.sha256(body).digest() * 2048
        sent = 0
        try:
            self.wfile.write(body)
            sent += len(body)
            while True:
                self.wfile.write(block)
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError, socket.error):
            pass
        with LOCK:
            path = urllib.parse.unquote(self.path)
            STATS["bytes"][path] = STATS["bytes"].get(path, 0) + sent
            STATS["total_bytes"] += sent
            save_stats()

    def do_GET(self):
        if self.arrive():
            return
        if OPTS.s3:
            return self.s3_get()
        self.object_get(fs_path(self.path), b"")

    def do_HEAD(self):
        if self.arrive():
            return
        p = fs_path(self.path)
        if p is None or not os.path.isfile(p):
            return self.reply(404)
        s = os.stat(p)
        self.send_response(200)
        self.send_header("Content-Length", str(s.st_size))
        self.send_header("Last-Modified", http_date(s.st_mtime))
        self.end_headers()

    def do_PUT(self):
        if self.arrive():
            return
        body = self.read_body()
        p = fs_path(self.path)
        if p is None or os.path.isdir(p):
            return self.reply(405 if p else 403)
        if OPTS.s3:
            os.makedirs(os.path.dirname(p), exist_ok=True)
        elif not os.path.isdir(os.path.dirname(p)):
            return self.reply(409)
        with open(p, "wb") as f:
            f.write(body)
        etag = '"%s"' % hashlib.md5(body).hexdigest()
        self.reply(200 if OPTS.s3 else 201, headers={"ETag": etag})

    def do_DELETE(self):
        if self.arrive():
            return
        p = fs_path(self.path)
        if p is None:
            return self.reply(403)
        if not os.path.lexists(p):
            return self.reply(204 if OPTS.s3 else 404)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
        else:
            os.unlink(p)
        self.reply(204)

    # --- WebDAV -------------------------------------------------------------
    def do_MKCOL(self):
        if self.arrive():
            return
        self.read_body()
        p = fs_path(self.path)
        if p is None:
            return self.reply(403)
        if os.path.exists(p):
            return self.reply(405)
        if not os.path.isdir(os.path.dirname(p.rstrip("/"))):
            return self.reply(409)
        os.mkdir(p)
        self.reply(201)

    def do_MOVE(self):
        if self.arrive():
            return
        self.read_body()
        src = fs_path(self.path)
        dst = fs_path(self.headers.get("Destination", ""))
        if src is None or dst is None:
            return self.reply(403)
        if OPTS.fail_move is not None:
            with LOCK:
                fail = STATS["moves_failed"] == 0
                if fail:
                    STATS["moves_failed"] += 1
                    save_stats()
            if fail:
                return self.reply(OPTS.fail_move)
        if not os.path.exists(src):
            return self.reply(404)
        existed = os.path.exists(dst)
        if existed and self.headers.get("Overwrite", "T") == "F":
            return self.reply(412)
        if not os.path.isdir(os.path.dirname(dst)):
            return self.reply(409)
        os.replace(src, dst)
        self.reply(204 if existed else 201)

    def outside_hrefs(self, urlpath):
        host = "http://127.0.0.1:%d" % self.server.server_address[1]
        shorter = urlpath.rstrip("/").rsplit("/", 1)[0] or "/"
        files = ["/", "/x", shorter + "/x", "/elsewhere/snapshots/x",
                 urlpath.rstrip("/") + "-sibling/x.bin",
                 urlpath + "../../../etc/passwd",
                 urlpath + "a/../../x", urlpath + "./b//c",
                 host + "/x", "http://other.example/" + urlpath]
        return [dav_entry(h, None, 7) for h in files]

    def do_PROPFIND(self):
        if self.arrive():
            return
        self.read_body()
        self.counted_list()
        urlpath = urllib.parse.urlsplit(self.path).path
        if not urlpath.endswith("/"):
            urlpath += "/"
        endless = OPTS.endless
        virtual = endless is not None and urlpath.startswith(
            endless.rstrip("/") + "/")
        p = fs_path(urlpath)
        if p is None:
            return self.reply(403)
        if not virtual and not os.path.exists(p):
            return self.reply(404)
        out = []
        if virtual or os.path.isdir(p):
            out.append(dav_entry(urlpath, None))
            if os.path.isdir(p) and self.headers.get("Depth") != "0":
                for n in sorted(os.listdir(p)):
                    c = os.path.join(p, n)
                    href = urlpath + urllib.parse.quote(n)
                    out.append(dav_entry(href + ("/" if os.path.isdir(c)
                                                 else ""), c))
            if virtual:
                out.append(dav_entry(urlpath + "deeper/", None))
        else:
            out.append(dav_entry(urlpath.rstrip("/"), p))
        if OPTS.outside:
            out += self.outside_hrefs(urlpath)
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<D:multistatus xmlns:D="DAV:">%s</D:multistatus>' %
                "".join(out)).encode()
        self.reply(207, body, {"Content-Type": "application/xml; charset=utf-8"})

    # --- S3 -------------------------------------------------------------------
    def s3_get(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        segs = [s for s in u.path.split("/") if s]
        if len(segs) == 1 and q.get("list-type") == ["2"]:
            return self.s3_list(segs[0], q)
        self.object_get(fs_path(self.path),
                        b'<?xml version="1.0" encoding="UTF-8"?><Error>'
                        b'<Code>NoSuchKey</Code></Error>')

    def s3_keys(self, bucket, prefix):
        root = os.path.join(OPTS.root, bucket)
        keys = []
        for dp, dns, fns in os.walk(root):
            for n in fns:
                k = os.path.relpath(os.path.join(dp, n), root)
                if k.startswith(prefix):
                    keys.append(k)
        return sorted(keys)

    def s3_list(self, bucket, q):
        self.counted_list()
        prefix = q.get("prefix", [""])[0]
        token = q.get("continuation-token", [""])[0]
        endless = OPTS.endless is not None and prefix.startswith(
            OPTS.endless.lstrip("/"))
        if endless:
            n = int(token or "0")
            page = [(prefix + "deeper-%09d/x" % n, 7, 0)]
            nxt = str(n + 1)
        else:
            keys = [k for k in self.s3_keys(bucket, prefix) if k > token]
            nxt = keys[PAGE - 1] if len(keys) > PAGE else None
            page = []
            for k in keys[:PAGE]:
                st = os.stat(os.path.join(OPTS.root, bucket, k))
                page.append((k, st.st_size, st.st_mtime))
        if OPTS.outside:
            for k in ["x", prefix.rstrip("/") + "-sibling/x.bin",
                      prefix.rstrip("/"), prefix, prefix + "../x",
                      prefix + "a/../../x", prefix + "./b//c",
                      "/" + prefix + "y", "elsewhere/" + prefix + "z"]:
                page.append((k, 7, 0))
        out = ['<?xml version="1.0" encoding="UTF-8"?>'
               '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
               '<Name>%s</Name><Prefix>%s</Prefix><KeyCount>%d</KeyCount>'
               '<MaxKeys>%d</MaxKeys><IsTruncated>%s</IsTruncated>' %
               (escape(bucket), escape(prefix), len(page), PAGE,
                "true" if nxt else "false")]
        if nxt:
            out.append("<NextContinuationToken>%s</NextContinuationToken>"
                       % escape(nxt))
        for k, size, mtime in page:
            out.append("<Contents><Key>%s</Key><LastModified>%s</LastModified>"
                       "<ETag>\"0\"</ETag><Size>%d</Size>"
                       "<StorageClass>STANDARD</StorageClass></Contents>" %
                       (escape(k), iso_date(mtime), size))
        out.append("</ListBucketResult>")
        self.reply(200, "".join(out).encode(), {"Content-Type": "application/xml"})

    def do_POST(self):
        if self.arrive():
            return
        self.read_body()
        self.reply(501)


def main():
    global OPTS
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--portfile")
    ap.add_argument("--pidfile")
    ap.add_argument("--s3", action="store_true")
    ap.add_argument("--swap-get", type=int)
    ap.add_argument("--swap-file")
    ap.add_argument("--outside", action="store_true")
    ap.add_argument("--endless")
    ap.add_argument("--fail-move", type=int)
    ap.add_argument("--stream-forever")
    ap.add_argument("--stall", type=float, default=0)
    ap.add_argument("--kill-at")
    ap.add_argument("--kill-pidfile")
    ap.add_argument("--kill-after", action="store_true")
    ap.add_argument("--count-file")
    ap.add_argument("--log")
    OPTS = ap.parse_args()
    if (OPTS.swap_get is None) != (OPTS.swap_file is None):
        sys.exit("hostile-server.py: --swap-get and --swap-file go together")
    if (OPTS.kill_at is None) != (OPTS.kill_pidfile is None):
        sys.exit("hostile-server.py: --kill-at and --kill-pidfile go together")
    if OPTS.port == 0 and OPTS.portfile is None:
        sys.exit("hostile-server.py: --port 0 needs --portfile")
    OPTS.root = os.path.abspath(OPTS.root)
    os.makedirs(OPTS.root, exist_ok=True)
    srv = Server(("127.0.0.1", OPTS.port), Handler)
    with LOCK:
        save_stats()
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    for name, value in ((OPTS.portfile, srv.server_address[1]),
                        (OPTS.pidfile, os.getpid())):
        if name is not None:
            with open(name + ".tmp", "w") as f:
                f.write("%d\n" % value)
            os.replace(name + ".tmp", name)
    srv.serve_forever()


if __name__ == "__main__":
    main()
