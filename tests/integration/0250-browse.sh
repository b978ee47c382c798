#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Looking inside snapshots: ls, find and diff over three real backups of a
# plain and of an age-encrypted profile, with files added, changed (content,
# size, mode) and removed between them.  Checked: what each command shows
# (paths, types, sizes, modes, sha256 equal to sha256sum of the files), that
# a second operand is a SNAP only when it looks like one, names with
# terminal escapes shown escaped, and diff's exit 0 whether or not the
# snapshots differ.  The index cache under state_dir: 0700 folder, 0600
# files named by the manifest's SHA-256, used when the repository's index
# is gone, and never trusted when it does not match the signed manifest (a
# damaged or swapped copy is replaced).  A tampered index is exit 4 naming
# the object; an encrypted profile without identity_file is exit 2.

. "$(dirname "$0")/lib.sh"
need python3 sha256sum

data=$T/data
rel=${data#/}
reg=$data/registry
mkdir -p "$reg/acts" "$reg/old"
printf 'death act no. 5\n' >"$reg/acts/act-5.txt"
printf 'birth act no. 1\n' >"$reg/acts/act-1.txt"
printf 'to be removed\n' >"$reg/old/gone.txt"
ln -s acts/act-1.txt "$reg/link"
esc=$'bad\033]0;title\a'
printf x >"$reg/$esc"

ensure_keys
recipient=$(sed -n 's/^age recipient: //p' "$T/.keygen.out")
case $recipient in age1*) ;; *) fail "no age recipient from keygen" ;; esac
mk_profile plain "$data"
mk_profile enc "$data"
printf 'encryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' \
	"$recipient" >>"$T/enc.conf"
# The same encrypted profile without the identity: browsing is refused.
grep -v identity_file "$T/enc.conf" >"$T/enc-noid.conf"
printf 'encryption = { recipients = [ "%s" ]; };\n' "$recipient" >>"$T/enc-noid.conf"

sha() { sha256sum "$1" | cut -d' ' -f1; }

# Three rounds of backups of both profiles; H5_n: act-5's hash in round n.
backup_both() {
	expect_exit 0 "$RST" backup "$T/plain.conf"
	expect_exit 0 "$RST" backup "$T/enc.conf"
}
H5_1=$(sha "$reg/acts/act-5.txt")
backup_both
printf 'death act no. 5, corrected 2026-12-01\n' >"$reg/acts/act-5.txt"
touch -d '2026-12-01 10:00:00.25' "$reg/acts/act-5.txt"
printf 'death act no. 9\n' >"$reg/acts/act-9.txt"
rm "$reg/old/gone.txt"
chmod 0600 "$reg/acts/act-1.txt"
H5_2=$(sha "$reg/acts/act-5.txt")
backup_both
printf 'birth act no. 2\n' >"$reg/acts/act-1.txt"	# same size, new content
touch -d '2026-12-02 10:00:00.5' "$reg/acts/act-1.txt"
touch -d '2026-12-01 10:00:00.75' "$reg/acts/act-5.txt"	# a fraction of a second
H1_3=$(sha "$reg/acts/act-1.txt")
backup_both
[ "$H5_1" != "$H5_2" ] || fail "test setup: act-5 did not change"

