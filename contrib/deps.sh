#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Install what restorable needs on Debian 12 (bookworm).  Run as root.
#
#   sh contrib/deps.sh          build it and run the demo: the compiler,
#                               autotools, the libraries, and the stock
#                               tools the demo calls; no server, no daemon
#   sh contrib/deps.sh --test   also what the test suite needs: the test
#                               tools and the servers the storage tests
#                               start on 127.0.0.1 (sshd, nginx, vsftpd,
#                               pyftpdlib, rclone, s3rver, the AWS CLI,
#                               promtool, chromium, clang for libFuzzer)
#
# Only packages that are missing are installed (nothing installed is
# upgraded), so it is safe to run again.  No daemon starts during the
# install.  With --test, the system units of the packages this run
# installed (and only those) are disabled, since the tests start their own
# servers; a unit that existed before is never stopped, disabled or
# reconfigured.
#
# This list is what the README's quick start and .ci/run rely on: a package
# a test needs is added here, not installed by hand.  (With CI=true the
# integration suite counts a skipped server test as a failure, so a server
# missing from the --test list shows up.)

set -eu

die() {
	printf 'deps.sh: %s\n' "$*" >&2
	exit 1
}

usage() {
	echo "usage: sh contrib/deps.sh [--test]"
}

test_deps=
case $# in
0) ;;
1)
	case $1 in
	--test) test_deps=yes ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac ;;
*) usage >&2; exit 2 ;;
esac

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

# Build: compiler, autotools, the libraries, the Check framework (configure
# requires it for the unit tests).
BUILD="
	build-essential autoconf automake libtool pkg-config
	libarchive-dev libssl-dev libcurl4-openssl-dev libconfig-dev
	libjansson-dev libzstd-dev zlib1g-dev check
"
# The stock tools contrib/demo.sh calls.
DEMO="zstd tar openssl sqlite3 python3 coreutils diffutils ca-certificates"
# --test: the tools the tests call (age for encrypted stock-tool restores,
# mandoc for the man page lint, chromium for the report renders and
# poppler-utils for pdftotext on its PDFs, clang
# and its runtime for the fuzz targets, awscli to check S3 uploads,
# prometheus for promtool, debhelper and lintian for the package build,
# faketime to run backups hours apart without waiting).
TEST_TOOLS="
	age mandoc time curl openssh-client file passwd util-linux attr acl
	faketime
	chromium poppler-utils clang libclang-rt-14-dev awscli prometheus
	debhelper lintian
"
# --test: the servers the storage tests start on 127.0.0.1: SFTP (OpenSSH,
# rclone serve sftp), WebDAV (nginx with dav-ext, rclone serve webdav),
# FTPS (vsftpd; pyftpdlib, since Debian's FTP daemons conflict with each
# other).  S3: s3rver from npm, below.
TEST_SERVERS="
	openssh-server nginx-light libnginx-mod-http-dav-ext vsftpd rclone
	python3-pyftpdlib python3-openssl
"
S3RVER=s3rver@3.7.1

PKGS="$BUILD $DEMO"
if [ -n "$test_deps" ]; then
	PKGS="$PKGS $TEST_TOOLS $TEST_SERVERS"
	# npm comes with Node.js from other sources: Debian's only when none.
	command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
fi

# installed_pkgs: every package dpkg has installed, one per line.
installed_pkgs() {
	dpkg-query -W -f='${Status}\t${Package}\n' 2>/dev/null |
		sed -n 's/^install ok installed\t//p' | LC_ALL=C sort -u
}

# Installing must not start the system's copies of the servers (listening
# on every address): invoke-rc.d and deb-systemd-invoke ask policy-rc.d,
# and 101 means "denied".  A policy-rc.d written here is removed again at
# the end, so later upgrades on this host restart services as before.
made_policy=
tmp=
cleanup() {
	if [ -n "$made_policy" ]; then
		rm -f /usr/sbin/policy-rc.d
	fi
	if [ -n "$tmp" ]; then
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
tmp=$(mktemp -d) || die "mktemp failed"

installed_pkgs >"$tmp/before"
missing=
for pkg in $PKGS; do
	grep -qxF "$pkg" "$tmp/before" || missing="$missing $pkg"
done

export DEBIAN_FRONTEND=noninteractive
if [ -n "$missing" ]; then
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\n# written by restorable contrib/deps.sh: start no daemons\nexit 101\n' \
			>/usr/sbin/policy-rc.d || die "cannot write /usr/sbin/policy-rc.d"
		made_policy=yes
		chmod 0755 /usr/sbin/policy-rc.d || die "cannot chmod /usr/sbin/policy-rc.d"
	fi
	printf 'deps.sh: apt-get update\n' >&2
	apt-get update -qq || die "apt-get update failed"
	printf 'deps.sh: installing%s\n' "$missing" >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		die "apt-get install failed (run it without -qq to see why)"
fi

# --test: the units of the packages this run installed (dependencies
# included) stay off, at boot too: the tests start their own servers.
# Units of packages installed before are left exactly as they were.
if [ -n "$test_deps" ] && [ -n "$missing" ] &&
    command -v systemctl >/dev/null 2>&1; then
	installed_pkgs >"$tmp/new-db"
	LC_ALL=C comm -13 "$tmp/before" "$tmp/new-db" >"$tmp/new"
	units=
	while IFS= read -r pkg; do
		for f in $(dpkg-query -L "$pkg" 2>/dev/null |
		    grep -E '^(/usr)?/lib/systemd/system/[^/@]+\.(service|socket|timer|path)$'); do
			units="$units ${f##*/}"
		done
	done <"$tmp/new"
	for unit in $units; do
		printf 'deps.sh: disabling %s (installed by this run)\n' "$unit" >&2
		if [ -d /run/systemd/system ]; then
			systemctl disable --now "$unit" >/dev/null 2>&1 || true
		else
			systemctl disable "$unit" >/dev/null 2>&1 || true
		fi
	done
fi

if [ -n "$test_deps" ] && ! command -v s3rver >/dev/null 2>&1; then
	printf 'deps.sh: npm install -g %s\n' "$S3RVER" >&2
	npm install -g --no-fund --no-audit --loglevel=error "$S3RVER" >/dev/null ||
		die "npm install -g $S3RVER failed"
fi

# Check that what the build (and the tests) need is really there now.
installed_pkgs >"$tmp/after"
for pkg in $PKGS; do
	grep -qxF "$pkg" "$tmp/after" || die "not installed after apt-get install: $pkg"
done
if [ -n "$test_deps" ]; then
	command -v s3rver >/dev/null 2>&1 || die "missing after npm install: s3rver"
fi
for mod in libarchive libcrypto libcurl libconfig jansson libzstd zlib check; do
	pkg-config --exists "$mod" || die "pkg-config cannot find $mod"
done

if [ -n "$test_deps" ]; then
	# The S3 tests that need a server validating SigV4 and Object Lock
	# use moto_server, which Debian 12 does not package: it comes from
	# PyPI (pip install 'moto[server]').  Say so; those tests skip.
	if ! command -v moto_server >/dev/null 2>&1; then
		printf "deps.sh: note: moto_server not found; install it with: pip install 'moto[server]'\n" >&2
	fi
	printf 'deps.sh: the build, demo and test dependencies are installed\n' >&2
else
	printf 'deps.sh: the build and demo dependencies are installed (tests: sh contrib/deps.sh --test)\n' >&2
fi
