#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 22 of the attack review: no PR_SET_DUMPABLE 0 / RLIMIT_CORE 0
# while keys and passphrases are in memory; a manifest whose signature
# failed was still parsed (up to 64 MiB, 459 MB RSS); undefined behaviour
# in journal.c on an empty journal and a float to integer cast overflow in
# the report's renderers.  Process hardening and cheap refusals:
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
#   - numbers out of the range of long long in the profile's own journal
#     (signed with its key: a backup of 1e300 files, a drill with exit
#     1e300): the HTML, Markdown and JSON reports are written, with those
#     numbers clamped, never wrapped round to -9223372036854775808

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

# Numbers out of range in a journal signed with the profile's key.
mkdir -p "$T/n/conf/profiles" "$T/n/state/journal" "$T/n/repo/journal"
sed "s|$T/state|$T/n/state|; s|$T/repo|$T/n/repo|; s|\"keys/signing.pem\"|\"$T/keys/signing.pem\"|" \
	"$T/hz.conf" >"$T/n/conf/profiles/hz.conf"
cat >"$T/n/rec.jsonl" <<'EOF'
{"ts":"2026-12-01T10:00:00Z","kind":"backup","host":"h","user":"u","result":"pass","exit":0,"data":{"snapshot":"20261201T100000Z-aaaaaa","files":1e300,"bytes":1e300,"stored_bytes":1e300,"seconds":1e300,"incomplete":false}}
{"ts":"2026-12-01T11:00:00Z","kind":"drill","host":"h","user":"u","result":"fail","exit":1e300,"data":{"snapshot":"20261201T100000Z-aaaaaa","files_verified":1e300,"missing":1e300,"extra":1e300,"changed":1e300,"rto_seconds":1e300,"rpo_seconds":1e300,"checks":[{"name":"c","result":"fail","exit":1e300,"seconds":1e300}],"reasons":["r"]}}
EOF
python3 "$SRCDIR/tests/integration/jsign.py" --key "$T/keys/signing.pem" \
	--records "$T/n/rec.jsonl" --out-jsonl "$T/n/state/journal/hz.jsonl" \
	--out-head "$T/n/state/journal/hz.head" || fail "jsign.py failed"
cp "$T/n/state/journal/hz.jsonl" "$T/n/state/journal/hz.head" "$T/n/repo/journal/"
expect_exit 0 "$RST" journal verify "$T/n/conf/profiles/hz.conf"
for f in html md json; do
	expect_exit 4 "$RST" -c "$T/n/conf" report --since 2026-11-01 --format "$f" --out "$T/n/r.$f" hz
	[ -s "$T/n/r.$f" ] || fail "$f: no report written"
	if grep -q -- '-9223372036854775808' "$T/n/r.$f"; then
		grep -n -- '-9223372036854775808' "$T/n/r.$f" | head -5 >&2
		fail "$f: a number of 1e300 wrapped round to a negative integer"
	fi
done
grep -q 9223372036854775807 "$T/n/r.json" || fail "json: the exit of 1e300 is not clamped to 9223372036854775807"
exit 0
