#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/helpers/hostile-httpd.py -- a WebDAV repository server for tests that
# plays the storage attacker of the threat model (python3 standard library
# only).  It serves the folder --root on 127.0.0.1:--port as much WebDAV as
# the webdav backend uses (GET, HEAD, PUT, PROPFIND with Depth 1, MKCOL,
# MOVE, DELETE), writes its PID to --pidfile once it listens, and runs until
# it is sent SIGTERM (then it exits at once).
#
#   hostile-httpd.py --root DIR --port N --pidfile FILE [options]
#
# Fault modes and instruments:
#   --swap-get N --swap-file F
#                    the Nth GET (counting every GET since the start, from
#                    1, whatever object it asks for) is answered with the
#                    bytes of F instead of the object
#   --outside-hrefs  every PROPFIND answer also lists objects and collections
#                    outside the requested collection and outside the
#                    repository (other roots, siblings, the server root)
#   --endless-tree   every PROPFIND answer holds one more sub-collection
#                    "loop/", which again holds "loop/", without end
#   --count-file F   after every request, F holds a JSON document:
#                    {"gets": N, "get_paths": [...], "bytes": {path: n},
#                     "total_bytes": n, "propfinds": n}: bytes are body
#                    bytes sent, per request path
#   --log F          one line per request: method, path, status

import argparse
import email.utils
import html
import json
import os
import shutil
import signal
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPTS = None
LOCK = threading.Lock()
STATS = {"gets": 0, "get_paths": [], "bytes": {}, "total_bytes": 0,
         "propfinds": 0}


def save_stats():
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


