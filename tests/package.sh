#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# tests/package.sh -- build the Debian package from a copy of the tree and
# check what it installs.  .ci/run calls it once, in the plain build.
#
#   1. dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS=nocheck) in a copy
#      of the tracked and new files of the tree;
#   2. lintian reports no error;
#   3. dpkg -x into a scratch root: the binary runs from there (`version`),
#      the man pages, the service and timer, the cron and profile examples
#      and the 0700 folders are where the package says;
#   4. the postinst sets those modes, run against a scratch root.
#
# Ends with "N passed, N failed".

set -u
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/rst-package.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); printf 'PASS %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }
check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@" >"$work/out" 2>&1; then ok "$what"; else bad "$what"; tail -n 20 "$work/out"; fi
}

for tool in dpkg-buildpackage dh lintian; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "tests/package.sh: $tool not found (sh contrib/deps.sh --test installs it)" >&2
		exit 1
	}
done

# A copy of the source (no build products of the tree itself).
src=$work/restorable-src
mkdir -p "$src"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z -co --exclude-standard) |
	    (cd "$top" && xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$src"
else
	cp -a "$top/." "$src/"
fi

build() {
	cd "$src" && ./autogen.sh && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b
}
if build >"$work/build.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b"
else
	bad "dpkg-buildpackage -us -uc -b"
	tail -n 40 "$work/build.log"
	printf '%d passed, %d failed\n' "$passed" "$failed"
	exit 1
fi
deb=$(ls "$work"/restorable_*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { bad "a restorable_*.deb was built"; exit 1; }

lintian_errors() {
	lintian --no-tag-display-limit "$deb" >"$work/lintian.out" 2>&1
	cat "$work/lintian.out"
	! grep -q '^E:' "$work/lintian.out"
}
check "lintian reports no error" lintian_errors

root=$work/root
dpkg -x "$deb" "$root"
check "the packaged binary runs (restorable version)" "$root/usr/bin/restorable" version
for f in usr/share/man/man1/restorable.1.gz usr/share/man/man5/restorable.conf.5.gz \
    lib/systemd/system/restorable.service lib/systemd/system/restorable.timer \
    usr/share/doc/restorable/examples/restorable \
    usr/share/doc/restorable/examples/profiles/files-sqlite.conf \
    usr/share/doc/restorable/examples/profiles/postgresql.conf; do
	check "installs /$f" test -f "$root/$f"
done
for d in etc/restorable/profiles etc/restorable/keys var/lib/restorable; do
	check "installs /$d" test -d "$root/$d"
done
check "the service runs /usr/bin/restorable" \
    grep -q '^ExecStart=/usr/bin/restorable ' "$root/lib/systemd/system/restorable.service"
check "the package enables and starts nothing" \
    sh -c "! dpkg-deb -I '$deb' postinst | grep -E 'systemctl.*(enable|start)|deb-systemd-invoke start'"

# The postinst, run with its paths under a scratch root, leaves 0700.
postinst_modes() {
	local s=$work/proot
	mkdir -p "$s/etc/restorable/profiles" "$s/etc/restorable/keys" "$s/var/lib/restorable"
	chmod 0755 "$s/etc/restorable/profiles" "$s/etc/restorable/keys" "$s/var/lib/restorable"
	# debhelper's own snippets call these; here they only record, and a
	# unit was never enabled before (a first install).
	mkdir -p "$work/shims"
	for t in deb-systemd-helper deb-systemd-invoke systemctl invoke-rc.d; do
		printf '#!/bin/sh\necho "%s $*" >>"%s"\ncase "$*" in *was-enabled*|*is-enabled*) exit 1;; esac\n' \
		    "$t" "$work/shims.log" >"$work/shims/$t"
		chmod +x "$work/shims/$t"
	done
	dpkg-deb -I "$deb" postinst | sed -e "s| /etc/| $s/etc/|g; s| /var/| $s/var/|g" >"$work/postinst"
	PATH=$work/shims:$PATH sh "$work/postinst" configure || return 1
	if grep -E ' (enable|start)( |$)' "$work/shims.log" 2>/dev/null; then
		echo "postinst enables or starts a unit"
		return 1
	fi
	for d in etc/restorable/profiles etc/restorable/keys var/lib/restorable; do
		[ "$(stat -c %a "$s/$d")" = 700 ] || { echo "$d: $(stat -c %a "$s/$d")"; return 1; }
	done
}
check "postinst makes CONFDIR/profiles, CONFDIR/keys and the state dir 0700" postinst_modes

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