for prof in plain enc; do
	P=$T/$prof.conf
	mapfile -t S < <(ls "$T/repo/snapshots/$prof")
	[ "${#S[@]}" -eq 3 ] || fail "$prof: expected 3 snapshots, got ${#S[@]}"
	note "$prof: ls"

	# --- ls: the latest snapshot, every entry, escaped names ------------
	expect_exit 0 "$RST" ls "$P"
	expect_stdout "^file +0644 +38 .* $rel/registry/acts/act-5\.txt\$"
	expect_stdout "^file +0600 +16 .* $rel/registry/acts/act-1\.txt\$"
	expect_stdout "^symlink .* $rel/registry/link -> acts/act-1\.txt\$"
	expect_stdout "^dir +0755 .* $rel/registry/old\$"
	expect_stdout 'registry/bad\\x1b\]0;title\\x07$'
	grep -q $'\033' "$OUT" && fail "$prof: ls printed a raw escape byte"
	grep -q 'gone.txt' "$OUT" && fail "$prof: ls latest shows a removed file"
	# -l adds the sha256.
	expect_exit 0 "$RST" ls -l "$P" "${S[0]}" '*/act-5.txt'
	expect_stdout "^file +0644 +16 .* $H5_1 $rel/registry/acts/act-5\.txt\$"
	[ "$(wc -l <"$OUT")" -eq 1 ] || { show_last; fail "$prof: ls -l PATTERN: not one line"; }
	# A path prefix selects a folder and what is under it (restore's rule).
	expect_exit 0 "$RST" ls "$P" "${S[0]}" "$rel/registry/old/"
	[ "$(wc -l <"$OUT")" -eq 2 ] || { show_last; fail "$prof: prefix pattern"; }
	# Not a SNAP: a pattern over the latest snapshot.
	expect_exit 0 "$RST" ls "$P" '*act-9*'
	expect_stdout 'act-9\.txt$'
	expect_exit 1 "$RST" ls "$P" "${S[0]}" '*act-9*'
	expect_stderr "\*act-9\*: not found in the snapshot"
	expect_exit 0 "$RST" --json ls "$P" random
	python3 - "$OUT" "${S[@]}" <<'PY' || fail "$prof: ls random --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["snapshot"] in sys.argv[2:], d["snapshot"]
assert d["exit"] == 0 and d["count"] == len(d["entries"]) > 5, d
PY
	expect_exit 0 "$RST" --json ls "$P" latest
	python3 - "$OUT" "${S[2]}" "$rel" "$H1_3" <<'PY' || fail "$prof: ls --json"
import json, sys
d = json.load(open(sys.argv[1]))
snap, rel, h1 = sys.argv[2:5]
assert d["snapshot"] == snap, d["snapshot"]
e = {x.get("path", x.get("path_b64")): x for x in d["entries"]}
a1 = e[rel + "/registry/acts/act-1.txt"]
assert a1 == {**a1, "type": "file", "mode": "0600", "size": 16, "sha256": h1}, a1
assert e[rel + "/registry/link"]["target"] == "acts/act-1.txt"
assert e[rel + "/registry/acts"]["type"] == "dir"
assert any(k.endswith("registry/bad\x1b]0;title\x07") for k in e), list(e)
PY

	# --- find: every snapshot holding the path, and where it changed ----
	note "$prof: find"
	expect_exit 0 "$RST" find "$P" '*/act-5.txt'
	expect_stdout "^${S[0]} new +file +0644 +16 .* $H5_1 $rel/registry/acts/act-5\.txt\$"
	expect_stdout "^${S[1]} changed file +0644 +38 2026-12-01T10:00:00\.25Z $H5_2 $rel/registry/acts/act-5\.txt\$"
	expect_stdout "^${S[2]} same +file +0644 +38 2026-12-01T10:00:00\.75Z $H5_2 $rel/registry/acts/act-5\.txt\$"
	expect_exit 0 "$RST" --json find "$P" '*gone.txt' '*act-1.txt'
	python3 - "$OUT" "${S[@]}" "$H1_3" <<'PY' || fail "$prof: find --json"
import json, sys
d = json.load(open(sys.argv[1]))
s, h1 = sys.argv[2:5], sys.argv[5]
rows = [(r["snapshot"], r["path"].rsplit("/", 1)[1], r["change"]) for r in d["matches"]]
assert rows == [(s[0], "act-1.txt", "new"), (s[0], "gone.txt", "new"),
                (s[1], "act-1.txt", "same"), (s[1], "gone.txt", "removed"),
                (s[2], "act-1.txt", "changed")], rows
