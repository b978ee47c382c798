#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Encryption cost: restorable backup of the same data set with and without
# age encryption (two X25519 recipients), in one run, warm cache.  Prints
# both times, throughputs and the cost of encryption in percent of
# throughput (target: <= 10%).
#
# Run bench/backup-bench.sh first: this reuses its data sets and keys.
#
#   bash bench/encrypt-bench.sh
#   SETS=mixed-1g bash bench/encrypt-bench.sh

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/var/tmp/restorable-bench}
RESTORABLE=${RESTORABLE:-$top/restorable}
SETS=${SETS:-mixed-1g}

die() {
	printf 'encrypt-bench: %s\n' "$*" >&2
	exit 1
}

[ -x "$RESTORABLE" ] || die "$RESTORABLE: not built (run make)"
keys="$BENCH_DIR/keys"
[ -f "$keys/signing.pem" ] || die "$keys: run bench/backup-bench.sh first"
[ -f "$keys/age.key" ] || die "$keys/age.key missing: remove $keys and rerun bench/backup-bench.sh"
second="$BENCH_DIR/keys-second"
if [ ! -f "$second/age.key" ]; then
	rm -rf "$second"
	"$RESTORABLE" -q keygen --out "$second" >/dev/null
fi
r1=$(age-keygen -y "$keys/age.key")
r2=$(age-keygen -y "$second/age.key")

results=()
for set in $SETS; do
	base="$BENCH_DIR/profiles/bench-$set.conf"
	[ -f "$base" ] || die "$base: run bench/backup-bench.sh first"
	dir=$(sed -n 's/^paths = \[ "\(.*\)" \];$/\1/p' "$base")
	bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
	out="$BENCH_DIR/out"
	mkdir -p "$out" "$BENCH_DIR/profiles/enc"
	for mode in plain age; do
		p="$BENCH_DIR/profiles/enc/$set-$mode.conf"
		{
			printf 'name = "enc-%s-%s";\n' "$set" "$mode"
			printf 'paths = [ "%s" ];\n' "$dir"
			printf 'repository = "file://%s/repo-enc-%s-%s";\n' "$BENCH_DIR" "$set" "$mode"
			printf 'signing_key = "%s/signing.pem";\n' "$keys"
			printf 'part_size = "64M";\ncompression = { level = 3; threads = 0; };\n'
			printf 'state_dir = "%s/state";\n' "$BENCH_DIR"
			if [ "$mode" = age ]; then
				printf 'encryption = { recipients = [ "%s", "%s" ]; };\n' "$r1" "$r2"
			fi
		} >"$p"
	done
	run() {
		rm -rf "$BENCH_DIR/repo-enc-$set-$1"
		/usr/bin/time -f '%e %M' -o "$out/time.$1" "$RESTORABLE" -q \
		    --no-progress backup "$BENCH_DIR/profiles/enc/$set-$1.conf"
	}
	printf 'encrypt-bench: %s: warm-up\n' "$set" >&2
	run plain
	run age
	printf 'encrypt-bench: %s: measured (plain, age, plain, age)\n' "$set" >&2
	run plain; read -r p1 _ <"$out/time.plain"
	run age; read -r a1 arss <"$out/time.age"
	run plain; read -r p2 _ <"$out/time.plain"
	run age; read -r a2 _ <"$out/time.age"
	results+=("$(awk -v n="$set" -v b="$bytes" -v p1="$p1" -v p2="$p2" -v a1="$a1" -v a2="$a2" -v r="$arss" 'BEGIN {
		p = (p1 < p2 ? p1 : p2); a = (a1 < a2 ? a1 : a2); mib = b / 1048576
		printf "%-12s %9.1f %9.2f %9.2f %9.1f %9.1f %8.1f%% %8.1f\n", n, mib, p, a,
		    mib / p, mib / a, (1 - p / a) * 100, r / 1024 }')")
done

printf '\nrestorable backup, plain vs age (2 recipients), best of two runs each (%d cores)\n\n' "$(nproc)"
printf '%-12s %9s %9s %9s %9s %9s %9s %8s\n' "data set" MiB "plain s" "age s" "plain/s" "age/s" cost "RSS MiB"
printf '%s\n' "${results[@]}"
printf '\ncost: throughput lost to encryption (target <= 10%%)\n'
