#!/bin/sh
# SPDX-License-Identifier: ISC
#
# tests/lint.sh [TOP] -- `make lint`: rules of the code base a compiler
# does not check.  Today: no source or header file under src/ and include/
# is over 800 lines (split a file by job before it gets there).  Prints
# each offender and exits 1 if there is any.

top=${1:-$(dirname "$0")/..}
max=800
bad=0
for f in $(find "$top/src" "$top/include" -name '*.[ch]' | sort); do
	n=$(wc -l <"$f")
	if [ "$n" -gt "$max" ]; then
		echo "lint: ${f#"$top"/}: $n lines (at most $max)"
		bad=1
	fi
done
[ "$bad" -eq 0 ] && echo "lint: ok (no file in src/ or include/ over $max lines)"
exit "$bad"
