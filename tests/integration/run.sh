#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# tests/integration/run.sh [PATTERN] -- the integration suite's one driver
# (`make check` runs it; it also runs by hand from anywhere).
#
# Runs every tests/integration/[0-9]*.sh in order (only those whose name
# contains PATTERN when given), each in its own fresh temp dir, and prints
# one line per script:
#
#   PASS name
#   FAIL name          followed by the last 30 lines of its output
#   SKIP name (reason) the script exited 77; its reason is its last "SKIP:" line
#
# and closes with exactly "N passed, N failed, N skipped".  With CI=true a
# skip counts as a failure unless its reason starts with "optional:" (so a
# missing install step cannot hide behind a skip).  Exits 1 if any failed.
#
# Environment: top_srcdir, top_builddir (set by Makefile.am; default: two
# levels above this script), TEST_TIMEOUT (seconds per script, default 600),
# RST (the binary to test; default a copy of $top_builddir/restorable).

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-$top_srcdir}
top_srcdir=$(cd "$top_srcdir" && pwd)
top_builddir=$(cd "$top_builddir" && pwd)
export top_srcdir top_builddir

# The real python3 interpreter, resolved once (lib.sh uses it; wrappers such
# as pyenv's shims cost most of a second per call).
if [ -z "${PYTHON:-}" ] && command -v python3 >/dev/null 2>&1; then
	PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
	export PYTHON
fi

pattern=${1:-}
timeout=${TEST_TIMEOUT:-600}
passed=0 failed=0 skipped=0

base=$(mktemp -d "${TMPDIR:-/tmp}/rst-integration.XXXXXX") || {
	echo "run.sh: mktemp failed" >&2
	exit 1
}
# Tests that drop privileges need to reach their temp dirs.
chmod 0755 "$base"
trap 'chmod -R u+rwx "$base" 2>/dev/null; rm -rf "$base"' EXIT

# Test a private copy of the binary, so a rebuild while the suite runs
# cannot pull it from under a test.
if [ -z "${RST:-}" ] && [ -x "$top_builddir/restorable" ]; then
	cp "$top_builddir/restorable" "$base/restorable" && RST=$base/restorable && export RST
fi

for script in "$top_srcdir"/tests/integration/[0-9]*.sh; do
	[ -e "$script" ] || continue
	name=$(basename "$script" .sh)
	if [ -n "$pattern" ] && [[ $name != *"$pattern"* ]]; then
		continue
	fi
	work=$base/$name
	mkdir -p "$work/tmp" && chmod 0755 "$work" "$work/tmp"
	log=$work.log
	start=$SECONDS
	(cd "$work" && TMPDIR=$work/tmp exec timeout -k 10 "$timeout" bash "$script") \
		>"$log" 2>&1 </dev/null
	rc=$?
	secs=$((SECONDS - start))
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "(timed out after ${timeout}s)" >>"$log"
	fi
	if [ "$rc" -eq 0 ]; then
		echo "PASS $name"
		passed=$((passed + 1))
	elif [ "$rc" -eq 77 ]; then
		reason=$(grep -E '^SKIP: ' "$log" | tail -n 1 | sed 's/^SKIP: //')
		reason=${reason:-no reason given}
		if [ "${CI:-}" = true ] && [[ $reason != optional:* ]]; then
			echo "FAIL $name (skipped in CI: $reason)"
			failed=$((failed + 1))
		else
			echo "SKIP $name ($reason)"
			skipped=$((skipped + 1))
		fi
	else
		echo "FAIL $name"
		echo "    (exit $rc after ${secs}s; last 30 lines of its output:)"
		tail -n 30 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
	chmod -R u+rwx "$work" 2>/dev/null
	rm -rf "$work" "$log"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
