#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Install everything needed to build and test restorable on Debian 12
# (bookworm).  Run as root.  Safe to run again: apt-get install of an
# installed package is a no-op, and an existing policy-rc.d is left alone.
#
#   sh contrib/deps.sh
#
# This list is what the README's quick start and .ci/run rely on: a package
# a test needs is added here, not installed by hand.  (With CI=true the
# integration suite counts a skipped server test as a failure, so a server
# missing from this list shows up.)

set -eu

die() {
	printf 'deps.sh: %s\n' "$*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "must run as root (it calls apt-get install)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script is for Debian 12"

if [ -r /etc/os-release ]; then
	# shellcheck disable=SC1091
	. /etc/os-release
	case "${ID:-}:${VERSION_ID:-}" in
	debian:12) ;;
	*) printf 'deps.sh: warning: written for Debian 12, this is %s %s\n' \
		"${ID:-unknown}" "${VERSION_ID:-}" >&2 ;;
	esac
fi

# Build: compiler, autotools, the libraries, the Check unit test framework.
BUILD="
	build-essential autoconf automake libtool pkg-config
	libarchive-dev libssl-dev libcurl4-openssl-dev libconfig-dev
	libjansson-dev libzstd-dev zlib1g-dev check
"
# Tools the tests, the demo and the stock-tool restore call.
TOOLS="
	zstd tar age openssl mandoc sqlite3 time curl openssh-client
	ca-certificates python3 coreutils diffutils util-linux file passwd
	chromium attr acl
"
# Servers and clients of the storage and metrics integration tests, which
# start their own instances on 127.0.0.1: SFTP (sshd), WebDAV (nginx with
# dav-ext), FTPS (vsftpd), the AWS CLI that checks S3 uploads, and promtool
# (package prometheus) that checks the metrics format.
SERVERS="
	openssh-server nginx-light libnginx-mod-http-dav-ext vsftpd awscli
	prometheus
"
# The system services those packages come with.
UNITS="ssh nginx vsftpd prometheus prometheus-node-exporter"

# Installing the servers must not start the system's own copies (listening
# on every address): invoke-rc.d and deb-systemd-invoke ask policy-rc.d,
# and 101 means "denied".  A policy-rc.d written here is removed again at
# the end, so later upgrades on this host restart services as before.
made_policy=
cleanup() {
	if [ -n "$made_policy" ]; then
		rm -f /usr/sbin/policy-rc.d
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\n# written by restorable contrib/deps.sh: start no daemons\nexit 101\n' \
		>/usr/sbin/policy-rc.d || die "cannot write /usr/sbin/policy-rc.d"
	made_policy=yes
	chmod 0755 /usr/sbin/policy-rc.d || die "cannot chmod /usr/sbin/policy-rc.d"
fi

was_installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
new_servers=
for pkg in openssh-server nginx-light vsftpd prometheus; do
	was_installed "$pkg" || new_servers="$new_servers $pkg"
done

export DEBIAN_FRONTEND=noninteractive

printf 'deps.sh: apt-get update\n' >&2
apt-get update -qq || die "apt-get update failed"

printf 'deps.sh: installing build and test dependencies\n' >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $BUILD $TOOLS $SERVERS >/dev/null ||
	die "apt-get install failed (run it without -qq to see why)"

# Servers installed by this run stay off at boot as well: the tests start
# their own.  (Without systemd, as in a container, nothing starts them.)
if [ -n "$new_servers" ] && [ -d /run/systemd/system ] &&
    command -v systemctl >/dev/null 2>&1; then
	for unit in $UNITS; do
		systemctl disable --now "$unit" >/dev/null 2>&1 || true
	done
fi

# Check that what the build and the tests call is really there now.
for tool in cc make autoreconf pkg-config libtoolize zstd tar age openssl \
    mandoc sqlite3 python3 setpriv file sha256sum diff curl ssh-keygen \
    useradd aws promtool; do
	command -v "$tool" >/dev/null 2>&1 || die "missing after install: $tool"
done
for f in /usr/bin/time /usr/sbin/sshd /usr/sbin/nginx /usr/sbin/vsftpd \
    /usr/lib/nginx/modules/ngx_http_dav_ext_module.so; do
	[ -e "$f" ] || die "missing after install: $f"
done
for mod in libarchive libcrypto libcurl libconfig jansson libzstd zlib check; do
	pkg-config --exists "$mod" || die "pkg-config cannot find $mod"
done

# The S3 test's server, moto_server, is not packaged by Debian 12: it comes
# from PyPI (pip install 'moto[server]').  Say so; the test skips without it.
if ! command -v moto_server >/dev/null 2>&1; then
	printf "deps.sh: note: moto_server not found; install it with: pip install 'moto[server]'\n" >&2
fi

printf 'deps.sh: all build and test dependencies are installed\n' >&2
