#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Backup throughput benchmark: restorable against the plain pipeline it
# must keep up with,
#
#     tar -cf - DIR | zstd -T0 -3 | tee FILE | sha256sum
#
# on the same reproducible data sets, in one run:
#
#   mixed   ~SIZE_GIB GiB in ~20k files per GiB: compressible text and CSV
#           (seeded generator), incompressible media-like files (AES-128-CTR
#           keystream with a fixed key, via openssl) and semi-compressible
#           "binaries" (the two mixed block by block)
#   small   100k small text files (metadata-bound: open/stat per file)
#
# Each tool runs once to warm the page cache, then once measured (dropping
# the cache needs privileges and disturbs the host; a warm cache measures
# the CPU pipeline, which is what differs between the two).
#
# Usage, from the project root after make:
#
#   bash bench/backup-bench.sh
#   SIZE_GIB=4 SETS=mixed bash bench/backup-bench.sh     # scaling run
#
# Environment:
#   BENCH_DIR   where data, keys, repository and output go
#               (default /var/tmp/restorable-bench; data is generated once
#               and reused while its parameters stay the same)
#   SIZE_GIB    size of the mixed set in GiB (default 1)
#   SIZE_MIB    size of the mixed set in MiB instead, for a quick run
#               (set mixed-NNNm)
#   SMALL_FILES files in the small set (default 100000; set small-100k, or
#               small-N for another count)
#   SETS        which sets to run (default "mixed small")
#   RESTORABLE  the binary (default ./restorable)
#
# About 10 minutes for the default run on 2 cores, most of it generating
# the data the first time; it needs ~3 GiB free in BENCH_DIR per GiB of
# SIZE_GIB.

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/var/tmp/restorable-bench}
SIZE_GIB=${SIZE_GIB:-1}
SIZE_MIB=${SIZE_MIB:-}
SMALL_FILES=${SMALL_FILES:-100000}
SETS=${SETS:-mixed small}
RESTORABLE=${RESTORABLE:-$top/restorable}

die() {
	printf 'backup-bench: %s\n' "$*" >&2
	exit 1
}
log() {
	printf 'backup-bench: %s\n' "$*" >&2
}

case $SIZE_GIB in
'' | *[!0-9]* | 0) die "SIZE_GIB must be a positive integer" ;;
esac
case $SIZE_MIB in
*[!0-9]* | 0) die "SIZE_MIB must be a positive integer" ;;
esac
case $SMALL_FILES in
'' | *[!0-9]* | 0) die "SMALL_FILES must be a positive integer" ;;
esac
[ -x "$RESTORABLE" ] || die "$RESTORABLE not found or not executable: build first, or set RESTORABLE"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
for tool in tar zstd sha256sum openssl python3; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found"
done
RESTORABLE=$(cd "$(dirname "$RESTORABLE")" && pwd)/$(basename "$RESTORABLE")

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)

# --- data generation ------------------------------------------------------------

# gen_set KIND DIR PARAMS...: write a data set with the seeded generator.
# A stamp file records the parameters; a set with a matching stamp is reused.
gen_set() {
	local kind=$1 dir=$2 stamp="$2.stamp" want
	shift 2
	want="generator=2 kind=$kind $*"
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "reusing $dir"
		return
	fi
	log "generating $dir ($want)"
	rm -rf "$dir" "$stamp"
	python3 - "$kind" "$dir" "$@" <<'PY'
import os, subprocess, sys

kind, root = sys.argv[1], sys.argv[2]
args = dict(a.split("=", 1) for a in sys.argv[3:])
MTIME = 1767225600                      # 2026-01-01T00:00:00Z, fixed
MiB = 1 << 20

class Rng:
    """splitmix64: seeded and identical on every Python version."""
    def __init__(self, seed):
        self.s = seed
    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)
    def below(self, n):
        return self.next() % n
    def uniform(self):
        return self.next() / 2.0**64

