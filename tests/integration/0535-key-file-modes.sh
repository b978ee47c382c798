#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Key files are judged on the open file, by mode and owner:
#   - a private signing key, an age identity and a passphrase file owned
#     by another user (mode 0600, readable by root): refused, exit 2
#   - a verify_key writable by others (0666) or by the group (0664):
#     refused by check-config and verify, exit 2; owned by another user:
#     refused; 0644 and 0444 owned by us: accepted
#   - a signing key readable by the group: refused (as before)
# The user checks need root (chown); as another user they are skipped
# with a note, the mode checks always run.

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile km "$d"
expect_exit 0 "$RST" backup "$T/km.conf"

# A verify_key-only profile (as on a restore host).
cp "$T/keys/signing.pub" "$T/verify.pub"
sed 's|^signing_key = .*|verify_key = "verify.pub";|' "$T/km.conf" >"$T/pub.conf"

for m in 0644 0444; do
	chmod "$m" "$T/verify.pub"
	expect_exit 0 "$RST" check-config "$T/pub.conf"
	expect_exit 0 "$RST" verify "$T/pub.conf"
done
for m in 0666 0664 0646; do
	chmod "$m" "$T/verify.pub"
	expect_exit 2 "$RST" check-config "$T/pub.conf"
	expect_stderr "verify\\.pub: public key file is writable by group or others \\(mode $m\\)"
	expect_exit 2 "$RST" verify "$T/pub.conf"
	expect_stderr "verify\\.pub: public key file is writable by group or others"
done
chmod 0644 "$T/verify.pub"

chmod 0640 "$T/keys/signing.pem"
expect_exit 2 "$RST" backup "$T/km.conf"
expect_stderr 'signing\.pem: secret file is accessible by group or others'
chmod 0600 "$T/keys/signing.pem"

if [ "$(id -u)" != 0 ]; then
	note "not root: the owner checks need chown (skipped)"
	exit 0
fi

# owned_by_nobody FILE: hand FILE to another user, mode unchanged.
chown nobody "$T/verify.pub"
expect_exit 2 "$RST" verify "$T/pub.conf"
expect_stderr 'verify\.pub: owned by uid [0-9]+, not by the running user or root'
expect_exit 2 "$RST" check-config "$T/pub.conf"
chown 0 "$T/verify.pub"
expect_exit 0 "$RST" verify "$T/pub.conf"

chown nobody "$T/keys/signing.pem"
expect_exit 2 "$RST" backup "$T/km.conf"
expect_stderr 'signing\.pem: owned by uid [0-9]+, not by the running user or root'
expect_exit 2 "$RST" check-config "$T/km.conf"
chown 0 "$T/keys/signing.pem"
expect_exit 0 "$RST" verify "$T/km.conf"

# An age identity and a passphrase file of another user.
cp "$T/km.conf" "$T/age.conf"
rcpt=$(sed -n 's/^age recipient: //p' "$T/.keygen.out")
sed -i "s|$T/repo|$T/repo-age|" "$T/age.conf"
printf 'encryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' "$rcpt" >>"$T/age.conf"
expect_exit 0 "$RST" backup "$T/age.conf"
chown nobody "$T/keys/age.key"
expect_exit 2 "$RST" verify --deep "$T/age.conf"
expect_stderr 'age\.key: owned by uid [0-9]+, not by the running user or root'
chown 0 "$T/keys/age.key"
expect_exit 0 "$RST" verify --deep "$T/age.conf"

echo "correct horse" >"$T/pass.txt"
chmod 0600 "$T/pass.txt"
chown nobody "$T/pass.txt"
cp "$T/km.conf" "$T/pass.conf"
sed -i "s|$T/repo|$T/repo-pass|" "$T/pass.conf"
echo 'encryption = { passphrase_file = "pass.txt"; };' >>"$T/pass.conf"
expect_exit 2 "$RST" backup "$T/pass.conf"
expect_stderr 'pass\.txt: owned by uid [0-9]+, not by the running user or root'
[ "$(committed_dirs km "$T/repo-pass")" = 0 ] || fail "a backup with a foreign passphrase file committed"
exit 0
