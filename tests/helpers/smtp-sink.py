# SPDX-License-Identifier: ISC
#
# tests/helpers/smtp-sink.py OUTDIR PORT: an SMTP server on 127.0.0.1:PORT
# without STARTTLS that accepts every mail and writes one empty file per
# mail delivered into OUTDIR (NNNN.eml), for the notification tests.
import os
import socketserver
import sys

out, n = sys.argv[1], [0]


class H(socketserver.StreamRequestHandler):
    def say(self, s):
        self.wfile.write(s.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.say("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode("utf-8", "replace").strip().split(" ")[0].upper()
            if verb == "EHLO":
                self.say("250-sink.test")
                self.say("250 8BITMIME")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                self.say("250 OK")
            elif verb == "DATA":
                self.say("354 go on")
                while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                    pass
                n[0] += 1
                open(os.path.join(out, "%04d.eml" % n[0]), "w").close()
                self.say("250 OK queued")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not implemented")


socketserver.TCPServer.allow_reuse_address = True
s = socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[2])), H)
s.serve_forever()
