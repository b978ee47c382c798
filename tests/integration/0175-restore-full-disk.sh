#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Never success over a full disk.  Inside a private mount namespace
# (unshare -m, as root) a small tmpfs is the restore target and the drill's
# scratch folder:
#   - restore and drill refuse up front, exit 1, naming free and needed bytes;
#   - with --force they run into ENOSPC: exit 1 "not restored: write: No
#     space left on device; first file that could not be written: PATH",
#     the journal records result fail, exit 1, the cause and the reason
#     code no_space (also for the refusals up front); no file under
#     a final name differs from the source, no temporary file is left;
#   - restore --overwrite --force keeps the old version of the file whose
#     new version could not be written;
#   - a partial restore that fits succeeds (exit 0).
# Not optional under CI=true (CI runs as root).

. "$(dirname "$0")/lib.sh"
mount_ns "$@"
need python3 zstd

d=$T/data
mkdir -p "$d/sub"
head -c 600000 /dev/urandom >"$d/zz-big.bin"
for i in 1 2 3 4 5; do
	head -c 20000 /dev/urandom >"$d/sub/f$i.bin"
done
echo "small and precious" >"$d/small.txt"
mk_profile full "$d"
mnt=$T/mnt
mkdir -p "$mnt"
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$mnt" >>"$T/full.conf"
expect_exit 0 "$RST" backup "$T/full.conf"

mount_tmpfs "$mnt" 256k

last_rec() {
	python3 - "$T/state/journal/full.jsonl" "$1" <<'EOF'
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
print(eval(sys.argv[2]))
EOF
}

# only_good DIR: every regular file below DIR equals its source, no
# temporary file is left.
only_good() {
	local f rel n=0
	while IFS= read -r -d '' f; do
		rel=${f#"$1"}
		cmp -s "$f" "$rel" || fail "$f is under its final name but differs from $rel"
		n=$((n + 1))
	done < <(find "$1" -type f -print0)
	[ -z "$(find "$1" -name '.restorable-tmp-*')" ] || fail "temporary files left in $1"
	note "$1: $n files in place, all equal to their source"
}

# --- the free-space check refuses, naming the numbers ---------------------------
expect_exit 1 "$RST" restore "$T/full.conf" latest --target "$mnt/t1"
note "$(tail -n 1 "$ERR")"
expect_stderr "not restored: $mnt/t1 has [0-9]+ bytes free, [0-9]+ needed \\([0-9]+ of data"
expect_stderr 'force to try anyway'
[ -z "$(find "$mnt/t1" -type f)" ] || fail "the refused restore wrote files"
[ "$(last_rec '(r["kind"], r["result"], r["exit"])')" = "('restore', 'fail', 1)" ] ||
	fail "refused restore journaled as $(last_rec 'r')"
[ "$(last_rec 'r["data"]["cause"]')" = "not enough free space or inodes" ] ||
	fail "refused restore's cause: $(last_rec 'r')"
[ "$(last_rec 'r["reason"]')" = "{'code': 'no_space', 'args': {}}" ] ||
	fail "refused restore's reason: $(last_rec 'r')"

# --- --force: the writes fail with ENOSPC ------------------------------------------
expect_exit 1 "$RST" restore "$T/full.conf" latest --target "$mnt/t2" --force
expect_stderr 'not restored: (write|create|link|truncate|mkdir|set [a-z ]+): No space left on device; first file that could not be written: '
grep -q 'restored into' "$ERR" && fail "restore claimed success"
note "$(tail -n 1 "$ERR")"
[ "$(last_rec '(r["kind"], r["result"], r["exit"])')" = "('restore', 'fail', 1)" ] ||
	fail "full restore journaled as $(last_rec 'r')"
last_rec 'r["data"]["cause"]' | grep -q 'No space left on device' ||
	fail "journal record has no cause: $(last_rec 'r')"
[ "$(last_rec 'r["reason"]["code"]')" = no_space ] ||
	fail "full restore's reason: $(last_rec 'r')"
only_good "$mnt/t2"
rm -rf "$mnt/t2"

# --- --overwrite: the old version stays when the new one cannot be written ------
mkdir -p "$mnt/t3$d"
echo "old version" >"$mnt/t3$d/zz-big.bin"
expect_exit 1 "$RST" restore "$T/full.conf" latest --target "$mnt/t3" --overwrite --force
expect_stderr 'No space left on device'
[ "$(cat "$mnt/t3$d/zz-big.bin")" = "old version" ] || fail "--overwrite lost the old file on ENOSPC"
rm -f "$mnt/t3$d/zz-big.bin"
only_good "$mnt/t3"
rm -rf "$mnt/t3"

# --- a partial restore that fits is fine -----------------------------------------
expect_exit 0 "$RST" restore "$T/full.conf" latest --target "$mnt/t4" "${d#/}/small.txt"
cmp "$d/small.txt" "$mnt/t4$d/small.txt" || fail "partial restore differs"
rm -rf "$mnt/t4"

# --- drill: refused up front, then ENOSPC with --force ---------------------------
expect_exit 1 "$RST" drill "$T/full.conf"
expect_stderr 'not restored: .* has [0-9]+ bytes free, [0-9]+ needed'
[ "$(last_rec '(r["kind"], r["result"], r["exit"])')" = "('drill', 'fail', 1)" ] ||
	fail "refused drill journaled as $(last_rec 'r')"
[ "$(last_rec 'r["reason"]["code"]')" = no_space ] ||
	fail "refused drill's reason: $(last_rec 'r')"
expect_exit 1 "$RST" drill --force "$T/full.conf"
expect_stderr 'not restored: .*No space left on device; first file that could not be written: '
[ "$(last_rec '(r["kind"], r["result"], r["exit"])')" = "('drill', 'fail', 1)" ] ||
	fail "full drill journaled as $(last_rec 'r')"
last_rec 'r["data"]["cause"]' | grep -q 'No space left on device' ||
	fail "drill record has no cause: $(last_rec 'r')"
[ "$(last_rec 'r["reason"]["code"]')" = no_space ] ||
	fail "full drill's reason: $(last_rec 'r')"
last_rec 'r["data"]["reasons"][0]' | grep -q 'not restored' ||
	fail "drill record's reason: $(last_rec 'r["data"]["reasons"]')"
[ -z "$(ls -A "$mnt/scratch")" ] || fail "the failed drill left its sandbox"
expect_exit 0 "$RST" journal verify "$T/full.conf"
exit 0
