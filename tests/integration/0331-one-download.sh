#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Each object is downloaded once: through a counting WebDAV server
# (tests/helpers/hostile-server.py --count-file), the bytes served for a
# full restore, a drill and a verify --deep each equal the snapshot's
# stored size (the sum of its objects) within 1%, and no part and no index
# is fetched twice (only the small signed manifest may be: a drill also
# reads the newest manifests to measure the RPO).  An object in the
# snapshot folder that the manifest does not name is refused (exit 4)
# before any part or index is fetched.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d/sub"
echo "registry entry 1" >"$d/act.txt"
echo "second file" >"$d/sub/notes.txt"
head -c 3500000 /dev/urandom >"$d/big.bin"

PORT=0

mk_profile once "$d"
sed -i '/^repository = /d' "$T/once.conf"
cat >>"$T/once.conf" <<CONF
repository = { url = "webdav+http://127.0.0.1:$PORT/repo"; timeout = "20s"; };
drill = { scratch_dir = "$T/scratch"; };
CONF

mkdir -p "$T/dav/repo"
hs_restart
expect_exit 0 "$RST" backup "$T/once.conf"
hs_stop
snap=$(snapdir once "$T/dav/repo")
id=$(basename "$snap")
stored=$(find "$snap" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
nparts=$(find "$snap" -name 'stream.pax.zst.*' | wc -l)
[ "$nparts" -ge 3 ] || fail "the snapshot has $nparts parts, want at least 3"

# served WHAT CMD...: run CMD against a fresh counting server; check the
# bytes it was served against the stored size.
served() {
	local what=$1 total twice
	shift
	hs_restart
	expect_exit 0 "$@"
	hs_stop
	total=$(json_get "$HS_COUNT" 'd["total_bytes"]')
	note "$what: $total bytes served, snapshot stored in $stored bytes ($nparts parts)"
	python3 -E -c 'import sys; t, s = int(sys.argv[1]), int(sys.argv[2]); sys.exit(0 if abs(t - s) * 100 <= s else 1)' \
		"$total" "$stored" ||
		fail "$what: $total bytes served for a snapshot of $stored bytes (more than 1% apart)"
	twice=$(json_get "$HS_COUNT" '" ".join(sorted(set(p for p in d["get_paths"] if "/snapshots/" in p and d["get_paths"].count(p) > 1 and not p.endswith(("/manifest.json", "/manifest.json.sig")))))')
	[ -z "$twice" ] || fail "$what: fetched more than once: $twice"
}

served "restore" "$RST" restore "$T/once.conf" "$id" --target "$T/tgt"
same_tree "$d" "$T/tgt$d" "restore"
served "drill" "$RST" drill "$T/once.conf" "$id"
served "verify --deep" "$RST" verify --deep "$T/once.conf" "$id"

# An object the manifest does not name is refused before any part is
# downloaded.
cp "$snap/manifest.json" "$snap/stream.pax.zst.999999"
for op in restore drill; do
	rm -rf "$T/tgt" "$T/scratch"
	hs_restart
	case $op in
	restore) expect_exit 4 "$RST" restore "$T/once.conf" "$id" --target "$T/tgt" ;;
	drill) expect_exit 4 "$RST" drill "$T/once.conf" "$id" ;;
	esac
	hs_stop
	expect_stderr 'stream.pax.zst.999999: not listed in the manifest'
	fetched=$(json_get "$HS_COUNT" '" ".join(p for p in d["get_paths"] if "/stream." in p or "/index." in p)')
	[ -z "$fetched" ] || fail "$op with an extra object fetched $fetched"
done
