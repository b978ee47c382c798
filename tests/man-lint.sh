#!/bin/sh
# SPDX-License-Identifier: ISC
#
# make check: lint both man pages with mandoc.  Any warning or error fails
# the test (STYLE.md section 8: an option is not done until documented, and
# documented well).  Skipped (exit 77) when configure found no mandoc,
# except under CI=true, where a missing mandoc is a failure (it is in
# contrib/deps.sh --test, so a missing install must not hide).
#
# Environment (set by Makefile.am's AM_TESTS_ENVIRONMENT):
#   top_srcdir  the source tree
#   MANDOC      the mandoc program, or empty

set -u

if [ -z "${MANDOC:-}" ]; then
	if [ "${CI:-}" = true ]; then
		echo "man-lint: FAIL: mandoc not found by configure (CI=true)"
		exit 1
	fi
	echo "man-lint: mandoc not found by configure, skipping"
	exit 77
fi
srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}

status=0
for page in "$srcdir/man/restorable.1" "$srcdir/man/restorable.conf.5"; do
	if [ ! -f "$page" ]; then
		echo "man-lint: FAIL: $page is missing"
		status=1
		continue
	fi
	out=$("$MANDOC" -Tlint -W warning "$page" 2>&1)
	rc=$?
	if [ -n "$out" ] || [ "$rc" -ne 0 ]; then
		echo "man-lint: FAIL: $page (mandoc exit $rc)"
		printf '%s\n' "$out"
		status=1
	else
		echo "man-lint: ok: $page"
	fi
done
exit "$status"
