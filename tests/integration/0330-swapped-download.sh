#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Bytes are used only after they are verified, and the bytes verified are
# the bytes used: a storage server that answers one download with other
# bytes never gets them extracted.
#
# A real snapshot (a 3-part file, two small ones) lives in a WebDAV
# repository served by tests/helpers/hostile-server.py.  The forged body is
# a pax+zstd stream (forge.py) holding other content for a genuine file, a
# set-uid root file, a FIFO and a /dev/mem character device, then 1.5 MB
# of padding (so that a decoder fed the body acts on what comes first).  For
# each of restore (into an empty target), drill (--keep, so its sandbox
# can be inspected) and verify --deep, and for EVERY N from 1 to the number
# of GETs that operation makes, the Nth GET is answered with the forged
# body; likewise for restore from an encrypted snapshot of the same data,
# with the forged stream encrypted to the profile's (public) recipient.
# Each run must end either
#   - in exit 4, with no regular file whose content differs from the
#     genuine snapshot's (or that the snapshot does not hold), no special
#     file and no set-id bit anywhere in the target or sandbox, or
#   - in exit 0 with a tree equal to the genuine snapshot's.
# Prints "N/N swapped downloads caught".

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl age age-keygen

forge=$SRCDIR/tests/integration/forge.py
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d/sub"
echo "registry entry 1" >"$d/act.txt"
echo "second file" >"$d/sub/notes.txt"
head -c 2300000 /dev/urandom >"$d/big.bin"

PORT=0
gets() {
	json_get "$HS_COUNT" 'd["gets"]'
}

PART_SIZE=1M mk_profile swap "$d"
sed -i '/^repository = /d' "$T/swap.conf"
cat >>"$T/swap.conf" <<CONF
repository = { url = "webdav+http://127.0.0.1:$PORT/repo"; timeout = "20s"; retries = 0; };
drill = { scratch_dir = "$T/scratch"; };
CONF

mkdir -p "$T/dav/repo"
hs_restart
expect_exit 0 "$RST" backup "$T/swap.conf"
snap=$(snapdir swap "$T/dav/repo")
id=$(basename "$snap")
# The same data, encrypted to the recipient of keys/age.key.
recipient=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y failed"
grep -v '^name = ' "$T/swap.conf" >"$T/swapenc.conf"
printf 'name = "swapenc";\nencryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' \
	"$recipient" >>"$T/swapenc.conf"
expect_exit 0 "$RST" backup "$T/swapenc.conf"
idenc=$(basename "$(snapdir swapenc "$T/dav/repo")")
nparts=$(find "$snap" -name 'stream.pax.zst.*' | wc -l)
[ "$nparts" -ge 3 ] || fail "the snapshot has $nparts parts, want at least 3"
hs_stop

# The forged body: evil entries, and act.txt with other content.
python3 "$forge" --case special --outside "$T/outside" --replace "$d/act.txt" \
	--pad 1500000 --stream-out "$T/forged.zst" || fail "forge.py failed"
age -r "$recipient" -o "$T/forged.zst.age" "$T/forged.zst" || fail "age -r failed"

# inspect DIR WHAT RC: the run's verdict over what it left in DIR.
inspect() {
	python3 -E - "$1" "$d" "$3" <<'EOF' || fail "$2: $(cat "$T/inspect.out")"
import hashlib, os, stat, sys
root, data, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
bad = []
def digest(p):
    with open(p, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()
seen = set()
for dp, dns, fns in os.walk(root):
    for n in dns + fns:
        p = os.path.join(dp, n)
        st = os.lstat(p)
        if st.st_mode & (stat.S_ISUID | stat.S_ISGID):
            bad.append("set-id: " + p)
        if stat.S_ISDIR(st.st_mode):
            continue
        if not stat.S_ISREG(st.st_mode):
            bad.append("special file: " + p)
            continue
        rel = os.path.relpath(p, root)
        orig = "/" + rel
        if not orig.startswith(data + "/") or not os.path.isfile(orig):
            bad.append("not in the snapshot: " + p)
        elif digest(orig) != digest(p):
            bad.append("content differs from the snapshot: " + p)
        seen.add(orig)
if rc == 0:
    for dp, dns, fns in os.walk(data):
        for n in fns:
            if os.path.join(dp, n) not in seen:
                bad.append("exit 0 but missing: " + os.path.join(dp, n))
open(os.environ["T"] + "/inspect.out", "w").write("; ".join(bad[:5]))
sys.exit(1 if bad else 0)
EOF
}
export T

# run_op OP N: one run of OP with the Nth GET swapped (N=0: none); its
# exit code in RC.
run_op() {
	local op=$1 n=$2 forged=$T/forged.zst
	rm -rf "$T/tgt" "$T/scratch"
	mkdir -p "$T/tgt"
	[ "$op" = restore-enc ] && forged=$T/forged.zst.age
	if [ "$n" -gt 0 ]; then
		hs_restart --swap-get "$n" --swap-file "$forged"
	else
		hs_restart
	fi
	case $op in
	restore) "$RST" restore "$T/swap.conf" "$id" --target "$T/tgt" >"$OUT" 2>"$ERR" ;;
	drill) "$RST" drill --keep "$T/swap.conf" "$id" >"$OUT" 2>"$ERR" ;;
	verify) "$RST" verify --deep "$T/swap.conf" "$id" >"$OUT" 2>"$ERR" ;;
	restore-enc) "$RST" restore "$T/swapenc.conf" "$idenc" --target "$T/tgt" >"$OUT" 2>"$ERR" ;;
	esac
	RC=$?
	hs_stop
}

# where OP: the folder holding what OP wrote.
where() {
	case $1 in
	restore|restore-enc) echo "$T/tgt" ;;
	drill) find "$T/scratch" -mindepth 1 -maxdepth 1 -type d -name 'drill-*' 2>/dev/null | head -n 1 ;;
	verify) ;;
	esac
}

total=0
caught=0
for op in restore drill verify restore-enc; do
	run_op "$op" 0
	[ "$RC" = 0 ] || { show_last >&2; fail "$op without a swap: exit $RC"; }
	ngets=$(gets)
	[ "$ngets" -ge $((nparts + 2)) ] || fail "$op made only $ngets GETs"
	note "$op: $ngets GETs: $(json_get "$HS_COUNT" '" ".join(p.rsplit("/", 1)[-1] for p in d["get_paths"])')"
	for n in $(seq 1 "$ngets"); do
		total=$((total + 1))
		run_op "$op" "$n"
		rc=$RC
		case $rc in
		0|4) ;;
		*) show_last >&2; fail "$op with GET $n swapped: exit $rc (want 4 or 0)" ;;
		esac
		w=$(where "$op")
		if [ -n "$w" ]; then
			inspect "$w" "$op with GET $n swapped (exit $rc)" "$rc"
			if [ "$rc" = 0 ] && [ "$op" != verify ]; then
				same_tree "$d" "$w$d" "$op with GET $n swapped (exit 0)"
			fi
		elif [ "$op" = drill ]; then
			[ "$rc" = 4 ] || fail "drill with GET $n swapped: exit 0 without a sandbox"
		fi
		[ "$rc" = 0 ] && note "$op with GET $n swapped: exit 0, tree as the snapshot's"
		caught=$((caught + 1))
	done
done
echo "$caught/$total swapped downloads caught"
[ "$caught" = "$total" ] || fail "$((total - caught)) swapped downloads not caught"
