#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Every example profile works as its own header says: installed as
# CONFDIR/profiles/NAME.conf, the header's commands run as written (with
# CONFDIR for /etc/restorable), the keys it names are exactly the files
# those commands created, and `check-config NAME` then exits 0.  Only what
# the header leaves to the admin is supplied by the test: the data folders
# (pointed at temp dirs), a login or passphrase file, the age recipient
# keygen printed, and credential variables.

. "$(dirname "$0")/lib.sh"
need python3
need ssh-keygen

n=0
for p in "$SRCDIR"/profiles/examples/*.conf; do
	n=$((n + 1))
	base=$(basename "$p")
	name=${base%.conf}
	root=$T/case$n/etc/restorable
	mkdir -p "$root/profiles" "$T/case$n/data"
	# The header's commands, from "#   " lines naming restorable or
	# ssh-keygen, run in order with CONFDIR for /etc/restorable.
	sed -n 's/^#   //p' "$p" | grep -E '^(cd |ssh-keygen |restorable )' |
	    sed "s|/etc/restorable|$root|g" >"$T/steps$n"
	grep -q 'keygen --out keys' "$T/steps$n" ||
	    fail "$base: the header has no keygen line"
	# Paths, recipients and credentials are the admin's: rewrite paths to
	# temp folders, recipients to the key keygen made.
	python3 -E - "$p" "$root/profiles/$base" "$T/case$n/data" <<'PY'
import re, sys
src, dst, data = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
m = re.search(r'(?ms)^(\s*paths\s*=\s*)\[(.*?)\]\s*;', text)
n = len(re.findall(r'"[^"]*"', m.group(2)))
body = "[ " + ", ".join('"%s/p%d"' % (data, i) for i in range(n)) + " ];"
text = text[:m.start()] + m.group(1) + body + "\n" * m.group(0).count("\n") + text[m.end():]
open(dst, "w", encoding="utf-8").write(text)
PY
	for i in 0 1 2 3; do mkdir -p "$T/case$n/data/p$i"; done
	keygen_out=$T/case$n/keygen.out
	while IFS= read -r step; do
		case $step in
		*"restorable check-config"*) continue ;;	# below, once set up
		"cd "*" && restorable keygen --out keys"*)
			dir=${step#cd }
			dir=${dir%% &&*}
			(cd "$dir" && "$RST" keygen --out keys) >"$keygen_out" ||
			    fail "$base: the header's keygen line failed" ;;
		"ssh-keygen "*)
			eval "$step -q" || fail "$base: $step failed" ;;
		restorable\ *) ;;	# backup/drill examples need the real server
		*) fail "$base: unexpected header step: $step" ;;
		esac
	done <"$T/steps$n"
	# Every key the profile names must be there now, except those the
	# header tells the admin to write (a login or a passphrase).
	prof=$root/profiles/$base
	envs=()
	while IFS=$'\t' read -r kind val; do
		f=$root/profiles/$val
		case $kind in
		env) envs+=("$val=user:secret"); continue ;;
		signing_key|identity_file|ssh_key)
			[ -f "$f" ] || fail "$base: $kind $val does not exist after following the header"
			;;
		credentials_file|passphrase_file)
			grep -q "${val#../}" "$p" || fail "$base: header does not name $val"
			printf 'restorable:not-a-real-secret\n' >"$f" && chmod 0600 "$f" ;;
		esac
	done < <(python3 -E - "$prof" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
code = re.sub(r'#[^\n]*', '', re.sub(r'"(?:[^"\\]|\\.)*"', lambda s: s.group(0).replace("#", "\0"), text))
for k, v in re.findall(r'\b(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"', code):
    if k in ("signing_key", "identity_file", "ssh_key", "credentials_file", "passphrase_file"):
        print("%s\t%s" % (k, v))
    elif k.endswith("_env"):
        print("env\t%s" % v)
PY
	)
	if grep -q 'recipients = \[' "$prof"; then
		rcpt=$(sed -n 's/^age recipient: *//p' "$keygen_out")
		[ -n "$rcpt" ] || fail "$base: keygen printed no age recipient"
		sed -i "s|recipients = \[ \"age1[0-9a-z]*\" \]|recipients = [ \"$rcpt\" ]|" "$prof"
		grep -q "$rcpt" "$prof" || fail "$base: could not set the recipient"
	fi
	grep -q "restorable check-config $name" "$p" ||
	    fail "$base: the header does not say how to check it"
	expect_exit 0 env "${envs[@]}" "$RST" -c "$root" check-config "$name"
	note "$base: valid as written"
done
[ "$n" -ge 4 ] || fail "expected at least four example profiles, found $n"
exit 0
