#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 23 of the attack review, keep it closed: libFuzzer harnesses in
# the tree for every parser of untrusted bytes (manifest, index, journal
# and journal line, age header and payload reader, age identities and
# recipients, profile loader, the storage listings rst_xml_* and
# rst_ls_parse, the report renderers), each with a seed corpus in git in
# which the crashers found became regression inputs.
#
# - Makefile.am's FUZZERS lists a harness for each of those parsers, and
#   each has a source file and a non-empty corpus in tests/fuzz/corpus/;
# - a copy of the tree configured with CC=clang --enable-fuzzing builds
#   every harness (a build tree configured so already is used as it is),
#   and each replays its whole seed corpus clean (no crash, leak or
#   sanitizer report; the fuzzing itself is make fuzz-smoke's).
# Needs clang with libFuzzer (else skipped as optional); a heavy matrix:
# the non-sanitizer pass of .ci/run only.

. "$(dirname "$0")/lib.sh"
heavy_matrix
need autoreconf make tar
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' |
	clang -x c -fsanitize=fuzzer -o "$T/probe" - >/dev/null 2>&1 ||
	skip "optional: no clang with libFuzzer (contrib/deps.sh --test installs clang libclang-rt-14-dev)"

# The harnesses Makefile.am builds.
mapfile -t FUZZERS < <(sed -n '/^FUZZERS = /,/[^\\]$/p' "$SRCDIR/Makefile.am" |
	tr ' \t\\' '\n\n\n' | sed -n 's|^tests/fuzz/\(fuzz_[a-z_]*\)$|\1|p')
[ "${#FUZZERS[@]}" -ge 10 ] || fail "Makefile.am lists ${#FUZZERS[@]} fuzzers: ${FUZZERS[*]}"
for want in manifest index journal journal_line age_reader age_keys profile xml ls report; do
	case " ${FUZZERS[*]} " in
	*" fuzz_$want "*) ;;
	*) fail "no harness fuzz_$want in Makefile.am's FUZZERS" ;;
	esac
done
nseeds=0
for f in "${FUZZERS[@]}"; do
	[ -f "$SRCDIR/tests/fuzz/$f.c" ] || fail "tests/fuzz/$f.c is missing"
	n=$(find "$SRCDIR/tests/fuzz/corpus/${f#fuzz_}" -type f 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] || fail "$f: no seed corpus in tests/fuzz/corpus/${f#fuzz_}"
	nseeds=$((nseeds + n))
done

# The harnesses of a build tree configured with --enable-fuzzing, when
# this is one; else a clean copy of the sources, configured for fuzzing.
FB=$BUILDDIR/tests/fuzz
for f in "${FUZZERS[@]}"; do
	[ -x "$FB/$f" ] || FB=""
done
if [ -z "$FB" ]; then
	FB=$T/tree/tests/fuzz
	mkdir -p "$T/tree"
	(cd "$SRCDIR" && tar --exclude=.git --exclude='*.o' --exclude='*.a' \
		--exclude=.deps --exclude=.dirstamp --exclude=autom4te.cache \
		-cf - configure.ac Makefile.am autogen.sh LICENSE README.md .ci src include \
		tests man docs contrib profiles debian bench) | tar -xf - -C "$T/tree" ||
		fail "cannot copy the sources"
	note "building ${#FUZZERS[@]} harnesses with clang (a few minutes)"
	(cd "$T/tree" && ./autogen.sh && ./configure CC=clang --enable-fuzzing &&
		make -j2 "${FUZZERS[@]/#/tests/fuzz/}") >"$T/build.log" 2>&1 ||
		{ tail -n 40 "$T/build.log" >&2; fail "the fuzz harnesses do not build"; }
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$SRCDIR/tests/fuzz/lsan.supp:print_suppressions=0
for f in "${FUZZERS[@]}"; do
	"$FB/$f" -runs=1 "$SRCDIR/tests/fuzz/corpus/${f#fuzz_}"/* >"$T/$f.log" 2>&1 ||
		{ tail -n 40 "$T/$f.log" >&2; fail "$f: a seed input crashes"; }
done
echo "${#FUZZERS[@]} harnesses built; $nseeds seed inputs replayed clean"