assert d["matches"][4]["sha256"] == h1 and d["snapshots_searched"] == 3
PY
	# --since: only snapshots from that time on.
	since=$(python3 -c 'import sys; s=sys.argv[1]; print("%s-%s-%sT%s:%s:%sZ" % (s[0:4], s[4:6], s[6:8], s[9:11], s[11:13], s[13:15]))' "${S[1]}")
	expect_exit 0 "$RST" find "$P" --since "$since" '*/act-5.txt'
	grep -q "^${S[0]}" "$OUT" && fail "$prof: find --since shows an older snapshot"
	expect_stdout "^${S[2]} same"
	# A name stored with JSON escapes is found like any other.
	expect_exit 0 "$RST" find "$P" '*/bad*title*'
	[ "$(grep -c 'registry/bad\\x1b\]0;title\\x07$' "$OUT")" -eq 3 ] ||
		{ show_last; fail "$prof: find a name with a control character"; }
	expect_exit 1 "$RST" find "$P" '*/no-such-act'
	expect_stderr 'no-such-act: not found in any snapshot'
	expect_exit 2 "$RST" find "$P" --since yesterday '*'

	# --- diff: added, removed, changed with what changed -----------------
	note "$prof: diff"
	expect_exit 0 "$RST" diff "$P" "${S[0]}" "${S[1]}"
	expect_stdout "^\+ file +$rel/registry/acts/act-9\.txt\$"
	expect_stdout "^- file +$rel/registry/old/gone\.txt\$"
	expect_stdout "^M file +$rel/registry/acts/act-5\.txt \(size, content, mtime\)\$"
	expect_stdout "^M file +$rel/registry/acts/act-1\.txt \(mode\)\$"
	expect_exit 0 "$RST" --json diff "$P" "${S[1]}" latest
	python3 - "$OUT" "${S[1]}" "${S[2]}" <<'PY' || fail "$prof: diff --json"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["from"], d["to"], d["exit"]) == (sys.argv[2], sys.argv[3], 0), d
ch = {c["path"].rsplit("/", 1)[1]: c["changed"] for c in d["changed"]}
assert ch["act-1.txt"] == ["content", "mtime"], ch
assert ch["act-5.txt"] == ["mtime"], ch
assert d["counts"] == {"added": 0, "removed": 0, "changed": len(d["changed"])}, d["counts"]
PY
	expect_exit 0 "$RST" --json diff "$P" latest latest
	[ "$(json_get "$OUT" 'd["counts"]')" = "{'added': 0, 'removed': 0, 'changed': 0}" ] ||
		{ show_last; fail "$prof: diff of a snapshot with itself"; }
done

# --- the index cache ----------------------------------------------------------
cache=$T/state/index-cache
[ "$(stat -c %a "$cache")" = 700 ] || fail "index cache folder is not 0700"
n=0
for f in "$cache"/*; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"
	n=$((n + 1))
done
[ "$n" -eq 6 ] || fail "expected 6 cached indexes, got $n"
for prof in plain enc; do
	for s in "$T/repo/snapshots/$prof"/*; do
		[ -f "$cache/$(sha "$s/manifest.json").idx" ] ||
			fail "no cache file named by the SHA-256 of $s/manifest.json"
	done
done
# A repeated find reads the cache: it works with the indexes moved away.
mkdir "$T/away"
for s in "$T/repo/snapshots/enc"/*; do
	mv "$s/index.jsonl.zst.age" "$T/away/$(basename "$s")"
done
expect_exit 0 "$RST" find "$T/enc.conf" '*/act-5.txt'
[ "$(grep -c 'act-5.txt$' "$OUT")" -eq 3 ] || { show_last; fail "find from the cache"; }
# ...but never a copy that does not match the signed manifest: a swapped
# copy is refused, and without the repository's index that is exit 4.
mapfile -t E < <(ls "$T/repo/snapshots/enc")
c0=$cache/$(sha "$T/repo/snapshots/enc/${E[0]}/manifest.json").idx
c2=$cache/$(sha "$T/repo/snapshots/enc/${E[2]}/manifest.json").idx
cp "$c2" "$c0"
expect_exit 4 "$RST" ls "$T/enc.conf" "${E[0]}"
expect_stderr "$c0: not a copy of the index the signed manifest names"
expect_stderr "snapshots/enc/${E[0]}/index.jsonl.zst.age"
[ -e "$c0" ] && fail "a cached copy that does not match was kept"
for s in "$T/repo/snapshots/enc"/*; do
	mv "$T/away/$(basename "$s")" "$s/index.jsonl.zst.age"
done
# A damaged copy (one byte of its body) is replaced by a fresh fetch.
flip_byte "$c2" -3
expect_exit 0 "$RST" ls -l "$T/enc.conf" "${E[2]}" '*/act-1.txt'
expect_stderr "$c2: content does not match its hash; removed"
expect_stdout " $H1_3 $rel/registry/acts/act-1\.txt\$"
[ -f "$c2" ] || fail "the damaged cached copy was not fetched again"