class Keystream:
    """Incompressible bytes: AES-128-CTR over zeros with a fixed key."""
    def __init__(self, key):
        self.p = subprocess.Popen(
            ["openssl", "enc", "-aes-128-ctr", "-nosalt", "-K", key,
             "-iv", "00000000000000000000000000000000", "-in", "/dev/zero"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=4 * MiB)
    def read(self, n):
        out = self.p.stdout.read(n)
        if len(out) != n:
            sys.exit("openssl keystream ended early")
        return out
    def close(self):
        self.p.kill()
        self.p.wait()

def corpus_words(rng, nbytes):
    """Text with a Zipf-like vocabulary, about 3x compressible by zstd -3."""
    syll = ["ka", "to", "ri", "men", "sa", "lo", "vek", "da", "nor", "pi",
            "ul", "es", "tra", "gon", "be", "li", "or", "an", "que", "sti"]
    vocab = []
    for i in range(4000):
        w = "".join(syll[rng.below(len(syll))] for _ in range(1 + rng.below(4)))
        vocab.append(w)
    out, size, line = [], 0, []
    while size < nbytes:
        # Zipf-ish pick: small indices are much more frequent.
        w = vocab[int(len(vocab) * rng.uniform() ** 3)]
        line.append(w)
        if len(line) >= 8 + rng.below(10):
            s = " ".join(line).capitalize() + ".\n"
            out.append(s)
            size += len(s)
            line = []
    return "".join(out).encode()[:nbytes]

def corpus_csv(rng, nbytes):
    cities = ["Sampleford", "Exampleton", "Mockbury", "Dummyvale", "Fictonville"]
    out, size, i = [], 0, 0
    while size < nbytes:
        i += 1
        s = "%d,%s,%04d-%02d-%02d,%d.%02d,%s,%08x\n" % (
            i, cities[rng.below(5)], 1990 + rng.below(36), 1 + rng.below(12),
            1 + rng.below(28), rng.below(100000), rng.below(100),
            "ok" if rng.below(10) else "review", rng.next() & 0xFFFFFFFF)
        out.append(s)
        size += len(s)
    return "".join(out).encode()[:nbytes]

def sizes(rng, count, total, lo, hi):
    """count sizes between lo and hi, log-uniform, scaled to sum ~ total."""
    import math
    raw = [math.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * rng.uniform())
           for _ in range(count)]
    k = total / sum(raw)
    return [max(1, int(r * k)) for r in raw]

def slice_of(rng, corpus, n):
    parts, left = [], n
    while left > 0:
        off = rng.below(len(corpus) - 1)
        take = min(left, len(corpus) - off, 1 + rng.below(256 * 1024))
        parts.append(corpus[off:off + take])
        left -= take
    return b"".join(parts)

def put(path, data):
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (MTIME, MTIME))

