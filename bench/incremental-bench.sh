#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Incremental backup benchmark, restorable beside restic in the same run,
# on the data sets of bench/backup-bench.sh (run it first):
#
#   1. a full backup of the set (restorable with an incremental group;
#      restic's first backup);
#   2. a second backup of the unchanged tree: wall seconds and bytes
#      added to the repository, counted as the objects' bytes (goal: no
#      slower than restic, < 0.1% of the full);
#   3. after appending 4 KiB to 1% of the files: wall seconds and bytes
#      added (goal: about the changed bytes compressed).
#
# The set is copied first (the original stays as backup-bench wrote it),
# and the run waits out restorable's 60-second racy window after the copy,
# so the copy's fresh ctimes do not count as changes.
#
#   bash bench/incremental-bench.sh
#   SETS="small-10000" bash bench/incremental-bench.sh
#
# Environment: BENCH_DIR (default /var/tmp/restorable-bench), SETS
# (default "mixed-1g"), RESTORABLE (default ./restorable), RESTIC
# (default restic; the restic columns are left out when it is missing).

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/var/tmp/restorable-bench}
SETS=${SETS:-mixed-1g}
RESTORABLE=${RESTORABLE:-$top/restorable}
RESTIC=${RESTIC:-restic}

die() {
	printf 'incremental-bench: %s\n' "$*" >&2
	exit 1
}

[ -x "$RESTORABLE" ] || die "$RESTORABLE: not built (run make)"
[ -d "$BENCH_DIR/keys" ] || die "$BENCH_DIR/keys: run bench/backup-bench.sh first"
have_restic=yes
command -v "$RESTIC" >/dev/null 2>&1 || have_restic=

# secs CMD...: run CMD quietly, print its wall seconds.
secs() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || die "failed: $*"
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}
# bytes DIR: the bytes of the objects (regular files) under DIR; folders
# are not counted (an object store has none, and each snapshot folder
# would add the file system's block size).
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# change_one_percent DIR: append 4 KiB of random bytes to every 100th file.
change_one_percent() {
	find "$1" -type f | LC_ALL=C sort | awk 'NR % 100 == 0' |
		while IFS= read -r f; do
			head -c 4096 /dev/urandom >>"$f"
		done
}

rows=()
for set in $SETS; do
	src="$BENCH_DIR/data/$set"
	[ -d "$src" ] || die "$src: run bench/backup-bench.sh first"
	w="$BENCH_DIR/incremental/$set"
	rm -rf "$w"
	mkdir -p "$w"
	cp -a "$src" "$w/tree"
	cat >"$w/inc.conf" <<EOF
name = "inc-$set";
paths = [ "$w/tree" ];
repository = "file://$w/repo";
signing_key = "$BENCH_DIR/keys/signing.pem";
state_dir = "$w/state";
incremental = { };
EOF
	export RESTIC_PASSWORD=bench RESTIC_REPOSITORY="$w/restic"
	[ -z "$have_restic" ] || "$RESTIC" init --quiet >/dev/null
	sleep 61
	r_full=$(secs "$RESTORABLE" backup "$w/inc.conf")
	r_full_b=$(bytes "$w/repo")
	r_same=$(secs "$RESTORABLE" backup "$w/inc.conf")
	r_same_b=$(($(bytes "$w/repo") - r_full_b))
	if [ -n "$have_restic" ]; then
		s_full=$(secs "$RESTIC" backup --quiet "$w/tree")
		s_full_b=$(bytes "$w/restic")
		s_same=$(secs "$RESTIC" backup --quiet "$w/tree")
		s_same_b=$(($(bytes "$w/restic") - s_full_b))
	fi
	change_one_percent "$w/tree"
	changed=$(find "$w/tree" -type f | awk 'NR % 100 == 0' | wc -l)
	r_base=$(bytes "$w/repo")
	r_one=$(secs "$RESTORABLE" backup "$w/inc.conf")
	r_one_b=$(($(bytes "$w/repo") - r_base))
	r_same_pct=$(awk -v a="$r_same_b" -v b="$r_full_b" 'BEGIN { printf "%.3f", 100 * a / b }')
	line="$set restorable: full ${r_full}s ${r_full_b}B; unchanged ${r_same}s +${r_same_b}B (${r_same_pct}% of the full); 1% (${changed} files) ${r_one}s +${r_one_b}B"
	if [ -n "$have_restic" ]; then
		s_base=$(bytes "$w/restic")
		s_one=$(secs "$RESTIC" backup --quiet "$w/tree")
		s_one_b=$(($(bytes "$w/restic") - s_base))
		line="$line | restic: full ${s_full}s ${s_full_b}B; unchanged ${s_same}s +${s_same_b}B; 1% ${s_one}s +${s_one_b}B"
	fi
	rows+=("$line")
	rm -rf "$w/tree"
done
printf '%s\n' "${rows[@]}"
