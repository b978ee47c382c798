#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Install everything needed to build and test restorable on Debian 12
# (bookworm).  Run as root.  Safe to run again: apt-get install of an
# installed package is a no-op, and an existing policy-rc.d is left alone.
#
#   sh contrib/deps.sh
#
# The list is the single source of truth the README's quick start and
# .ci/run rely on: a package a test needs is added here, not installed by hand.

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

# Packages whose maintainer scripts would start a daemon must not do so on a
# build host or in a container: invoke-rc.d asks policy-rc.d, 101 = "denied".
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\n# written by restorable contrib/deps.sh: start no daemons\nexit 101\n' \
		>/usr/sbin/policy-rc.d || die "cannot write /usr/sbin/policy-rc.d"
	chmod 0755 /usr/sbin/policy-rc.d || die "cannot chmod /usr/sbin/policy-rc.d"
fi

PACKAGES="
	build-essential autoconf automake libtool pkg-config
	libarchive-dev libssl-dev libcurl4-openssl-dev libconfig-dev
	libjansson-dev libzstd-dev zlib1g-dev check
	zstd tar age openssl mandoc sqlite3 time
	ca-certificates python3 coreutils diffutils util-linux file
	openssh-server openssh-client curl nginx-light libnginx-mod-http-dav-ext vsftpd awscli
"

export DEBIAN_FRONTEND=noninteractive

printf 'deps.sh: apt-get update\n' >&2
apt-get update -qq || die "apt-get update failed"

printf 'deps.sh: installing build and test dependencies\n' >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null ||
	die "apt-get install failed (run it without -qq to see why)"

# Check that what the build and the tests call is really there now.
for tool in cc make autoreconf pkg-config libtoolize zstd tar age openssl \
    mandoc sqlite3 python3 setpriv file sha256sum diff; do
	command -v "$tool" >/dev/null 2>&1 || die "missing after install: $tool"
done
[ -x /usr/bin/time ] || die "missing after install: /usr/bin/time"
for mod in libarchive libcrypto libcurl libconfig jansson libzstd check; do
	pkg-config --exists "$mod" || die "pkg-config cannot find $mod"
done

printf 'deps.sh: all build and test dependencies are installed\n' >&2
