#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# exclude = [ "*.tmp", "cache/" ]: *.tmp files anywhere and directories
# named cache (with their contents) are left out, a FILE named cache and
# look-alikes are kept.  hooks: pre_backup runs before the walk (what it
# writes is in the snapshot), post_backup runs after; a failing pre_backup
# is exit 1 naming the hook, and commits no snapshot.

. "$(dirname "$0")/lib.sh"
need zstd python3

d=$T/data
mkdir -p "$d/sub/cache/deep" "$d/cache" "$d/other/mycache" "$d/files"
echo keep >"$d/keep.txt"
echo tmp >"$d/junk.tmp"
echo tmp >"$d/sub/nested.tmp"
echo tmp-not >"$d/sub/not.tmp.txt"
echo cached >"$d/cache/c1"
echo cached >"$d/sub/cache/deep/c2"
echo "a file named cache" >"$d/files/cache"
echo "look-alike" >"$d/other/mycache/m"
echo "look-alike" >"$d/cache.txt"

mk_profile exh "$d"
cat >>"$T/exh.conf" <<EOF
exclude = [ "*.tmp", "cache/" ];
hooks = {
  pre_backup = "date +%s.%N >'$d/dump.txt' && echo pre >>'$T/hooklog'";
  post_backup = "echo post >>'$T/hooklog'";
};
EOF
expect_exit 0 "$RST" check-config "$T/exh.conf"
expect_exit 0 "$RST" backup "$T/exh.conf"
[ -f "$d/dump.txt" ] || fail "pre_backup did not run"
[ "$(cat "$T/hooklog")" = "$(printf 'pre\npost')" ] || { cat "$T/hooklog"; fail "hooks did not run once each, pre then post"; }

snap=$(snapdir exh)
index_lines "$snap" >"$T/index.jsonl"
paths() {
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    print(e["path"].rstrip("/")[len(sys.argv[2]):])
' "$T/index.jsonl" "${d#/}"
}
paths | LC_ALL=C sort >"$T/paths"
for p in /keep.txt /sub/not.tmp.txt /files/cache /other/mycache/m /cache.txt /dump.txt /sub /files /other/mycache; do
	grep -qxF -- "$p" "$T/paths" || { cat "$T/paths"; fail "$p is missing from the index"; }
done
for p in /junk.tmp /sub/nested.tmp /cache /cache/c1 /sub/cache /sub/cache/deep /sub/cache/deep/c2; do
	grep -qxF -- "$p" "$T/paths" && { cat "$T/paths"; fail "$p is in the index but excluded"; }
done

# The stream agrees with the index: restore and compare.
expect_exit 0 "$RST" restore "$T/exh.conf" latest --target "$T/target"
r=$T/target$d
cmp "$d/dump.txt" "$r/dump.txt" || fail "file written by pre_backup not restored as written"
cmp "$d/files/cache" "$r/files/cache" || fail "a file named cache was not restored"
[ -e "$r/junk.tmp" ] && fail "an excluded *.tmp file was restored"
[ -e "$r/cache" ] && fail "an excluded cache/ dir was restored"
[ -e "$r/sub/cache" ] && fail "an excluded nested cache/ dir was restored"
[ -f "$r/other/mycache/m" ] || fail "mycache/ (not named cache) was not restored"

# A failing pre_backup: exit 1, the hook named, no new snapshot.
[ "$(snap_count "$T/exh.conf")" = 1 ] || fail "list does not show 1 snapshot"
before=$(committed_dirs exh)
sed -i '/^hooks = {/,/^};/d' "$T/exh.conf"
cat >>"$T/exh.conf" <<EOF
hooks = {
  pre_backup = "echo failing-hook-ran >>'$T/hooklog2'; exit 3";
  post_backup = "echo post >>'$T/hooklog2'";
};
EOF
sleep 1   # a new id would be in a new second anyway; keep ids distinct
expect_exit 1 "$RST" backup "$T/exh.conf"
expect_stderr 'pre_backup'
grep -q failing-hook-ran "$T/hooklog2" || fail "the failing pre_backup did not run"
[ "$(snap_count "$T/exh.conf")" = 1 ] || fail "a snapshot was listed after a failed pre_backup"
[ "$(committed_dirs exh)" = "$before" ] || fail "a snapshot was committed after a failed pre_backup"
n_dirs=$(find "$T/repo/snapshots/exh" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$n_dirs" = 1 ] || { find "$T/repo/snapshots/exh"; fail "a failed pre_backup left a snapshot folder"; }

# The same under --json: one document, exit 1.
expect_exit 1 "$RST" --json backup "$T/exh.conf"
[ "$(json_get "$OUT" 'd["exit"]')" = 1 ] || { show_last; fail 'backup --json: "exit" is not 1 after a failed hook'; }

# A hook that is killed by a signal also fails the backup.
sed -i '/^hooks = {/,/^};/d' "$T/exh.conf"
echo 'hooks = { pre_backup = "kill -9 $$"; };' >>"$T/exh.conf"
expect_exit 1 "$RST" backup "$T/exh.conf"
expect_stderr 'pre_backup'
[ "$(snap_count "$T/exh.conf")" = 1 ] || fail "a snapshot was listed after a killed pre_backup"

# Both hooks succeed again: a second snapshot appears.
sed -i '/^hooks = /d' "$T/exh.conf"
echo "hooks = { pre_backup = \"true\"; post_backup = \"echo again >>'$T/hooklog3'\"; };" >>"$T/exh.conf"
expect_exit 0 "$RST" backup "$T/exh.conf"
[ -f "$T/hooklog3" ] || fail "post_backup did not run"
[ "$(snap_count "$T/exh.conf")" = 2 ] || fail "list does not show 2 snapshots"
exit 0