# The cache stays small: past 64 copies, each new one evicts the least
# recently used.
rm -f "$cache"/*.idx
for i in $(seq 10 73); do
	f=$cache/$(printf '%064d' "$i").idx
	printf 'old\n' >"$f" && chmod 600 "$f" && touch -d "2020-01-01 00:00:$i" "$f"
done
expect_exit 0 "$RST" ls "$T/enc.conf" "${E[2]}"
[ -f "$c2" ] || fail "no cached copy after ls"
[ "$(find "$cache" -name '*.idx' | wc -l)" -eq 64 ] || fail "cache: not trimmed to 64 copies"
[ -e "$cache/$(printf '%064d' 10).idx" ] && fail "cache: the least recently used copy was kept"
[ -e "$cache/$(printf '%064d' 11).idx" ] || fail "cache: a more recent copy was removed"

# A cache folder others can read is not used (nor written to).
chmod 0755 "$cache"
rm -f "$c2"
expect_exit 0 "$RST" ls "$T/enc.conf" "${E[2]}"
expect_stderr "$cache: not a private folder of this user, index cache not used"
[ -e "$c2" ] && fail "an index was cached in a folder others can read"
chmod 0700 "$cache"

# --- a tampered index: exit 4 naming the object --------------------------
mapfile -t S < <(ls "$T/repo/snapshots/plain")
rm -rf "$cache"
flip_byte "$T/repo/snapshots/plain/${S[1]}/index.jsonl.zst" 40
expect_exit 4 "$RST" ls "$T/plain.conf" "${S[1]}"
expect_stderr "snapshots/plain/${S[1]}/index\.jsonl\.zst: sha256 mismatch"
[ -s "$OUT" ] && { show_last; fail "ls printed entries of a tampered index"; }
expect_exit 4 "$RST" diff "$T/plain.conf" "${S[0]}" "${S[1]}"
expect_stderr "snapshots/plain/${S[1]}/index\.jsonl\.zst: sha256 mismatch"
# find still shows the other snapshots, then exits 4.
expect_exit 4 "$RST" find "$T/plain.conf" '*/act-5.txt'
expect_stdout "^${S[2]} "
expect_stderr "snapshots/plain/${S[1]}/index\.jsonl\.zst: sha256 mismatch"
[ -f "$cache/$(sha "$T/repo/snapshots/plain/${S[1]}/manifest.json").idx" ] &&
	fail "a tampered index was cached"
[ -f "$cache/$(sha "$T/repo/snapshots/plain/${S[2]}/manifest.json").idx" ] ||
	fail "the good indexes searched were not cached"

# --- an encrypted profile without identity_file: exit 2 ------------------
for cmd in "ls" "find X" "diff latest latest"; do
	# shellcheck disable=SC2086
	set -- $cmd
	expect_exit 2 "$RST" "$1" "$T/enc-noid.conf" "${@:2}"
	expect_stderr 'identity_file'
done
exit 0
