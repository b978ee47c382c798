#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# keygen: signing.pem 0600 and signing.pub 0644 in a 0700 directory (also
# the default ./keys), readable by openssl as an Ed25519 pair; a second
# keygen into the same place refuses and leaves the keys unchanged.

. "$(dirname "$0")/lib.sh"
need openssl

# (under umask 0: the modes must be set explicitly, not left to the umask)
k=$T/newkeys
umask 0000
expect_exit 0 "$RST" keygen --out "$k"
umask 0022
expect_stdout 'SHA256:[0-9a-f]{64}'
[ "$(stat -c %a "$k")" = 700 ] || fail "key dir mode is $(stat -c %a "$k"), not 700"
[ "$(stat -c %a "$k/signing.pem")" = 600 ] || fail "signing.pem mode is $(stat -c %a "$k/signing.pem")"
[ "$(stat -c %a "$k/signing.pub")" = 644 ] || fail "signing.pub mode is $(stat -c %a "$k/signing.pub")"
if [ -e "$k/age.key" ]; then
	[ "$(stat -c %a "$k/age.key")" = 600 ] || fail "age.key mode is $(stat -c %a "$k/age.key")"
fi

# openssl reads both halves, as Ed25519, and they belong together.
openssl pkey -in "$k/signing.pem" -noout -text >"$T/priv.txt" 2>&1 || { cat "$T/priv.txt"; fail "openssl cannot read signing.pem"; }
grep -q 'ED25519' "$T/priv.txt" || fail "signing.pem is not an Ed25519 key"
grep -q 'BEGIN PRIVATE KEY' "$k/signing.pem" || fail "signing.pem is not PKCS#8 PEM"
openssl pkey -pubin -in "$k/signing.pub" -noout -text >"$T/pub.txt" 2>&1 || { cat "$T/pub.txt"; fail "openssl cannot read signing.pub"; }
grep -q 'BEGIN PUBLIC KEY' "$k/signing.pub" || fail "signing.pub is not SPKI PEM"
openssl pkey -in "$k/signing.pem" -pubout -out "$T/derived.pub" || fail "openssl cannot derive the public key"
cmp -s "$T/derived.pub" "$k/signing.pub" || fail "signing.pub is not the public half of signing.pem"
# A signature made by openssl with the key verifies with the .pub.
echo "message" >"$T/msg"
openssl pkeyutl -sign -rawin -inkey "$k/signing.pem" -in "$T/msg" -out "$T/msg.sig" || fail "openssl cannot sign with signing.pem"
openssl pkeyutl -verify -pubin -inkey "$k/signing.pub" -rawin -in "$T/msg" -sigfile "$T/msg.sig" >/dev/null ||
	fail "openssl signature does not verify with signing.pub"

# The printed fingerprint is SHA-256 of the 44-byte SPKI DER.
der_fp=$(openssl pkey -pubin -in "$k/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)
[ "$(openssl pkey -pubin -in "$k/signing.pub" -outform DER | wc -c)" -eq 44 ] || fail "SPKI DER is not 44 bytes"
expect_stdout "SHA256:$der_fp"

# Never overwrite: a second keygen fails and leaves both files as they were.
sum_before=$(cat "$k"/* | sha256sum)
mtime_before=$(stat -c %Y.%y "$k/signing.pem" "$k/signing.pub")
expect_exit 2 "$RST" keygen --out "$k"
expect_stderr 'signing\.(pem|pub)|exist'
[ "$(cat "$k"/* | sha256sum)" = "$sum_before" ] || fail "second keygen changed the keys"
[ "$(stat -c %Y.%y "$k/signing.pem" "$k/signing.pub")" = "$mtime_before" ] || fail "second keygen touched the keys"
[ "$(stat -c %a "$k/signing.pem")" = 600 ] || fail "second keygen changed signing.pem's mode"

# Only the public half present (private lost): still refuses to write a pair
# whose .pub would be overwritten.
k2=$T/pubonly
mkdir -m 0700 "$k2" && cp "$k/signing.pub" "$k2/"
expect_exit 2 "$RST" keygen --out "$k2"
cmp -s "$k/signing.pub" "$k2/signing.pub" || fail "keygen overwrote an existing signing.pub"

# Default directory: ./keys, created 0700.
mkdir "$T/cwd"
(cd "$T/cwd" && "$RST" keygen >"$OUT" 2>"$ERR") || { show_last; fail "keygen without --out failed"; }
[ -f "$T/cwd/keys/signing.pem" ] || fail "keygen without --out did not write ./keys/signing.pem"
[ "$(stat -c %a "$T/cwd/keys")" = 700 ] || fail "./keys mode is $(stat -c %a "$T/cwd/keys")"

# Two keygens give two different keys.
expect_exit 0 "$RST" keygen --out "$T/other"
cmp -s "$T/other/signing.pub" "$k/signing.pub" && fail "two keygens made the same key"
exit 0
