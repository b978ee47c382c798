# SPDX-License-Identifier: ISC
#
# tests/helpers/http-sink.py OUTDIR PORTFILE: an HTTP server on 127.0.0.1
# (any free port, written to PORTFILE) for the webhook and heartbeat tests.
# It records each GET and POST into OUTDIR, each file put in place by a
# rename: NNNN.body, the request body's bytes as sent, then NNNN.json,
# {"method", "path", "content_type", "body" (decoded as UTF-8, bad bytes
# replaced)}.  It answers 500 to the path /fail, 200 to any other.
import http.server
import json
import os
import sys
import threading

out, portfile = sys.argv[1], sys.argv[2]
n, lock = [0], threading.Lock()


def put(name, data):
    tmp = os.path.join(out, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(out, name))


class H(http.server.BaseHTTPRequestHandler):
    def record(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        with lock:
            n[0] += 1
            k = n[0]
        put("%04d.body" % k, body)
        put("%04d.json" % k, json.dumps({
            "method": self.command, "path": self.path,
            "content_type": self.headers.get("Content-Type"),
            "body": body.decode("utf-8", "replace")}).encode())
        self.send_response(500 if self.path == "/fail" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = record

    def log_message(self, *a):
        pass


s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % s.server_address[1])
os.rename(portfile + ".tmp", portfile)
s.serve_forever()
