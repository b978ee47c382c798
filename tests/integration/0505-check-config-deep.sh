#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# check-config opens what the commands will open later, and checks every
# profile in CONFDIR when none is named:
#   - a signing_key that is not an Ed25519 key (an age identity) -> 2,
#     naming the file and the key;
#   - an identity_file that is group-readable, or missing -> 2; one that
#     is unset while recipients are set -> a warning, exit 0;
#   - without operands: every CONFDIR/profiles/*.conf, the worst exit;
#   - --connect on a file:// repository: lists and writes and deletes a
#     temp object (none left); a repository path under a regular file -> 3.

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d"
echo one >"$d/one.txt"
ensure_keys
C=$T/conf
mkdir -p "$C/profiles"
rcpt=$(sed -n 's/^age recipient: *//p' "$T/.keygen.out")
[ -n "$rcpt" ] || fail "keygen printed no age recipient"

mkp() {	# mkp NAME EXTRA: a profile in CONFDIR
	{
		printf 'name = "%s";\npaths = [ "%s" ];\n' "$1" "$d"
		printf 'repository = "file://%s/repo";\n' "$T"
		printf 'state_dir = "%s/state";\n' "$T"
		printf '%s\n' "$2"
	} >"$C/profiles/$1.conf"
}

mkp good "signing_key = \"$T/keys/signing.pem\";"
expect_exit 0 "$RST" -c "$C" check-config good
expect_stdout 'profile good is valid'

# An age identity where the signing key belongs.
mkp agekey "signing_key = \"$T/keys/age.key\";"
expect_exit 2 "$RST" -c "$C" check-config agekey
expect_stderr "agekey\\.conf: signing_key: "

# All of CONFDIR: the good one is valid, the bad one named, exit 2.
expect_exit 2 "$RST" -c "$C" check-config
expect_stdout 'profile good is valid'
expect_stderr "agekey\\.conf: signing_key: "
rm "$C/profiles/agekey.conf"

# Identity files: group-readable, missing, unset.
cp "$T/keys/age.key" "$T/id.key"
chmod 0640 "$T/id.key"
mkp enc "signing_key = \"$T/keys/signing.pem\";
encryption = { recipients = [ \"$rcpt\" ]; identity_file = \"$T/id.key\"; };"
expect_exit 2 "$RST" -c "$C" check-config enc
expect_stderr "id\\.key"
chmod 0600 "$T/id.key"
expect_exit 0 "$RST" -c "$C" check-config enc
rm "$T/id.key"
expect_exit 2 "$RST" -c "$C" check-config enc
expect_stderr "id\\.key"
mkp enc "signing_key = \"$T/keys/signing.pem\";
encryption = { recipients = [ \"$rcpt\" ]; };"
expect_exit 0 "$RST" -c "$C" check-config enc
expect_stderr "identity_file is not set: backups work, restore and drill will need it"

# --connect on file://: the probe is written and removed.
expect_exit 0 "$RST" -v -c "$C" check-config --connect good
expect_stdout 'profile good is valid, its repository answers'
expect_stderr 'wrote and deleted snapshots/good/\.tmp-check-config-'
[ -d "$T/repo" ] || fail "--connect did not reach the repository"
[ -z "$(find "$T/repo" -name '*.tmp-*')" ] || fail "--connect left its probe"
: >"$T/afile"
mkp bad "signing_key = \"$T/keys/signing.pem\";"
sed -i "s|^repository = .*|repository = \"file://$T/afile/repo\";|" "$C/profiles/bad.conf"
expect_exit 0 "$RST" -c "$C" check-config bad
expect_exit 3 "$RST" -c "$C" check-config --connect bad
expect_stderr "bad\\.conf: repository \\(--connect\\): "
exit 0
