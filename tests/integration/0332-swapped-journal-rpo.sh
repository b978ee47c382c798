#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A storage server that answers one download with other bytes, where the
# bytes are not a part or the index of the snapshot being used: every
# repository object whose hash, signature or chain does not match is exit 4
# in every command, naming the object.  Against
# tests/helpers/hostile-server.py (WebDAV), a profile with two snapshots:
#
# - the GET of journal/P.jsonl (read when the command's record is mirrored)
#   swapped, in drill, verify and prune: exit 4 naming journal/P.jsonl; the
#   record is in the local journal (authoritative), which verifies, and the
#   repository's copy is left as found;
# - the GET of the newest manifest's signature while a drill measures its
#   RPO swapped (the drill of the newest snapshot by id: that fetch is the
#   first): exit 4 naming the object, although the drill itself passed
#   (journaled as a pass, not as a finding against the snapshot); the same
#   drill without the swap exits 0.

. "$(dirname "$0")/lib.sh"
need python3 zstd
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
head -c 200000 /dev/urandom >"$d/b.bin"
hs_profile sj 'timeout = "10s"; retries = 0;' "$d"
echo "drill = { scratch_dir = \"$T/scratch\"; };" >>"$T/sj.conf"
mkdir -p "$T/dav/repo"
hs_restart
expect_exit 0 "$RST" backup "$T/sj.conf"
expect_exit 0 "$RST" backup "$T/sj.conf"
id=$(basename "$(snapdir sj "$T/dav/repo")")
printf 'forged bytes\n' >"$T/forged"
J=$T/state/journal/sj.jsonl
RJ=$T/dav/repo/journal/sj.jsonl

# nth_get WHAT: the 1-based number of the first GET whose path ends in WHAT
# in the last run.
nth_get() {
	python3 - "$HS_COUNT" "$1" <<'PY'
import json, sys
paths = json.load(open(sys.argv[1]))["get_paths"]
print(next(i + 1 for i, p in enumerate(paths) if p.endswith(sys.argv[2])))
PY
}
# last_rec EXPR: EXPR over the last local journal record r.
last_rec() {
	python3 -c 'import json,sys; r=json.loads(open(sys.argv[1],"rb").read().splitlines()[-1]); print(eval(sys.argv[2]))' "$J" "$1"
}

# --- the journal's GET swapped ---------------------------------------------------
for op in drill verify prune; do
	case $op in
	drill) args=(drill "$T/sj.conf" "$id") ;;
	verify) args=(verify "$T/sj.conf" "$id") ;;
	prune) args=(prune "$T/sj.conf") ;;
	esac
	hs_restart
	expect_exit 0 "$RST" "${args[@]}"
	n=$(nth_get journal/sj.jsonl) || fail "$op: no GET of journal/sj.jsonl"
	lines=$(wc -l <"$J")
	cp "$RJ" "$T/rj.before"
	hs_restart --swap-get "$n" --swap-file "$T/forged"
	expect_exit 4 "$RST" "${args[@]}"
	expect_stderr "error: journal: recorded in the local journal only: journal/sj\.jsonl in the repository differs from the local journal \(not a prefix of it\)"
	[ "$(wc -l <"$J")" = $((lines + 1)) ] || fail "$op: its record is not in the local journal"
	[ "$(last_rec 'r["kind"]')" = "$op" ] || fail "$op: last record $(last_rec r)"
	cmp -s "$RJ" "$T/rj.before" || fail "$op: the repository's journal was rewritten"
	# Brought up to date by the next command against an honest server.
	hs_restart
	expect_exit 0 "$RST" journal verify "$T/sj.conf"
	echo "$op with the GET of journal/sj.jsonl (number $n) swapped: exit 4 naming it"
done

# --- the RPO's manifest fetch swapped ----------------------------------------------
hs_restart
expect_exit 0 "$RST" drill "$T/sj.conf" "$id"
n=$(nth_get "$id/manifest.json.sig") || fail "no GET of $id/manifest.json.sig"
[ "$n" = 1 ] || fail "the drill's first GET is $(json_get "$HS_COUNT" 'd["get_paths"][0]'), want the newest manifest's signature"
hs_restart --swap-get 1 --swap-file "$T/forged"
expect_exit 4 "$RST" drill "$T/sj.conf" "$id"
expect_stderr "drill of $id: PASS"
expect_stderr "error: snapshots/sj/$id/manifest\.json\.sig: signature does not verify .*\(met while measuring the RPO of the drill of $id\)"
[ "$(last_rec '(r["kind"], r["result"], r["exit"], r["data"]["snapshot"])')" = "('drill', 'pass', 0, '$id')" ] ||
	fail "the drill was journaled as $(last_rec r)"
echo "drill with the RPO's manifest fetch swapped: exit 4 naming the object"