def prop_response(href, st):
    if st is None or os.path.isdir(st):
        is_dir = True
        size, mtime = 0, 0
        if st is not None:
            s = os.stat(st)
            mtime = s.st_mtime
    else:
        is_dir = False
        s = os.stat(st)
        size, mtime = s.st_size, s.st_mtime
    rtype = "<D:collection/>" if is_dir else ""
    length = "" if is_dir else "<D:getcontentlength>%d</D:getcontentlength>" % size
    return ("<D:response><D:href>%s</D:href><D:propstat><D:prop>"
            "<D:resourcetype>%s</D:resourcetype>%s"
            "<D:getlastmodified>%s</D:getlastmodified>"
            "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
            "</D:response>" % (html.escape(href), rtype, length,
                               http_date(mtime)))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def note(self, status):
        if OPTS.log is not None:
            with LOCK, open(OPTS.log, "a") as f:
                f.write("%s %s %d\n" % (self.command, self.path, status))

    def reply(self, status, body=b"", headers=None, count=False):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)
            if count:
                with LOCK:
                    path = urllib.parse.unquote(self.path)
                    STATS["bytes"][path] = STATS["bytes"].get(path, 0) + len(body)
                    STATS["total_bytes"] += len(body)
        self.note(status)
        with LOCK:
            save_stats()

    def read_body(self):
        n = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        with LOCK:
            STATS["gets"] += 1
            n = STATS["gets"]
            STATS["get_paths"].append(urllib.parse.unquote(self.path))
        p = fs_path(self.path)
        if p is None or not os.path.isfile(p):
            return self.reply(404)
        with open(p, "rb") as f:
            body = f.read()
        if OPTS.swap_get is not None and n == OPTS.swap_get:
            with open(OPTS.swap_file, "rb") as f:
                body = f.read()
        self.reply(200, body, {"Last-Modified": http_date(os.stat(p).st_mtime)},
                   count=True)

    def do_HEAD(self):
        p = fs_path(self.path)
        if p is None or not os.path.isfile(p):
            return self.reply(404)
        s = os.stat(p)
        self.send_response(200)
        self.send_header("Content-Length", str(s.st_size))
        self.send_header("Last-Modified", http_date(s.st_mtime))
        self.end_headers()
        self.note(200)

    def do_PUT(self):
        body = self.read_body()
        p = fs_path(self.path)
        if p is None or os.path.isdir(p):
            return self.reply(405)
        if not os.path.isdir(os.path.dirname(p)):
            return self.reply(409)
        with open(p, "wb") as f:
            f.write(body)
        self.reply(201)

    def do_MKCOL(self):
        self.read_body()
        p = fs_path(self.path)
        if p is None or os.path.exists(p):
            return self.reply(405)
        if not os.path.isdir(os.path.dirname(p.rstrip("/"))):
            return self.reply(409)
        os.mkdir(p)
        self.reply(201)

    def do_MOVE(self):
        self.read_body()
        src = fs_path(self.path)
        dst = fs_path(self.headers.get("Destination", ""))
        if src is None or dst is None:
            return self.reply(403)
        if not os.path.exists(src):
            return self.reply(404)
        existed = os.path.exists(dst)
        if existed and self.headers.get("Overwrite", "T") == "F":
            return self.reply(412)
        if not os.path.isdir(os.path.dirname(dst)):
            return self.reply(409)
        os.replace(src, dst)
        self.reply(204 if existed else 201)

    def do_DELETE(self):
        p = fs_path(self.path)
        if p is None or not os.path.exists(p):
            return self.reply(404)
        if os.path.isdir(p):
            shutil.rmtree(p)
        else:
            os.unlink(p)
        self.reply(204)

    def do_PROPFIND(self):
        self.read_body()
        with LOCK:
            STATS["propfinds"] += 1
        req = urllib.parse.urlsplit(self.path).path
        if not req.endswith("/"):
            req += "/"
        p = fs_path(req)
        segs = [c for c in req.split("/") if c]
        virtual = OPTS.endless_tree and segs and segs[-1] == "loop"
        if p is None or (not os.path.isdir(p) and not virtual):
            return self.reply(404)
        out = [prop_response(req, p if os.path.isdir(p) else None)]
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                child = os.path.join(p, name)
                href = req + urllib.parse.quote(name)
                if os.path.isdir(child):
                    href += "/"
                out.append(prop_response(href, child))
        if OPTS.endless_tree:
            out.append(prop_response(req + "loop/", None))
        if OPTS.outside_hrefs:
            first = OPTS.root_file
            out.append(prop_response("/", None))
            out.append(prop_response("/elsewhere/stolen.bin", first))
            out.append(prop_response(req.rstrip("/") + "-sibling/x.bin", first))
            out.append(prop_response("http://127.0.0.1:1/other/y.bin", first))
            out.append(prop_response(req + "../../escape.bin", first))
        body = ('<?xml version="1.0" encoding="utf-8"?>'
                '<D:multistatus xmlns:D="DAV:">%s</D:multistatus>'
                % "".join(out)).encode()
        self.reply(207, body, {"Content-Type": "application/xml; charset=utf-8"})


def main():
    global OPTS
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pidfile", required=True)
    ap.add_argument("--swap-get", type=int)
    ap.add_argument("--swap-file")
    ap.add_argument("--outside-hrefs", action="store_true")
    ap.add_argument("--endless-tree", action="store_true")
    ap.add_argument("--count-file")
    ap.add_argument("--log")
    OPTS = ap.parse_args()
    if (OPTS.swap_get is None) != (OPTS.swap_file is None):
        sys.exit("hostile-httpd.py: --swap-get and --swap-file go together")
    OPTS.root = os.path.abspath(OPTS.root)
    # Any regular file stands for the size and time of forged listings.
    OPTS.root_file = os.path.abspath(__file__)
    os.makedirs(OPTS.root, exist_ok=True)
    srv = ThreadingHTTPServer(("127.0.0.1", OPTS.port), Handler)
    srv.daemon_threads = True
    save_stats()
    # The count file is replaced atomically after every request: stopping
    # at once loses nothing.
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    with open(OPTS.pidfile + ".tmp", "w") as f:
        f.write("%d\n" % os.getpid())
    os.replace(OPTS.pidfile + ".tmp", OPTS.pidfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