def spread(sub, n, per_dir=100):
    d = os.path.join(root, sub, "d%04d" % (n // per_dir))
    if n % per_dir == 0:
        os.makedirs(d, exist_ok=True)
    return d

if kind == "mixed":
    gib, files = int(args["gib"]), int(args["files"])
    total = int(args["mib"]) << 20 if "mib" in args else gib << 30
    rng = Rng(0x5EED0001)
    words = corpus_words(rng, 8 * MiB)
    csv = corpus_csv(rng, 8 * MiB)
    ks = Keystream("000102030405060708090a0b0c0d0e0f")
    # category: (share of bytes, share of files, min size, max size)
    plan = [("text", 0.20, 0.35, 512, 4 * MiB),
            ("csv", 0.20, 0.05, 4096, 64 * MiB),
            ("media", 0.35, 0.10, 64 * 1024, 48 * MiB),
            ("bin", 0.25, 0.50, 1024, 16 * MiB)]
    for name, bshare, fshare, lo, hi in plan:
        n = max(1, int(files * fshare))
        for i, sz in enumerate(sizes(rng, n, total * bshare, lo, hi)):
            d = spread(name, i)
            if name == "text":
                put(os.path.join(d, "note-%05d.txt" % i), slice_of(rng, words, sz))
            elif name == "csv":
                put(os.path.join(d, "table-%05d.csv" % i),
                    b"id,city,date,amount,status,ref\n" + slice_of(rng, csv, sz))
            elif name == "media":
                put(os.path.join(d, "photo-%05d.jpg" % i), ks.read(sz))
            else:
                # Executable-like: 4 KiB blocks, half keystream, half
                # structured (text, zero padding, small tables).
                blocks, left = [], sz
                while left > 0:
                    b = min(4096, left)
                    r = rng.below(4)
                    if r < 2:
                        blocks.append(ks.read(b))
                    elif r == 2:
                        blocks.append(slice_of(rng, words, b))
                    else:
                        blocks.append(bytes(b // 2) +
                                      (b"\x48\x89\xe5\x41\x57" * (b // 10 + 1))[:b - b // 2])
                    left -= b
                put(os.path.join(d, "lib-%05d.so" % i), b"".join(blocks))
    ks.close()
elif kind == "small":
    count = int(args["files"])
    rng = Rng(0x5EED0002)
    words = corpus_words(rng, 4 * MiB)
    for i in range(count):
        d = spread("", i)
        put(os.path.join(d, "f%06d.txt" % i),
            slice_of(rng, words, 64 + rng.below(4096)))
else:
    sys.exit("unknown kind " + kind)

for dirpath, dirnames, filenames in os.walk(root, topdown=False):
    os.utime(dirpath, (MTIME, MTIME))
PY
	echo "$want" >"$stamp"
}

# --- measurement --------------------------------------------------------------

# timed OUT CMD...: run CMD under /usr/bin/time; OUT gets "seconds maxrss_kib".
timed() {
	local out=$1
	shift
	/usr/bin/time -f '%e %M' -o "$out" "$@"
}

keys="$BENCH_DIR/keys"
if [ ! -f "$keys/signing.pem" ]; then
	"$RESTORABLE" -q keygen --out "$keys" >/dev/null
fi

results=()

# bench_set NAME DIR
bench_set() {
	local name=$1 dir=$2 bytes nfiles profile repo out="$BENCH_DIR/out" t
	local tar_s tar_rss rst_s rst_rss stored tarsize
	mkdir -p "$out"
	bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
	nfiles=$(find "$dir" -type f | wc -l)
	profile="$BENCH_DIR/profiles/bench-$name.conf"
	repo="$BENCH_DIR/repo-$name"
	mkdir -p "$BENCH_DIR/profiles"
	cat >"$profile" <<CONF
# Generated by bench/backup-bench.sh
name = "bench-$name";
paths = [ "$dir" ];
repository = "file://$repo";
signing_key = "$keys/signing.pem";
part_size = "64M";
compression = { level = 3; threads = 0; };
state_dir = "$BENCH_DIR/state";
CONF

	run_tar() {
		# shellcheck disable=SC2016 # expanded by the inner bash
		timed "$out/time.tar" bash -c \
		    'set -o pipefail; tar -cf - -C "$1" . | zstd -q -T0 -3 | tee "$2" | sha256sum >/dev/null' \
		    bash "$dir" "$out/$name.tar.zst"
	}
	run_rst() {
		rm -rf "$repo"
		timed "$out/time.rst" "$RESTORABLE" -q --no-progress backup "$profile"
	}

	log "$name: $nfiles files, $bytes bytes: warm-up runs"
	run_tar
	run_rst
	log "$name: measured runs"
	run_tar
	read -r tar_s tar_rss <"$out/time.tar"
	run_rst
	read -r rst_s rst_rss <"$out/time.rst"
	tarsize=$(stat -c %s "$out/$name.tar.zst")
	stored=$({ find "$repo" -type f -name 'stream.pax.zst.*' -printf '%s\n' 2>/dev/null || true; } |
	    awk '{ s += $1 } END { printf "%.0f", s }')
	rm -f "$out/$name.tar.zst"

	t=$(awk -v b="$bytes" -v ts="$tar_s" -v rs="$rst_s" -v rr="$rst_rss" -v tr="$tar_rss" \
	    -v n="$nfiles" -v name="$name" -v st="$stored" -v tz="$tarsize" 'BEGIN {
		mib = b / 1048576
		printf "%-11s %7d %9.1f %10.2f %12.2f %7.1f %6.2f %8.1f %7.1f %6.2f %6.2f\n",
		    name, n, mib, ts, rs, (rs > 0 ? mib / rs : 0), (rs > 0 ? ts / rs : 0),
		    rr / 1024, tr / 1024, (tz > 0 ? b / tz : 0), (st > 0 ? b / st : 0)
	}')
	results+=("$t")
}

for set in $SETS; do
	case $set in
	mixed)
		if [ -n "$SIZE_MIB" ]; then
			d="$BENCH_DIR/data/mixed-${SIZE_MIB}m"
			gen_set mixed "$d" "gib=0" "mib=$SIZE_MIB" \
			    "files=$((SIZE_MIB * 20))"
		else
			d="$BENCH_DIR/data/mixed-${SIZE_GIB}g"
			gen_set mixed "$d" "gib=$SIZE_GIB" "files=$((SIZE_GIB * 20000))"
		fi
		bench_set "${d##*/}" "$d"
		;;
	small)
		n=small-$SMALL_FILES
		[ "$SMALL_FILES" = 100000 ] && n=small-100k
		d="$BENCH_DIR/data/$n"
		gen_set small "$d" "files=$SMALL_FILES"
		bench_set "$n" "$d"
		;;
	*) die "unknown set '$set' (mixed, small)" ;;
	esac
done

printf '\nrestorable backup vs tar | zstd -T0 -3 | tee | sha256sum  (%s, %d cores, warm cache)\n\n' \
	"$("$RESTORABLE" version 2>&1 | head -n 1)" "$(nproc)"
printf '%-11s %7s %9s %10s %12s %7s %6s %8s %7s %6s %6s\n' \
	"data set" files MiB "tar|zstd s" "restorable s" "MiB/s" ratio "RSS MiB" "tarRSS" "tar x" "rst x"
for t in "${results[@]}"; do
	printf '%s\n' "$t"
done
cat <<'NOTE'

MiB/s: restorable throughput.  ratio: tar|zstd seconds / restorable seconds
(1.00 = as fast as the plain pipeline; restorable also hashes every file,
writes an index, splits into parts, fsyncs and signs).  RSS MiB: peak
resident memory of restorable (tarRSS: of the tar pipeline's largest
process).  tar x / rst x: compression factor of each output.
NOTE
