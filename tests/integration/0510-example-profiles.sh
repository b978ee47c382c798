#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Every shipped profile (profiles/demo.conf, profiles/examples/*.conf) is
# valid: copied into a temp dir with its `paths` pointed at existing temp
# dirs (the real ones are /srv/... on a server) and the key and secret
# files it names created there (keygen, ssh-keygen, a passphrase), and
# any *_env variable it names set, check-config exits 0 -- and creates none
# of the state, scratch or metrics dirs it names.

. "$(dirname "$0")/lib.sh"
need python3

profiles=("$SRCDIR/profiles/demo.conf")
for f in "$SRCDIR"/profiles/examples/*.conf; do
	[ -e "$f" ] && profiles+=("$f")
done
[ -f "$SRCDIR/profiles/demo.conf" ] || fail "profiles/demo.conf is missing"

# prepare SRC DST DATADIR: DST = SRC with paths rewritten to DATADIR/N;
# prints lines "KIND<TAB>VALUE" for each referenced file (KIND = key name),
# *_env variable (env) and dir that check-config must not create (dir).
prepare() {
	python3 - "$1" "$2" "$3" <<'EOF'
import os, re, sys
src, dst, data = sys.argv[1:4]
text = open(src, encoding="utf-8").read()
m = re.search(r'(?ms)^(\s*paths\s*=\s*)\[(.*?)\]\s*;', text)
if not m:
    sys.exit("no paths setting in " + src)
n = len(re.findall(r'"[^"]*"', m.group(2)))
new = ", ".join('"%s/p%d"' % (data, i) for i in range(max(n, 1)))
# keep the line count, so FILE:LINE messages still point into the original
body = "[ " + new + " ];" + "\n" * m.group(0).count("\n")
text = text[:m.start()] + m.group(1) + body + text[m.end():]
open(dst, "w", encoding="utf-8").write(text)
for i in range(max(n, 1)):
    os.makedirs("%s/p%d" % (data, i), exist_ok=True)
code = re.sub(r'#[^\n]*', '', re.sub(r'"(?:[^"\\]|\\.)*"', lambda s: s.group(0).replace("#", "\0"), text))
for k, v in re.findall(r'\b(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"', code):
    v = v.replace("\0", "#")
    if k in ("signing_key", "verify_key", "identity_file", "credentials_file", "ca_file",
             "ssh_key", "known_hosts", "passphrase_file"):
        print("%s\t%s" % (k, v))
    elif k.endswith("_env"):
        print("env\t%s" % v)
    elif k in ("state_dir", "scratch_dir", "metrics_dir"):
        print("dir\t%s" % v)
    elif k == "url" and v.startswith("file:"):
        print("dir\t%s" % v)
EOF
}

n=0
for p in "${profiles[@]}"; do
	n=$((n + 1))
	base=$(basename "$p")
	w=$T/case$n/profiles
	mkdir -p "$w"
	prepare "$p" "$w/$base" "$T/case$n/data" >"$T/refs$n" || fail "$base: cannot rewrite paths"
	created=()
	envs=()
	while IFS=$'\t' read -r kind val; do
		case $val in /*) f=$val ;; *) f=$w/$val ;; esac
		case $kind in
		env)
			envs+=("$val=user:secret")
			continue ;;
		dir)
			case $val in file:*) continue ;; esac
			[ -e "$f" ] || created+=("$f")
			continue ;;
		esac
		[ -e "$f" ] && continue
		case $f in "$T"/*) ;; *) fail "$base: $kind $val is outside the temp dir; cannot create it" ;; esac
		mkdir -p "$(dirname "$f")" && chmod 0700 "$(dirname "$f")"
		case $kind in
		signing_key)
			k=$T/case$n/keygen
			[ -f "$k/signing.pem" ] || "$RST" keygen --out "$k" >/dev/null || fail "keygen failed"
			cp "$k/signing.pem" "$f" && chmod 0600 "$f"
			[ -e "${f%.pem}.pub" ] || cp "$k/signing.pub" "${f%.pem}.pub" ;;
		verify_key)
			k=$T/case$n/keygen
			[ -f "$k/signing.pub" ] || "$RST" keygen --out "$k" >/dev/null || fail "keygen failed"
			cp "$k/signing.pub" "$f" ;;
		identity_file)
			if command -v age-keygen >/dev/null; then
				age-keygen -o "$f" 2>/dev/null || fail "age-keygen failed"
			else
				printf '%s\n' 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX' >"$f"
			fi
			chmod 0600 "$f" ;;
		ssh_key)
			if command -v ssh-keygen >/dev/null; then
				ssh-keygen -q -t ed25519 -N '' -f "$f" || fail "ssh-keygen failed"
			else
				printf 'dummy\n' >"$f"
			fi
			chmod 0600 "$f" ;;
		ca_file)
			cp /etc/ssl/certs/ca-certificates.crt "$f" 2>/dev/null || : >"$f" ;;
		*)
			printf 'restorable-test-secret\n' >"$f" && chmod 0600 "$f" ;;
		esac
	done <"$T/refs$n"
	expect_exit 0 env "${envs[@]}" "$RST" check-config "$w/$base"
	for dir in "${created[@]}"; do
		if [ -e "$dir" ]; then
			rm -rf "$dir"
			fail "$base: check-config created $dir"
		fi
	done
	note "$base: valid"
done
[ "$n" -ge 1 ] || fail "no profiles found"
exit 0
