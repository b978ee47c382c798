# SPDX-License-Identifier: ISC
#
# tests/integration/tsa.sh -- sourced by the tests that anchor journals: a
# time-stamp authority on 127.0.0.1 made with the stock openssl command
# (FORMATS.md section 4) and served by tests/helpers/tsa-httpd.py.
#
#   tsa_make          $T/tsa/{ca.crt,tsa.crt,tsa.cnf}: a CA and a TSA
#                     certificate it signed (EKU timeStamping, critical)
#   tsa_start [OPT]   start the server on a fresh port: TSA_PORT, TSA_URL;
#                     $T/tsa/count holds the number of requests
#   tsa_stop          stop it (by PID); also run when the test ends

TSA_PID=

tsa_make() {
	local d=$T/tsa
	mkdir -p "$d"
	cat >"$d/ext.cnf" <<'EOF'
[ ca_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ tsa_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
EOF
	cat >"$d/tsa.cnf" <<EOF
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial          = $d/tsaserial
signer_cert     = $d/tsa.crt
certs           = $d/tsa.crt
signer_key      = $d/tsa.key
signer_digest   = sha256
default_policy  = 1.3.6.1.4.1.99999.1
digests         = sha256, sha384, sha512
ess_cert_id_alg = sha256
accuracy        = secs:1
EOF
	echo 01 >"$d/tsaserial"
	{
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/ca.key" \
			-out "$d/ca.crt" -days 30 -subj "/CN=restorable test TSA CA" \
			-config "$d/ext.cnf" -extensions ca_ext &&
		openssl req -new -newkey rsa:2048 -nodes -keyout "$d/tsa.key" \
			-out "$d/tsa.csr" -subj "/CN=restorable test TSA" &&
		openssl x509 -req -in "$d/tsa.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" \
			-CAcreateserial -out "$d/tsa.crt" -days 30 \
			-extfile "$d/ext.cnf" -extensions tsa_ext
	} >"$d/make.log" 2>&1 || { cat "$d/make.log" >&2; fail "could not make the test TSA"; }
}

tsa_start() {
	local i
	rm -f "$T/tsa/pid" "$T/tsa/count"
	TSA_PORT=$(free_port)
	TSA_URL=http://127.0.0.1:$TSA_PORT/tsa
	"${PYTHON:-python3}" -E "$SRCDIR/tests/helpers/tsa-httpd.py" --port "$TSA_PORT" \
		--config "$T/tsa/tsa.cnf" --pidfile "$T/tsa/pid" \
		--count-file "$T/tsa/count" "$@" 2>>"$T/tsa/server.err" &
	for i in $(seq 1 200); do
		[ -s "$T/tsa/pid" ] && break
		sleep 0.05
	done
	TSA_PID=$(cat "$T/tsa/pid" 2>/dev/null)
	[ -n "$TSA_PID" ] && wait_port "$TSA_PORT" ||
		{ cat "$T/tsa/server.err" >&2; fail "tsa-httpd.py did not start"; }
}

tsa_stop() {
	local i
	[ -n "$TSA_PID" ] || return 0
	kill "$TSA_PID" 2>/dev/null
	for i in $(seq 1 200); do
		kill -0 "$TSA_PID" 2>/dev/null || break
		sleep 0.05
	done
	TSA_PID=
}
at_exit tsa_stop

# tsa_requests: how many requests the server has answered.
tsa_requests() {
	cat "$T/tsa/count" 2>/dev/null || echo 0
}
