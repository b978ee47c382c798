# SPDX-License-Identifier: ISC
#
# tests/helpers/smtp-sink.py OUTDIR PORT [PORTFILE]: an SMTP server on
# 127.0.0.1:PORT (0: any free port, written to PORTFILE) without STARTTLS,
# enough of RFC 5321 for libcurl, for the notification tests.  It accepts
# every mail and writes two files per mail delivered into OUTDIR, each put
# in place by a rename: NNNN.eml, the mail as sent (dot-unstuffed), then
# NNNN.env, its envelope as JSON {"from": ..., "rcpt": [...]}.
import json
import os
import socketserver
import sys
import threading

out, n, lock = sys.argv[1], [0], threading.Lock()


def put(name, data):
    tmp = os.path.join(out, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, os.path.join(out, name))


class H(socketserver.StreamRequestHandler):
    def say(self, s):
        self.wfile.write(s.encode() + b"\r\n")
        self.wfile.flush()

    def data(self):
        lines = []
        while True:
            line = self.rfile.readline()
            if line in (b".\r\n", b".\n", b""):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)

    def handle(self):
        mail_from, rcpt = None, []
        self.say("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip()
            verb = cmd.split(" ")[0].upper()
            if verb == "EHLO":
                self.say("250-sink.test")
                self.say("250 8BITMIME")
            elif verb == "HELO":
                self.say("250 sink.test")
            elif verb == "MAIL":
                mail_from, rcpt = cmd[5:].strip(), []
                self.say("250 OK")
            elif verb == "RCPT":
                rcpt.append(cmd[5:].strip())
                self.say("250 OK")
            elif verb == "DATA":
                self.say("354 end with <CRLF>.<CRLF>")
                body = self.data()
                with lock:
                    n[0] += 1
                    k = n[0]
                put("%04d.eml" % k, body)
                put("%04d.env" % k, json.dumps({"from": mail_from, "rcpt": rcpt}).encode())
                self.say("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.say("250 OK")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not implemented")


socketserver.TCPServer.allow_reuse_address = True
s = socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[2])), H)
if len(sys.argv) > 3:
    with open(sys.argv[3] + ".tmp", "w") as f:
        f.write("%d\n" % s.server_address[1])
    os.rename(sys.argv[3] + ".tmp", sys.argv[3])
s.serve_forever()
