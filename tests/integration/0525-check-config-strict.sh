#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# check-config accepts exactly what backup accepts:
#   - age recipients are decoded in full (bech32 checksum, "age" prefix,
#     32-byte key) as backup does: a recipient with a wrong checksum, one
#     cut short and an age secret key pasted in its place are each exit 2
#     with FILE:LINE, and backup refuses the same profile (exit 2); the
#     recipient keygen printed passes both
#   - names, labels and commands must be UTF-8 (a Latin-1 check name, hook
#     command or smtp address is FILE:LINE, exit 2); paths and exclude
#     globs are bytes and may be anything

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo x >"$d/f"
mk_profile cc "$d"
rcpt=$(sed -n 's/^age recipient: //p' "$T/.keygen.out")
[ -n "$rcpt" ] || fail "keygen printed no age recipient"
secret=$(grep '^AGE-SECRET-KEY-' "$T/keys/age.key")

# with_line FILE LINE: FILE.conf = the base profile plus LINE (line 7).
with_line() {
	cp "$T/cc.conf" "$T/$1.conf"
	printf '%s\n' "$2" >>"$T/$1.conf"
}

with_line good "encryption = { recipients = [ \"$rcpt\" ]; };"
expect_exit 0 "$RST" check-config "$T/good.conf"
expect_exit 0 "$RST" backup "$T/good.conf"

# The last character of the checksum changed; cut short; a secret key.
last=${rcpt: -1}
[ "$last" = q ] && other=p || other=q
n=0
for bad in "${rcpt%?}$other" "${rcpt:0:40}" "$secret"; do
	n=$((n + 1))
	with_line "bad$n" "encryption = { recipients = [ \"$bad\" ]; };"
	expect_exit 2 "$RST" check-config "$T/bad$n.conf"
	expect_stderr "bad$n\\.conf:7: .*age recipient"
	grep -qF -- "${secret#AGE-SECRET-KEY-}" "$ERR" && fail "check-config printed the secret key"
	expect_exit 2 "$RST" backup "$T/bad$n.conf"
	grep -qF -- "${secret#AGE-SECRET-KEY-}" "$ERR" && fail "backup printed the secret key"
done

# UTF-8 for text, bytes for paths and globs.
latin=$(printf 'caf\351')
with_line name-bytes "drill = { checks = ( { name = \"$latin\"; command = \"true\"; } ); };"
expect_exit 2 "$RST" check-config "$T/name-bytes.conf"
expect_stderr 'name-bytes\.conf:7: .*name is not valid UTF-8'
with_line hook-bytes "hooks = { pre_backup = \"echo $latin\"; };"
expect_exit 2 "$RST" check-config "$T/hook-bytes.conf"
expect_stderr 'hook-bytes\.conf:7: .*pre_backup is not valid UTF-8'
mkdir -p "$d/$latin"
with_line glob-bytes "exclude = [ \"$latin*\", \"$d/$latin\" ];"
expect_exit 0 "$RST" check-config "$T/glob-bytes.conf"
sed "s|^paths = .*|paths = [ \"$d/$latin\" ];|" "$T/cc.conf" >"$T/path-bytes.conf"
expect_exit 0 "$RST" check-config "$T/path-bytes.conf"
exit 0
