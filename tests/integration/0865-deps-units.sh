#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# contrib/deps.sh, with apt-get, dpkg-query, systemctl and npm replaced by
# stand-ins on PATH that record their calls and keep a pretend package
# database (so the system's own packages and units are never touched):
#
#   - plain deps.sh installs the build and demo packages and no server,
#     test tool or npm package, and calls no systemctl;
#   - deps.sh --test installs only what is missing (an installed server
#     is not upgraded), with policy-rc.d denying every daemon start, and
#     disables exactly the units of the packages it installed (a pulled-in
#     dependency's included): never one of a package installed before
#     (sshd's, or nginx's from nginx-common, which nginx-light depends
#     on), never a template unit, and it never stops, masks or restarts
#     anything else;
#   - a second deps.sh --test installs nothing and touches no unit.

. "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "optional: contrib/deps.sh runs as root"
command -v apt-get >/dev/null 2>&1 || skip "optional: not a Debian system"
DEPS=$SRCDIR/contrib/deps.sh

B=$T/bin
mkdir -p "$B" "$T/files" "$T/pulls"
export DEPS_DB=$T/db DEPS_CALLS=$T/calls DEPS_FILES=$T/files DEPS_PULLS=$T/pulls
: >"$DEPS_DB"
: >"$DEPS_CALLS"

cat >"$B/dpkg-query" <<'SH'
#!/bin/sh
case $1 in
-W)	while IFS= read -r p; do printf 'install ok installed\t%s\n' "$p"; done <"$DEPS_DB"
	# A package removed but not purged is not installed.
	printf 'deinstall ok config-files\tvsftpd\n' ;;
-L)	grep -qxF "$2" "$DEPS_DB" || { echo "dpkg-query: package '$2' is not installed" >&2; exit 1; }
	cat "$DEPS_FILES/$2" 2>/dev/null ;;
*)	echo "dpkg-query stand-in: unexpected $*" >&2; exit 2 ;;
esac
SH
cat >"$B/apt-get" <<'SH'
#!/bin/sh
echo "apt-get $*" >>"$DEPS_CALLS"
[ "$1" = update ] && exit 0
[ "$1" = install ] || { echo "apt-get stand-in: unexpected $*" >&2; exit 2; }
if [ -x /usr/sbin/policy-rc.d ]; then
	/usr/sbin/policy-rc.d ssh start >/dev/null 2>&1
	echo "policy-rc.d: $?" >>"$DEPS_CALLS"
else
	echo "policy-rc.d: none" >>"$DEPS_CALLS"
fi
shift
for a in "$@"; do
	case $a in
	-*) ;;
	*) echo "$a" >>"$DEPS_DB"
	   [ -f "$DEPS_PULLS/$a" ] && cat "$DEPS_PULLS/$a" >>"$DEPS_DB" ;;
	esac
