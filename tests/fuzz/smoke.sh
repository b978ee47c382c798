#!/bin/sh
# SPDX-License-Identifier: ISC
#
# make fuzz-smoke: for each harness, replay every file of its seed corpus
# (CORPUS/NAME/, in git), then fuzz it for FUZZ_SECONDS (default 30) from
# that corpus.  Any crash, leak, timeout or sanitizer report fails the run;
# the input that caused it is kept as BUILD/crashes/NAME-*, to be fixed in
# the code and added to CORPUS/NAME/ as a regression input.
#
#   sh smoke.sh CORPUS BUILD NAME...

set -u

corpus=$1 build=$2
shift 2
seconds=${FUZZ_SECONDS:-30}
case $seconds in
''|*[!0-9]*) echo "fuzz-smoke: FUZZ_SECONDS must be a number of seconds" >&2; exit 2 ;;
esac

# Sanitizer reports abort the harness, which libFuzzer reports as a crash.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside system libraries that restorable cannot free: lsan.supp.
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$corpus/../lsan.supp:print_suppressions=0}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

mkdir -p "$build/crashes" "$build/work" || exit 1
failed=
for name; do
	fuzzer=$build/$name
	seeds=$corpus/${name#fuzz_}
	log=$build/work/$name.log
	if [ ! -d "$seeds" ] || [ -z "$(ls -A "$seeds")" ]; then
		echo "FAIL $name: no seed corpus in $seeds"
		failed="$failed $name"
		continue
	fi
	# 1. Every seed once (regression inputs included).
	if ! "$fuzzer" -runs=1 "$seeds"/* >"$log" 2>&1; then
		tail -n 40 "$log"
		echo "FAIL $name: a seed input crashes (log: $log)"
		failed="$failed $name"
		continue
	fi
	# 2. Fuzz from the seeds; new inputs go to a scratch corpus.
	rm -rf "$build/work/$name" && mkdir -p "$build/work/$name" || exit 1
	start=$(date +%s)
	if ! "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
	    -print_final_stats=1 \
	    -artifact_prefix="$build/crashes/$name-" \
	    "$build/work/$name" "$seeds" >"$log" 2>&1; then
		tail -n 60 "$log"
		echo "FAIL $name: see $log and $build/crashes/"
		failed="$failed $name"
		continue
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	echo "ok   $name: $(ls "$seeds" | wc -l) seeds, ${runs:-?} runs in $(($(date +%s) - start)) s"
done
if [ -n "$failed" ]; then
	echo "fuzz-smoke FAILED:$failed"
	exit 1
fi
echo "fuzz-smoke: all harnesses passed"
