#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
#
# tests/helpers/tsa-httpd.py -- an RFC 3161 time-stamp authority for tests
# (python3 standard library and the stock openssl command only).  It serves
# 127.0.0.1:--port; each POST body (a DER TimeStampReq) is answered with
# the reply of `openssl ts -reply -config CONFIG -queryfile REQ`, as
# Content-Type application/timestamp-reply.  It writes its PID to
# --pidfile once it listens and runs until it is sent SIGTERM.
#
#   tsa-httpd.py --port N --config TSA.CNF --pidfile FILE [options]
#
#   --count-file F   after every request, F holds the number of POSTs
#   --keep DIR       every request is kept as DIR/N.tsq (N from 1)
#   --status N       answer every request with HTTP status N, no reply
#   --replay F       answer every request with the bytes of F (an old
#                    reply: a replay by the TSA or a man in the middle)

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
COUNT = [0]


def handler(args):
    class H(BaseHTTPRequestHandler):
        def log_message(self, fmt, *a):
            sys.stderr.write("tsa-httpd: " + (fmt % a) + "\n")

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n)
            with LOCK:
                COUNT[0] += 1
                k = COUNT[0]
                if args.count_file:
                    with open(args.count_file + ".tmp", "w") as f:
                        f.write("%d\n" % k)
                    os.replace(args.count_file + ".tmp", args.count_file)
            if args.keep:
                with open(os.path.join(args.keep, "%d.tsq" % k), "wb") as f:
                    f.write(body)
            if args.status:
                self.send_response(args.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ctype = self.headers.get("Content-Type", "")
            if ctype != "application/timestamp-query":
                self.send_response(415)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if args.replay:
                with open(args.replay, "rb") as f:
                    out = f.read()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
                return
            with tempfile.TemporaryDirectory() as d:
                q = os.path.join(d, "q.tsq")
                r = os.path.join(d, "r.tsr")
                with open(q, "wb") as f:
                    f.write(body)
                p = subprocess.run(["openssl", "ts", "-reply", "-config",
                                    args.config, "-queryfile", q, "-out", r],
                                   cwd=os.path.dirname(args.config),
                                   stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
                if p.returncode != 0 or not os.path.exists(r):
                    sys.stderr.write(p.stderr.decode(errors="replace"))
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                with open(r, "rb") as f:
                    out = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)
    return H


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--pidfile", required=True)
    ap.add_argument("--count-file")
    ap.add_argument("--keep")
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--replay")
    args = ap.parse_args()
    args.config = os.path.abspath(args.config)
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), handler(args))
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    with open(args.pidfile + ".tmp", "w") as f:
        f.write("%d\n" % os.getpid())
    os.replace(args.pidfile + ".tmp", args.pidfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