done
exit 0
SH
printf '#!/bin/sh\necho "systemctl $*" >>"$DEPS_CALLS"\n' >"$B/systemctl"
cat >"$B/npm" <<SH
#!/bin/sh
echo "npm \$*" >>"\$DEPS_CALLS"
printf '#!/bin/sh\\nexit 0\\n' >"$B/s3rver" && chmod 755 "$B/s3rver"
SH
chmod 755 "$B"/*

# The pretend packages' files: system units, template units, a target.
printf '/lib/systemd/system/ssh.service\n/lib/systemd/system/ssh.socket\n/lib/systemd/system/ssh@.service\n/lib/systemd/system/rescue-ssh.target\n/usr/sbin/sshd\n' \
	>"$T/files/openssh-server"
printf '/lib/systemd/system/nginx.service\n' >"$T/files/nginx-common"
printf '/usr/sbin/nginx\n' >"$T/files/nginx-light"
printf '/lib/systemd/system/vsftpd.service\n/lib/systemd/system/vsftpd.socket\n/lib/systemd/system/vsftpd@.service\n/usr/sbin/vsftpd\n' \
	>"$T/files/vsftpd"
printf '/lib/systemd/system/prometheus.service\n' >"$T/files/prometheus"
printf '/lib/systemd/system/prometheus-node-exporter.service\n' >"$T/files/prometheus-node-exporter"
# What installing a package pulls in.
echo nginx-common >"$T/pulls/nginx-light"
echo prometheus-node-exporter >"$T/pulls/prometheus"

had_policy=
[ -e /usr/sbin/policy-rc.d ] && had_policy=yes
run_deps() {
	PATH=$B:$PATH expect_exit 0 sh "$DEPS" "$@"
}
installs() {
	grep '^apt-get install' "$DEPS_CALLS" | tr ' ' '\n' | grep -v '^-' | sed '1,2d'
}

# 1. Plain: build and demo only.
run_deps
installs >"$T/plain"
for p in build-essential libarchive-dev libcurl4-openssl-dev check zstd openssl sqlite3 python3; do
	grep -qxF "$p" "$T/plain" || { cat "$T/plain" >&2; fail "plain deps.sh does not install $p"; }
done
for p in openssh-server nginx-light libnginx-mod-http-dav-ext vsftpd rclone python3-pyftpdlib \
    prometheus awscli chromium clang npm mandoc; do
	grep -qxF "$p" "$T/plain" && fail "plain deps.sh installs $p"
done
grep -q '^systemctl' "$DEPS_CALLS" && fail "plain deps.sh calls systemctl: $(grep '^systemctl' "$DEPS_CALLS")"
grep -q '^npm' "$DEPS_CALLS" && fail "plain deps.sh calls npm"
grep -qx 'policy-rc.d: 101' "$DEPS_CALLS" || fail "apt-get ran without a policy-rc.d that denies starts: $(cat "$DEPS_CALLS")"

# 2. --test, with sshd and nginx-common (nginx's unit) installed before.
printf 'openssh-server\nnginx-common\n' >>"$DEPS_DB"
: >"$DEPS_CALLS"
run_deps --test
installs >"$T/test"
for p in vsftpd rclone python3-pyftpdlib python3-openssl nginx-light libnginx-mod-http-dav-ext \
    awscli prometheus clang libclang-rt-14-dev mandoc age; do
	grep -qxF "$p" "$T/test" || { cat "$T/test" >&2; fail "deps.sh --test does not install $p"; }
done
grep -qxF openssh-server "$T/test" && fail "deps.sh --test reinstalls (upgrades) openssh-server"
grep -qxF build-essential "$T/test" && fail "deps.sh --test reinstalls build-essential"
grep -qx 'policy-rc.d: 101' "$DEPS_CALLS" || fail "apt-get ran without a policy-rc.d that denies starts"
grep '^systemctl' "$DEPS_CALLS" | sort >"$T/units"
for u in vsftpd.service vsftpd.socket prometheus.service prometheus-node-exporter.service; do
	grep -qE "^systemctl disable (--now )?$u\$" "$T/units" ||
		{ cat "$T/units" >&2; fail "the new $u was not disabled"; }
done
grep -E 'ssh|nginx|@|\.target' "$T/units" &&
	fail "deps.sh --test touched a unit installed before, a template or a target"
grep -vE '^systemctl disable (--now )?[a-z-]+\.(service|socket)$' "$T/units" &&
	fail "deps.sh --test called systemctl for something else than disabling a new unit"
[ "$(wc -l <"$T/units")" -eq 4 ] || { cat "$T/units" >&2; fail "expected 4 units disabled"; }
[ -e /usr/sbin/policy-rc.d ] || [ -z "$had_policy" ] || fail "deps.sh removed a policy-rc.d it did not write"
[ ! -e /usr/sbin/policy-rc.d ] || [ -n "$had_policy" ] || fail "deps.sh left its policy-rc.d behind"

# 3. Again: everything is installed, nothing to do.
: >"$DEPS_CALLS"
run_deps --test
grep -q '^apt-get' "$DEPS_CALLS" && fail "a second deps.sh --test calls apt-get: $(cat "$DEPS_CALLS")"
grep -q '^systemctl' "$DEPS_CALLS" && fail "a second deps.sh --test calls systemctl: $(cat "$DEPS_CALLS")"

# Usage errors.
PATH=$B:$PATH expect_exit 2 sh "$DEPS" --tests
expect_stderr 'usage: sh contrib/deps.sh \[--test\]'
exit 0
