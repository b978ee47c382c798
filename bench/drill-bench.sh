#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Drill benchmark: restorable's drill (verify every part, extract into a
# sandbox, re-hash every file against the signed index) against the stock
# pipeline an administrator would run by hand on the same snapshot:
#
#     cat parts | zstd -dc | tar -xf - -C DIR  &&  sha256sum every file
#
# Run bench/backup-bench.sh first: this reuses its data sets, keys and
# repositories under BENCH_DIR.  Prints wall seconds of both, the ratio
# (stock seconds / restorable seconds; target >= 0.8) and peak RSS.
#
#   bash bench/drill-bench.sh
#   SETS="mixed-1g small-100k" bash bench/drill-bench.sh

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/var/tmp/restorable-bench}
RESTORABLE=${RESTORABLE:-$top/restorable}
SETS=${SETS:-mixed-1g small-100k}

die() {
	printf 'drill-bench: %s\n' "$*" >&2
	exit 1
}

[ -x "$RESTORABLE" ] || die "$RESTORABLE: not built (run make)"

results=()
for set in $SETS; do
	base="$BENCH_DIR/profiles/bench-$set.conf"
	[ -f "$base" ] || die "$base: run bench/backup-bench.sh first"
	# Same profile (same name, keys and repository) plus a drill group,
	# with the sandbox on the same disk as the stock restore.
	scratch="$BENCH_DIR/scratch"
	profile="$BENCH_DIR/profiles/drill/bench-$set.conf"
	mkdir -p "${profile%/*}"
	{ cat "$base"; printf 'drill = { scratch_dir = "%s"; };\n' "$scratch"; } \
	    >"$profile"
	snapdir=$(ls -d "$BENCH_DIR/repo-$set/snapshots/bench-$set"/*/ | tail -n 1)
	out="$BENCH_DIR/out"
	mkdir -p "$out" "$scratch"
	stock="$BENCH_DIR/stock-restore"

	run_stock() {
		rm -rf "$stock"
		mkdir -p "$stock"
		# shellcheck disable=SC2016 # expanded by the inner bash
		/usr/bin/time -f '%e %M' -o "$out/time.stock" bash -c \
		    'set -o pipefail; cat "$1"/stream.pax.zst.* | zstd -q -dc | tar -xf - -C "$2" &&
		     find "$2" -type f -print0 | xargs -0 -r sha256sum >/dev/null' \
		    bash "$snapdir" "$stock"
	}
	run_drill() {
		/usr/bin/time -f '%e %M' -o "$out/time.drill" \
		    "$RESTORABLE" -q --no-progress drill "$profile" >/dev/null
	}

	printf 'drill-bench: %s: warm-up runs\n' "$set" >&2
	run_stock
	run_drill
	printf 'drill-bench: %s: measured runs\n' "$set" >&2
	run_stock
	read -r stock_s stock_rss <"$out/time.stock"
	run_drill
	read -r drill_s drill_rss <"$out/time.drill"
	rm -rf "$stock"
	results+=("$(awk -v n="$set" -v s="$stock_s" -v d="$drill_s" -v r="$drill_rss" \
	    'BEGIN { printf "%-12s %12.2f %12.2f %7.2f %9.1f\n", n, s, d, (d > 0 ? s / d : 0), r / 1024 }')")
done

printf '\nrestorable drill vs zstd -dc | tar -xf - + sha256sum of every file (%d cores, warm cache)\n\n' "$(nproc)"
printf '%-12s %12s %12s %7s %9s\n' "data set" "stock s" "drill s" ratio "RSS MiB"
printf '%s\n' "${results[@]}"
cat <<'NOTE'

ratio: stock seconds / drill seconds (1.00 = as fast as doing it by hand;
the drill also verifies every part's hash and the signature, compares
every file with the signed index and journals the result).
NOTE
