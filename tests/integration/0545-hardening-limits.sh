#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Process hardening and cheap refusals:
#   - core dumps are off while keys are in memory: a pre_backup hook reads
#     its parent's (restorable's) limits: "Max core file size" is 0; and
#     the process is not dumpable: run as an ordinary user (root only:
#     setpriv), a hook of that same user cannot read restorable's
#     /proc/PID/environ
#   - a huge manifest (60 MiB, signature not renewed) is refused by its
#     signature over the raw bytes before anything is parsed: verify exits
#     4 without printing any of its fields, in a fraction of the memory
#     parsing would take (maximum RSS under 130 MB; not measured under
#     AddressSanitizer, whose shadow memory would dominate)
#   - an empty journal file (no head): journal verify says "no journal
#     yet" (exit 4), and the next backup appends to it and verifies (the
#     empty-buffer path runs clean under UBSan)

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile hz "$d"
cp "$T/hz.conf" "$T/hook.conf"
echo "hooks = { pre_backup = \"cat /proc/\$PPID/limits >$T/limits\"; };" >>"$T/hook.conf"
expect_exit 0 "$RST" backup "$T/hook.conf"
grep -E '^Max core file size +0 +0 ' "$T/limits" ||
	{ cat "$T/limits" >&2; fail "core dumps are not disabled"; }

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
	N=$(mktemp -d /tmp/rst-0545-nobody.XXXXXX) || fail "mktemp"
	at_exit 'rm -rf "$N"'
	chmod 0755 "$N"
	mkdir "$N/data"
	echo hi >"$N/data/f"
	chown -R nobody "$N"
	as_nobody() {
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	}
	as_nobody "$RST" keygen --out "$N/keys" >/dev/null || fail "keygen as nobody"
	{
		printf 'name = "nb";\npaths = [ "%s/data" ];\n' "$N"
		printf 'repository = "file://%s/repo";\nsigning_key = "keys/signing.pem";\n' "$N"
		printf 'state_dir = "%s/state";\n' "$N"
		printf 'hooks = { pre_backup = "if cat /proc/$PPID/environ >/dev/null 2>&1; then echo readable; else echo refused; fi >%s/dumpable"; };\n' "$N"
	} >"$N/p.conf"
	chown nobody "$N/p.conf"
	expect_exit 0 as_nobody "$RST" backup "$N/p.conf"
	[ "$(cat "$N/dumpable")" = refused ] ||
		fail "a process of the same user could read restorable's memory (/proc/PID/environ: $(cat "$N/dumpable"))"
else
	note "not root or no setpriv: the dumpable check is skipped"
fi

# A 60 MiB manifest, its signature that of the genuine one.
snap=$(snapdir hz)
id=$(basename "$snap")
python3 - "$snap/manifest.json" <<'PY' || fail "cannot grow the manifest"
import json, sys
p = sys.argv[1]
m = json.load(open(p))
m["host"] = "HUGE-MANIFEST-HOST"
m["pad"] = ["x" * 64] * 900000
json.dump(m, open(p, "w"))
PY
[ "$(stat -c %s "$snap/manifest.json")" -gt 60000000 ] || fail "manifest not grown"
/usr/bin/time -f '%M' -o "$T/rss" "$RST" verify "$T/hz.conf" "$id" >"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 4 ] || { show_last >&2; fail "huge unsigned manifest: exit $rc, want 4"; }
expect_stderr 'manifest\.json\.sig: signature does not verify'
grep -q HUGE-MANIFEST-HOST "$ERR" "$OUT" && fail "a field of the unverified manifest was shown"
rss_kb=$(tail -n 1 "$T/rss")
note "verify of a 60 MiB unsigned manifest: max RSS ${rss_kb} KB"
if ldd "$RST" 2>/dev/null | grep -q libasan; then
	note "AddressSanitizer build: memory bound not checked"
elif [ "$rss_kb" -gt 133000 ]; then
	fail "verify of an unsigned manifest used ${rss_kb} KB (it was parsed)"
fi

# An empty journal file.
mkdir -p "$T/e/state/journal"
sed "s|$T/state|$T/e/state|; s|$T/repo|$T/e/repo|" "$T/hz.conf" >"$T/e.conf"
: >"$T/e/state/journal/hz.jsonl"
expect_exit 4 "$RST" journal verify "$T/e.conf"
expect_stderr 'no journal yet'
expect_exit 0 "$RST" backup "$T/e.conf"
expect_exit 0 "$RST" journal verify "$T/e.conf"
[ "$(wc -l <"$T/e/state/journal/hz.jsonl")" = 1 ] || fail "the backup was not appended to the empty journal"
exit 0
