#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The command line: usage errors are exit 2 with a usage line, --help of
# every command is exit 0 with its usage on stdout, global options work
# before and after the command, and --json prints one JSON document with
# "exit" on stdout.

. "$(dirname "$0")/lib.sh"
need python3

# No arguments: usage, exit 2.
expect_exit 2 "$RST"
grep -qE '^usage: restorable' "$OUT" "$ERR" || { show_last; fail "no usage line without arguments"; }

# Unknown command.
expect_exit 2 "$RST" frobnicate
expect_stderr 'frobnicate'
grep -qE '^usage: restorable' "$OUT" "$ERR" || { show_last; fail "no usage line for an unknown command"; }

# A command without its operand.
expect_exit 2 "$RST" backup
expect_stderr '^usage: restorable backup'
expect_exit 2 "$RST" list
expect_stderr '^usage: restorable list'
expect_exit 2 "$RST" verify
expect_stderr '^usage: restorable verify'
# check-config without a profile checks every one in CONFDIR: none there.
mkdir -p "$T/emptyconf/profiles"
expect_exit 2 "$RST" -c "$T/emptyconf" check-config
expect_stderr 'emptyconf/profiles: no profile \(\*\.conf\) found'

# Unknown options, global and per command.
expect_exit 2 "$RST" --no-such-option
expect_stderr 'no-such-option'
expect_exit 2 "$RST" list --no-such-option x.conf
expect_stderr 'no-such-option'
expect_stderr '^usage: restorable list'
expect_exit 2 "$RST" backup -Z x.conf
expect_exit 2 "$RST" -c
# Too many operands.
expect_exit 2 "$RST" backup a.conf b.conf
expect_stderr '^usage: restorable backup'

# restore needs SNAP and --target.
mk_profile cli "$T"
expect_exit 2 "$RST" restore "$T/cli.conf"
expect_stderr '^usage: restorable restore'
expect_exit 2 "$RST" restore "$T/cli.conf" latest
expect_stderr 'target'

# --help of every command: exit 0, its usage line on stdout, stderr empty.
for cmd in keygen check-config backup list verify restore version; do
	expect_exit 0 "$RST" "$cmd" --help
	grep -qE "^usage: restorable $cmd( |\$)" "$OUT" || { show_last; fail "$cmd --help: no usage line on stdout"; }
	[ -s "$ERR" ] && { show_last; fail "$cmd --help wrote to stderr"; }
done
expect_exit 0 "$RST" --help
expect_stdout '^usage: restorable'
for cmd in keygen check-config backup list verify restore version; do
	grep -qE "^ +$cmd " "$OUT" || { show_last; fail "--help does not list $cmd"; }
done

# version.
expect_exit 0 "$RST" version
expect_stdout '^restorable [0-9]+\.[0-9]+\.[0-9]+'

# Global options after the command; --json anywhere; -q/-v accepted.
data=$T/data
mkdir -p "$data" && echo hello >"$data/f"
rm -f "$T/cli.conf"
mk_profile cli "$data"
expect_exit 0 "$RST" -q backup "$T/cli.conf"
expect_exit 0 "$RST" list "$T/cli.conf" --json
python3 -m json.tool "$OUT" >/dev/null || { show_last; fail "list --json: stdout is not JSON"; }
[ "$(json_get "$OUT" 'd["exit"]')" = 0 ] || { show_last; fail 'list --json: "exit" is not 0'; }
[ "$(json_get "$OUT" 'len(d["snapshots"])')" = 1 ] || { show_last; fail "list --json: not 1 snapshot"; }
expect_exit 0 "$RST" --json list "$T/cli.conf"
python3 -m json.tool "$OUT" >/dev/null || fail "--json list: stdout is not JSON"
expect_exit 0 "$RST" verify "$T/cli.conf" latest -v --no-progress
expect_exit 0 "$RST" list -q "$T/cli.conf"
expect_stdout '^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6} '

# A failure under --json is still one JSON document, with the exit code.
# (a profile without snapshots: verify latest is 1, "no committed snapshot")
mk_profile empty "$data"
expect_exit 1 "$RST" verify "$T/empty.conf" --json
expect_stderr 'no committed snapshot'
python3 -m json.tool "$OUT" >/dev/null || { show_last; fail "failing verify --json: stdout is not JSON"; }
[ "$(json_get "$OUT" 'd["exit"]')" = 1 ] || { show_last; fail 'verify --json: "exit" is not 1'; }
expect_exit 2 "$RST" --json check-config "$T/nonexistent.conf"
python3 -m json.tool "$OUT" >/dev/null || { show_last; fail "failing check-config --json: stdout is not JSON"; }
[ "$(json_get "$OUT" 'd["exit"]')" = 2 ] || { show_last; fail 'check-config --json: "exit" is not 2'; }

# --version (and -V) is the version command.
expect_exit 0 "$RST" --version
expect_stdout '^restorable [0-9]+\.[0-9]+'
expect_exit 0 "$RST" -V
expect_stdout '^restorable [0-9]+\.[0-9]+'
exit 0
