#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Drill benchmark: restorable's drill (verify the signature and every part,
# extract into a sandbox with every file hashed as written and compared
# with the signed index, sync, check for missing and extra entries, remove
# the sandbox) against the stock pipeline an administrator would run by
# hand on the same snapshot:
#
#     cat parts | zstd -dc | tar -xf - -C DIR  &&  sha256sum every file
#
# Run bench/backup-bench.sh first (with the same SIZE_GIB / SIZE_MIB /
# SMALL_FILES): this reuses its data sets, keys and repositories under
# BENCH_DIR.  Each side runs once to warm up, then RUNS times alternately;
# the fastest run of each counts (a shared machine adds noise, never
# speed).  Prints wall seconds of both, the time the stock side needs
# to remove its output afterwards (the drill's time includes removing its
# sandbox), the ratio (stock seconds / drill seconds; 1.00 = as fast as by
# hand) and both peak RSS values (/usr/bin/time -v "Maximum resident set
# size"; the stock value is its largest process).
#
#   bash bench/drill-bench.sh                          # mixed-1g small-100k
#   SIZE_MIB=256 SMALL_FILES=10000 bash bench/drill-bench.sh   # quick run
#   SETS="mixed-1g" RUNS=3 bash bench/drill-bench.sh

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/var/tmp/restorable-bench}
RESTORABLE=${RESTORABLE:-$top/restorable}
SIZE_GIB=${SIZE_GIB:-1}
SIZE_MIB=${SIZE_MIB:-}
SMALL_FILES=${SMALL_FILES:-100000}
RUNS=${RUNS:-2}

die() {
	printf 'drill-bench: %s\n' "$*" >&2
	exit 1
}

if [ -z "${SETS:-}" ]; then
	SETS="mixed-${SIZE_GIB}g"
	[ -n "$SIZE_MIB" ] && SETS="mixed-${SIZE_MIB}m"
	if [ "$SMALL_FILES" = 100000 ]; then
		SETS="$SETS small-100k"
	else
		SETS="$SETS small-$SMALL_FILES"
	fi
fi
case $RUNS in
'' | *[!0-9]* | 0) die "RUNS must be a positive integer" ;;
esac
[ -x "$RESTORABLE" ] || die "$RESTORABLE: not built (run make)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"

# timed OUT CMD...: OUT gets "seconds maxrss_kib" of CMD (its largest
# process), from /usr/bin/time -v.
timed() {
	local out=$1
	shift
	/usr/bin/time -v -o "$out.v" "$@"
	awk -F': ' '
		/Elapsed \(wall clock\)/ {
			n = split($2, t, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + t[i]
		}
		/Maximum resident set size/ { r = $2 }
		END { print s, r }' "$out.v" >"$out"
}

# min A B: the smaller number.
min() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'
}

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
	chmod 0700 "$scratch"
	stock="$BENCH_DIR/stock-restore"

	run_stock() {
		rm -rf "$stock"
		mkdir -p "$stock"
		# shellcheck disable=SC2016 # expanded by the inner bash
		timed "$out/time.stock" bash -c \
		    'set -o pipefail; cat "$1"/stream.pax.zst.* | zstd -q -dc | tar -xf - -C "$2" &&
		     find "$2" -type f -print0 | xargs -0 -r sha256sum >/dev/null' \
		    bash "$snapdir" "$stock"
		timed "$out/time.rm" rm -rf "$stock"
	}
	run_drill() {
		timed "$out/time.drill" \
		    "$RESTORABLE" -q --no-progress drill "$profile" >/dev/null
	}

	printf 'drill-bench: %s: warm-up runs\n' "$set" >&2
	run_stock
	run_drill
	stock_s= stock_rss= rm_s= drill_s= drill_rss=
	for i in $(seq 1 "$RUNS"); do
		printf 'drill-bench: %s: measured run %d of %d\n' "$set" "$i" "$RUNS" >&2
		run_stock
		read -r s r <"$out/time.stock"
		stock_s=$(min "$s" "$stock_s")
		stock_rss=$(min "$r" "$stock_rss")
		read -r s r <"$out/time.rm"
		rm_s=$(min "$s" "$rm_s")
		run_drill
		read -r s r <"$out/time.drill"
		drill_s=$(min "$s" "$drill_s")
		drill_rss=$(min "$r" "$drill_rss")
	done
	files=$(find "$BENCH_DIR/data/$set" -type f | wc -l)
	results+=("$(awk -v n="$set" -v f="$files" -v s="$stock_s" -v m="$rm_s" \
	    -v d="$drill_s" -v r="$drill_rss" -v sr="$stock_rss" 'BEGIN {
		printf "%-12s %7d %9.2f %9.2f %9.2f %7.2f %9.1f %9.1f\n", n, f,
		    s, m, d, (d > 0 ? s / d : 0), r / 1024, sr / 1024 }')")
done

printf '\nrestorable drill vs zstd -dc | tar -xf - + sha256sum of every file (%d cores, warm cache, best of %d)\n\n' \
	"$(nproc)" "$RUNS"
printf '%-12s %7s %9s %9s %9s %7s %9s %9s\n' "data set" files "stock s" \
	"stock rm" "drill s" ratio "drill RSS" "stock RSS"
printf '%s\n' "${results[@]}"
cat <<'NOTE'

stock s: the pipeline and sha256sum; stock rm: removing its output
afterwards (not in stock s).  drill s: the whole drill, including the
signature and part checks, syncfs of the sandbox, the missing/extra walk,
the journal record and removing the sandbox.  ratio: stock s / drill s
(1.00 = as fast as doing it by hand).  RSS in MiB (peak resident set).
NOTE
