#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A user-given output path that cannot be written is a usage error (exit 2,
# a one-line error naming it), never an internal error (70):
#   restore --target /dev/null, --target under a file, report --out in a
#   missing folder, keygen --out under /proc/self (mkdir fails), keygen
#   --out into an existing world-writable folder (refused, nothing written)
# and `drill PROFILE nope` is a usage error before anything runs: no FAIL
# line, no journal record.

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile ex "$d"
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T" >>"$T/ex.conf"
expect_exit 0 "$RST" backup "$T/ex.conf"

expect_exit 2 "$RST" restore "$T/ex.conf" latest --target /dev/null
expect_stderr '^restorable: error: /dev/null: not a folder$'
: >"$T/afile"
expect_exit 2 "$RST" restore "$T/ex.conf" latest --target "$T/afile/sub"
expect_stderr "$T/afile/sub"
[ -f "$T/afile" ] && [ ! -s "$T/afile" ] || fail "restore changed the file in its way"

expect_exit 2 "$RST" report "$T/ex.conf" --out /nonexistent/x
expect_stderr '/nonexistent/x'
[ -e /nonexistent ] && fail "report created /nonexistent"

expect_exit 2 "$RST" keygen --out /proc/self/x
expect_stderr '/proc/self/x'

mkdir "$T/open"
chmod 0777 "$T/open"
expect_exit 2 "$RST" keygen --out "$T/open"
expect_stderr "$T/open: folder is group- or world-writable"
[ -z "$(ls -A "$T/open")" ] || fail "keygen wrote into a world-writable folder"
chmod 0775 "$T/open"
expect_exit 2 "$RST" keygen --out "$T/open"
chmod 0700 "$T/open"
expect_exit 0 "$RST" keygen --out "$T/open"
[ -f "$T/open/signing.pem" ] || fail "keygen into a private folder wrote nothing"

lines=$(wc -l <"$T/state/journal/ex.jsonl")
expect_exit 2 "$RST" drill "$T/ex.conf" nope
expect_stderr 'nope: not a snapshot id'
grep -q FAIL "$ERR" && { show_last >&2; fail "drill printed a FAIL line before its usage error"; }
[ "$(wc -l <"$T/state/journal/ex.jsonl")" = "$lines" ] || fail "a usage error was journaled"
exit 0
