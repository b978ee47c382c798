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
# every measured run is printed, and the fastest run of each side counts
# in the summary (a shared machine adds noise, never speed), with the
# largest peak RSS.  Both sides
# write below the same folder (the drill's scratch_dir), and each measured
# run starts SETTLE seconds after the run before it removed its files:
# ext4 without a journal passes over inodes freed in the last
# vm.dirty_expire_centisecs when it allocates new ones, so a run started
# right after another one's removal pays for that removal (default: that
# interval plus 6 s; SETTLE=0 to skip).  Prints wall seconds of both, the
# time the stock side needs to remove its output afterwards, the drill's
# RTO (its wall time without removing the sandbox), the ratio (stock
# seconds / drill seconds; 1.00 = as fast as by hand) and both peak RSS
# values (/usr/bin/time -v "Maximum resident set size"; the stock value is
# its largest process).
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
SETTLE=${SETTLE:-$(($(cat /proc/sys/vm/dirty_expire_centisecs 2>/dev/null ||
    echo 3000) / 100 + 6))}

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
case $SETTLE in
'' | *[!0-9]*) die "SETTLE must be a number of seconds" ;;
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

# settle: wait before a measured run (see SETTLE above).
settle() {
	[ "$SETTLE" -gt 0 ] || return 0
	printf 'drill-bench: waiting %ds (SETTLE)\n' "$SETTLE" >&2
	sleep "$SETTLE"
}

# min A B, max A B: the smaller, the larger number (B may be empty).
min() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'
}
max() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'
}

results=()
runs=()
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
	stock="$scratch/stock-restore"

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
		timed "$out/time.drill" "$RESTORABLE" -q --no-progress --json \
		    drill "$profile" >"$out/drill.json"
		sed -n 's/^ *"rto_seconds": *\([0-9.]*\).*/\1/p' \
		    "$out/drill.json" >"$out/rto.drill"
		[ -s "$out/rto.drill" ] || die "$set: no rto_seconds in the drill's output"
	}

	printf 'drill-bench: %s: warm-up runs\n' "$set" >&2
	run_stock
	run_drill
	stock_s='' stock_rss='' rm_s='' drill_s='' drill_rss='' rto_s=''
	for i in $(seq 1 "$RUNS"); do
		printf 'drill-bench: %s: measured run %d of %d\n' "$set" "$i" "$RUNS" >&2
		settle
		run_stock
		read -r s r <"$out/time.stock"
		read -r m _ <"$out/time.rm"
		stock_s=$(min "$s" "$stock_s")
		stock_rss=$(max "$r" "$stock_rss")
		rm_s=$(min "$m" "$rm_s")
		settle
		run_drill
		read -r d dr <"$out/time.drill"
		read -r t <"$out/rto.drill"
		drill_s=$(min "$d" "$drill_s")
		drill_rss=$(max "$dr" "$drill_rss")
		rto_s=$(min "$t" "$rto_s")
		runs+=("$(awk -v n="$set" -v i="$i" -v s="$s" -v m="$m" -v d="$d" \
		    -v t="$t" -v r="$dr" -v sr="$r" 'BEGIN {
			printf "%-12s %4d %9.2f %9.2f %9.2f %9.2f %7.2f %9.1f %9.1f\n",
			    n, i, s, m, d, t, (d > 0 ? s / d : 0), r / 1024, sr / 1024 }')")
	done
	files=$(find "$BENCH_DIR/data/$set" -type f | wc -l)
	results+=("$(awk -v n="$set" -v f="$files" -v s="$stock_s" -v m="$rm_s" \
	    -v d="$drill_s" -v t="$rto_s" -v r="$drill_rss" -v sr="$stock_rss" 'BEGIN {
		printf "%-12s %7d %9.2f %9.2f %9.2f %9.2f %7.2f %9.1f %9.1f\n", n, f,
		    s, m, d, t, (d > 0 ? s / d : 0), r / 1024, sr / 1024 }')")
done

printf '\nrestorable drill vs zstd -dc | tar -xf - + sha256sum of every file (%d cores, warm cache, SETTLE %ds)\n\n' \
	"$(nproc)" "$SETTLE"
printf 'every measured run:\n\n'
printf '%-12s %4s %9s %9s %9s %9s %7s %9s %9s\n' "data set" run "stock s" \
	"stock rm" "drill s" "drill RTO" ratio "drill RSS" "stock RSS"
printf '%s\n' "${runs[@]}"
printf '\nbest of %d (seconds: each column its minimum; RSS: its maximum):\n\n' "$RUNS"
printf '%-12s %7s %9s %9s %9s %9s %7s %9s %9s\n' "data set" files "stock s" \
	"stock rm" "drill s" "drill RTO" ratio "drill RSS" "stock RSS"
printf '%s\n' "${results[@]}"
cat <<'NOTE'

stock s: the pipeline and sha256sum; stock rm: removing its output
afterwards (not in stock s).  drill s: the whole drill, including the
signature and part checks, syncfs of the sandbox, the missing/extra walk,
the journal record and removing the sandbox; drill RTO: the same without
removing the sandbox (the RTO the drill records).  ratio: stock s /
drill s (1.00 = as fast as doing it by hand; above 1.00 the drill is
faster).  RSS in MiB (peak resident set).
NOTE
