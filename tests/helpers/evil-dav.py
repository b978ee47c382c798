#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/helpers/evil-dav.py -- a small WebDAV server (plain HTTP, 127.0.0.1
# only, Python standard library only) for the storage tests, that can turn
# hostile on request.
#
#   evil-dav.py ROOT PORT LOG [--outside] [--endless PATH] [--portfile F]
#
# Serves the folder ROOT: GET, HEAD, PUT (409 when the parent collection is
# missing), DELETE, MKCOL, MOVE (Destination, Overwrite) and PROPFIND with
# Depth 0 or 1.  Every request is logged to LOG as "METHOD PATH", one line
# each, so tests count what a client asked for.
#
#   --outside        every PROPFIND reply also lists hrefs outside the
#                    collection asked for: the root, other folders, a name
#                    shorter than the collection's, dot-dot paths, a file of
#                    another server, an absolute URL.
#   --endless PATH   every collection at or below the URL path PATH lists
#                    one more child collection, "deeper/", without end.
#
# With PORT 0 the server picks a free port and writes it to --portfile.
# It stops on SIGTERM (tests kill it by PID).

import email.utils
import http.server
import os
import shutil
import signal
import socketserver
import sys
import urllib.parse
from xml.sax.saxutils import escape


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    args = sys.argv[1:]
    root, port, log = os.path.abspath(args[0]), int(args[1]), args[2]
    opts = {"outside": False, "endless": None, "portfile": None}
    i = 3
    while i < len(args):
        if args[i] == "--outside":
            opts["outside"] = True
        elif args[i] == "--endless":
            i += 1
            opts["endless"] = args[i].rstrip("/")
        elif args[i] == "--portfile":
            i += 1
            opts["portfile"] = args[i]
        else:
            sys.exit("evil-dav.py: unknown option " + args[i])
        i += 1

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def note(self):
            with open(log, "a") as f:
                f.write("%s %s\n" % (self.command, self.path))

        def fs(self, urlpath):
            p = urllib.parse.unquote(urllib.parse.urlsplit(urlpath).path)
            parts = [c for c in p.split("/") if c not in ("", ".")]
            if ".." in parts:
                return None
            return os.path.join(root, *parts)

        def reply(self, code, body=b"", ctype="text/plain", extra=None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def body(self):
            n = int(self.headers.get("Content-Length") or 0)
            data = b""
            while len(data) < n:
                chunk = self.rfile.read(min(1 << 20, n - len(data)))
                if not chunk:
                    break
                data += chunk
            return data

        def do_GET(self):
            self.note()
            p = self.fs(self.path)
            if p is None or not os.path.isfile(p):
                return self.reply(404)
            with open(p, "rb") as f:
                data = f.read()
            mtime = email.utils.formatdate(os.stat(p).st_mtime, usegmt=True)
            self.reply(200, data, "application/octet-stream",
                       {"Last-Modified": mtime})

        do_HEAD = do_GET

        def do_PUT(self):
            self.note()
            data = self.body()
            p = self.fs(self.path)
            if p is None:
                return self.reply(403)
            if not os.path.isdir(os.path.dirname(p)):
                return self.reply(409)
            with open(p, "wb") as f:
                f.write(data)
            self.reply(201)

        def do_DELETE(self):
            self.note()
            p = self.fs(self.path)
            if p is None or not os.path.lexists(p):
                return self.reply(404)
            if os.path.isdir(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)
            self.reply(204)

        def do_MKCOL(self):
            self.note()
            self.body()
            p = self.fs(self.path)
            if p is None:
                return self.reply(403)
            if os.path.exists(p):
                return self.reply(405)
            if not os.path.isdir(os.path.dirname(p.rstrip("/"))):
                return self.reply(409)
            os.mkdir(p)
            self.reply(201)

        def do_MOVE(self):
            self.note()
            src = self.fs(self.path)
            dst = self.fs(self.headers.get("Destination", ""))
            if src is None or dst is None:
                return self.reply(403)
            if not os.path.exists(src):
                return self.reply(404)
            existed = os.path.exists(dst)
            if existed and self.headers.get("Overwrite", "T") == "F":
                return self.reply(412)
            os.replace(src, dst)
            self.reply(204 if existed else 201)

        def entry(self, href, path):
            st = os.stat(path) if path else None
            if path is None or os.path.isdir(path):
                props = "<D:resourcetype><D:collection/></D:resourcetype>"
            else:
                props = ("<D:resourcetype/><D:getcontentlength>%d"
                         "</D:getcontentlength><D:getlastmodified>%s"
                         "</D:getlastmodified>" %
                         (st.st_size,
                          email.utils.formatdate(st.st_mtime, usegmt=True)))
            return ("<D:response><D:href>%s</D:href><D:propstat><D:prop>%s"
                    "</D:prop><D:status>HTTP/1.1 200 OK</D:status>"
                    "</D:propstat></D:response>" % (escape(href), props))

        def hostile(self, urlpath):
            host = "http://127.0.0.1:%d" % self.server.server_address[1]
            shorter = urlpath.rstrip("/").rsplit("/", 1)[0] or "/"
            files = ["/", "/x", shorter + "/x", "/elsewhere/snapshots/x",
                     urlpath + "../../../etc/passwd",
                     urlpath + "a/../../x", urlpath + "./b//c",
                     host + "/x", "http://other.example/" + urlpath]
            out = []
            for h in files:
                out.append("<D:response><D:href>%s</D:href><D:propstat>"
                           "<D:prop><D:resourcetype/><D:getcontentlength>7"
                           "</D:getcontentlength></D:prop><D:status>"
                           "HTTP/1.1 200 OK</D:status></D:propstat>"
                           "</D:response>" % escape(h))
            return out

        def do_PROPFIND(self):
            self.note()
            self.body()
            urlpath = urllib.parse.urlsplit(self.path).path
            if not urlpath.endswith("/"):
                urlpath += "/"
            endless = opts["endless"]
            virtual = endless is not None and (
                urlpath.rstrip("/") + "/").startswith(endless + "/")
            p = self.fs(urlpath)
            if p is None:
                return self.reply(403)
            if not virtual and not os.path.exists(p):
                return self.reply(404)
            out = []
            if virtual or os.path.isdir(p):
                out.append(self.entry(urlpath, None))
                if os.path.isdir(p) and self.headers.get("Depth") != "0":
                    for n in sorted(os.listdir(p)):
                        href = urlpath + urllib.parse.quote(n)
                        c = os.path.join(p, n)
                        out.append(self.entry(href + ("/" if os.path.isdir(c)
                                                      else ""), c))
                if virtual:
                    out.append(self.entry(urlpath + "deeper/", None))
            else:
                out.append(self.entry(urlpath.rstrip("/"), p))
            if opts["outside"]:
                out += self.hostile(urlpath)
            body = ('<?xml version="1.0" encoding="utf-8"?>'
                    '<D:multistatus xmlns:D="DAV:">%s</D:multistatus>' %
                    "".join(out)).encode()
            self.reply(207, body, "application/xml; charset=utf-8")

    srv = Server(("127.0.0.1", port), Handler)
    if opts["portfile"]:
        with open(opts["portfile"] + ".tmp", "w") as f:
            f.write("%d\n" % srv.server_address[1])
        os.replace(opts["portfile"] + ".tmp", opts["portfile"])
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    srv.serve_forever()


if __name__ == "__main__":
    main()
