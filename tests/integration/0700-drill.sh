#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# drill: a test restore into a sandbox under drill.scratch_dir, re-hash of
# every file against the signed index, the data set's checks, RTO and RPO.
#
#   - no committed snapshot: exit 1, "no committed snapshot"
#   - a good snapshot drills with exit 0 (by latest, by id, --json fields),
#     the check sees the files under $RESTORABLE_RESTORED, and the sandbox
#     is gone afterwards; --keep keeps a 0700 sandbox holding the data
#   - a failing check: exit 1, the check named on stderr and in the last
#     journal record's reasons
#   - rto_target = "1ms": exit 1, "RTO" in reasons; rpo_target = "1s" with
#     a 2 s old snapshot: exit 1, "RPO" in reasons
#   - `drill random` drills committed snapshots only, and not always the same
#   - a validly signed snapshot whose stream holds a changed file (same size
#     and different size): verify passes (the forgery is well signed), the
#     drill exits 1 with 1 changed file, verify --deep exits 4
#   - a missing part and a tampered part: exit 4, naming the part
#   - SIGTERM during a slow check: the drill exits non-zero promptly, the
#     check's process is gone, the sandbox is removed, the journal verifies
#
# After every drill, the scratch dir must be empty (no sandbox left behind).

. "$(dirname "$0")/lib.sh"
need zstd python3 openssl sqlite3

d=$T/data
mkdir -p "$d/sub"
echo hello >"$d/a.txt"
echo "original notes" >"$d/sub/notes.txt"
head -c 2500000 /dev/urandom >"$d/big.bin"
sqlite3 "$d/db.sqlite" 'CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);' ||
	fail "test setup: sqlite3 failed"
NFILES=4

PART_SIZE=1M mk_profile dr "$d"
cp "$T/dr.conf" "$T/base.conf"
SCRATCH=$T/scratch

# The checks (libconfig strings: \" is a quote inside).
CHK_DB='{ name = "db ok"; command = "sqlite3 \"$RESTORABLE_RESTORED'$d'/db.sqlite\" '\''PRAGMA integrity_check'\'' | grep -qx ok"; timeout = "30s"; }'
CHK_A='{ name = "a.txt restored"; command = "cmp \"$RESTORABLE_RESTORED'$d'/a.txt\" '$d'/a.txt"; timeout = "30s"; }'
CHK_BAD='{ name = "notes say hi"; command = "grep -q hi \"$RESTORABLE_RESTORED'$d'/sub/notes.txt\""; timeout = "30s"; }'

# variant FILE RTO RPO [CHECK...]: FILE.conf = the base profile (repo and
# state as in $BASE, default $T/base.conf) with a drill group.
variant() {
	local f=$1 rto=$2 rpo=$3 sep="" c
	shift 3
	{
		cat "${BASE:-$T/base.conf}"
		printf 'drill = { scratch_dir = "%s"; rto_target = "%s"; rpo_target = "%s";\n' \
			"$SCRATCH" "$rto" "$rpo"
		printf '  checks = ( '
		for c in "$@"; do
			printf '%s%s' "$sep" "$c"
			sep=", "
		done
		printf ' ); };\n'
	} >"$f"
}

# scratch_empty WHAT: no sandbox left in the scratch dir.
scratch_empty() {
	local left
	[ -d "$SCRATCH" ] || return 0
	left=$(ls -A "$SCRATCH")
	[ -z "$left" ] || fail "$1: sandbox left in $SCRATCH: $left"
}

# last_record EXPR: evaluate a python EXPR over the last journal record r.
last_record() {
	python3 - "$T/${STATE:-state}/journal/dr.jsonl" "$1" <<'EOF'
import json, sys
lines = open(sys.argv[1], "rb").read().splitlines()
r = json.loads(lines[-1])
print(eval(sys.argv[2]))
EOF
}

# jcheck WHAT EXPR: fail unless EXPR (python, over the JSON document d of
# the last stdout) is true.
jcheck() {
	local v
	v=$(json_get "$OUT" "$2" 2>&1) || { show_last >&2; fail "$1: bad JSON on stdout: $v"; }
	[ "$v" = True ] || { show_last >&2; fail "$1: expected $2, got $v"; }
}

variant "$T/ok.conf" 1h 26h "$CHK_DB" "$CHK_A"
variant "$T/bad.conf" 1h 26h "$CHK_DB" "$CHK_BAD"
variant "$T/rto.conf" 1ms 26h "$CHK_DB"
variant "$T/rpo.conf" 1h 1s
variant "$T/plain.conf" 1h 26h

# --- no committed snapshot ---------------------------------------------------
note "no snapshot"
expect_exit 1 "$RST" drill "$T/ok.conf"
expect_stderr "no committed snapshot"
scratch_empty "no snapshot"

# --- a good snapshot -------------------------------------------------------------
expect_exit 0 "$RST" backup "$T/ok.conf"
id1=$(basename "$(snapdir dr)")
[ -n "$id1" ] || fail "no snapshot after backup"
nparts=$(find "$T/repo/snapshots/dr/$id1" -name 'stream.pax.zst.*' | wc -l)
[ "$nparts" -ge 3 ] || fail "test setup: expected at least 3 parts, got $nparts"

note "good drill"
expect_exit 0 "$RST" --json drill "$T/ok.conf"
jcheck "good drill" 'd["result"] == "pass"'
jcheck "good drill" "d['snapshot'] == '$id1'"
jcheck "good drill" "d['files_verified'] == $NFILES"
jcheck "good drill" 'd["missing"] == 0 and d["changed"] == 0 and d["extra"] == 0'
jcheck "good drill" '[c["result"] for c in d["checks"]] == ["pass", "pass"]'
jcheck "good drill" '[c["name"] for c in d["checks"]] == ["db ok", "a.txt restored"]'
jcheck "good drill" 'd["rto_seconds"] > 0 and d["rpo_seconds"] >= 0'
jcheck "good drill" 'set(d["phases"]) >= {"fetch", "verify", "extract", "rehash", "checks"}'
scratch_empty "good drill"
[ "$(stat -c %a "$SCRATCH")" = 700 ] || fail "scratch dir mode $(stat -c %a "$SCRATCH"), want 700"
[ "$(last_record '(r["kind"], r["result"], r["exit"], r["data"]["snapshot"])')" = "('drill', 'pass', 0, '$id1')" ] ||
	fail "good drill: last journal record is $(last_record 'r')"

expect_exit 0 "$RST" drill "$T/ok.conf" latest
expect_exit 0 "$RST" drill "$T/ok.conf" "$id1"
scratch_empty "drill by id"

note "--keep"
expect_exit 0 "$RST" drill --keep "$T/ok.conf"
n=$(find "$SCRATCH" -mindepth 1 -maxdepth 1 | wc -l)
[ "$n" -eq 1 ] || fail "--keep: expected one sandbox in $SCRATCH, found $n"
sb=$(find "$SCRATCH" -mindepth 1 -maxdepth 1)
expect_stderr "$sb"
[ "$(stat -c %a "$sb")" = 700 ] || fail "--keep: sandbox mode $(stat -c %a "$sb"), want 700"
for f in a.txt sub/notes.txt big.bin db.sqlite; do
	cmp -s "$d/$f" "$sb$d/$f" || fail "--keep: $sb$d/$f differs from the source"
done
chmod -R u+rwx "$sb" && rm -rf "$sb"

# --- failing check, missed targets ---------------------------------------------
note "failing check"
expect_exit 1 "$RST" drill "$T/bad.conf"
expect_stderr "notes say hi"
scratch_empty "failing check"
[ "$(last_record '(r["kind"], r["result"], r["exit"])')" = "('drill', 'fail', 1)" ] ||
	fail "failing check: last journal record is $(last_record 'r')"
[ "$(last_record 'any("notes say hi" in x for x in r["data"]["reasons"])')" = True ] ||
	fail "failing check: reasons do not name the check: $(last_record 'r["data"]["reasons"]')"
[ "$(last_record '[(c["name"], c["result"]) for c in r["data"]["checks"]]')" = \
	"[('db ok', 'pass'), ('notes say hi', 'fail')]" ] ||
	fail "failing check: journal checks are $(last_record 'r["data"]["checks"]')"

note "RTO target missed"
expect_exit 1 "$RST" drill "$T/rto.conf"
scratch_empty "RTO"
[ "$(last_record 'r["result"] == "fail" and any("RTO" in x for x in r["data"]["reasons"])')" = True ] ||
	fail "RTO: last journal record is $(last_record 'r')"

note "RPO target missed"
sleep 2
expect_exit 1 "$RST" --json drill "$T/rpo.conf"
jcheck "RPO" 'd["result"] == "fail" and any("RPO" in x for x in d["reasons"])'
jcheck "RPO" 'd["rpo_seconds"] >= 2'
scratch_empty "RPO"
[ "$(last_record 'any("RPO" in x for x in r["data"]["reasons"])')" = True ] ||
	fail "RPO: last journal record is $(last_record 'r')"

# --- random --------------------------------------------------------------------
note "drill random"
expect_exit 0 "$RST" backup "$T/ok.conf"
id2=$(basename "$(snapdir dr)")
[ "$id2" != "$id1" ] || fail "second backup made no new snapshot"
# An uncommitted folder (no manifest.json.sig) sorting after both: never drilled.
unc=$T/repo/snapshots/dr/20991231T000000Z-ffffff
cp -a "$T/repo/snapshots/dr/$id2" "$unc" && rm "$unc/manifest.json.sig"
expect_exit 0 "$RST" --json drill "$T/plain.conf" latest
jcheck "latest with an uncommitted leftover" "d['snapshot'] == '$id2'"
seen=""
for _ in $(seq 16); do
	expect_exit 0 "$RST" --json drill "$T/plain.conf" random
	s=$(json_get "$OUT" 'd["snapshot"]')
	[ "$s" = "$id1" ] || [ "$s" = "$id2" ] || fail "drill random drilled '$s', not $id1 or $id2"
	case " $seen " in *" $s "*) ;; *) seen="$seen $s" ;; esac
done
[ "$(echo "$seen" | wc -w)" -eq 2 ] || fail "16 drills 'random' all drilled$seen"
scratch_empty "random"
rm -rf "$unc"

# --- copies of the good repository for the damaged cases -------------------------
# fresh CASE: copies of the repository and the state dir, a profile
# $T/CASE.conf using them (with the checks of ok.conf); sets S (the folder of
# snapshot id2 in the copy), P (the profile) and STATE.
fresh() {
	rm -rf "$T/r-$1" "$T/st-$1"
	cp -a "$T/repo" "$T/r-$1" && cp -a "$T/state" "$T/st-$1" || fail "cp -a failed"
	sed -e "s|^repository = .*|repository = \"file://$T/r-$1\";|" \
		-e "s|^state_dir = .*|state_dir = \"$T/st-$1\";|" "$T/base.conf" >"$T/base-$1.conf"
	BASE=$T/base-$1.conf variant "$T/$1.conf" 1h 26h "$CHK_DB" "$CHK_A"
	S=$T/r-$1/snapshots/dr/$id2
	P=$T/$1.conf
	STATE=st-$1
}

# forge SNAPDIR SUFFIX CONTENT: rewrite the stream of SNAPDIR with the file
# whose path ends in SUFFIX holding CONTENT, cut it into parts again, update
# the manifest's stream and parts, and sign it with the profile's key.  The
# index is left alone: it still has the file's old hash.
forge() {
	python3 - "$@" <<'EOF' || fail "forge $* failed"
import hashlib, io, json, os, subprocess, sys, tarfile

snap, suffix, content = sys.argv[1], sys.argv[2], sys.argv[3].encode()
parts = sorted(p for p in os.listdir(snap) if p.startswith("stream.pax.zst."))
part_size = os.path.getsize(os.path.join(snap, parts[0]))
raw = b"".join(open(os.path.join(snap, p), "rb").read() for p in parts)
tar = subprocess.run(["zstd", "-dc"], input=raw, stdout=subprocess.PIPE, check=True).stdout
src = tarfile.open(fileobj=io.BytesIO(tar), mode="r:")
buf = io.BytesIO()
dst = tarfile.open(fileobj=buf, mode="w:", format=tarfile.PAX_FORMAT)
hits = 0
for m in src:
    f = src.extractfile(m) if m.isreg() else None
    if m.isreg() and m.name.endswith(suffix):
        m.size = len(content)
        m.pax_headers.pop("size", None)
        f = io.BytesIO(content)
        hits += 1
    dst.addfile(m, f)
dst.close()
if hits != 1:
    sys.exit("forge: %d members end in %s" % (hits, suffix))
stream = subprocess.run(["zstd", "-q", "-c"], input=buf.getvalue(),
                        stdout=subprocess.PIPE, check=True).stdout
for p in parts:
    os.unlink(os.path.join(snap, p))
newparts = []
for i in range(0, len(stream), part_size):
    name = "stream.pax.zst.%06d" % (i // part_size)
    chunk = stream[i:i + part_size]
    open(os.path.join(snap, name), "wb").write(chunk)
    newparts.append({"name": name, "size": len(chunk),
                     "sha256": hashlib.sha256(chunk).hexdigest()})
mpath = os.path.join(snap, "manifest.json")
m = json.load(open(mpath))
m["stream"]["size"] = len(stream)
m["stream"]["sha256"] = hashlib.sha256(stream).hexdigest()
m["parts"] = newparts
open(mpath, "w").write(json.dumps(m, indent=2) + "\n")
EOF
	resign_manifest "$1"
}

# --- a changed file in a validly signed snapshot: 1 -------------------------------
for c in same-size other-size; do
	note "changed file ($c)"
	fresh "$c"
	if [ "$c" = same-size ]; then
		forge "$S" sub/notes.txt "tampered notes"
	else
		forge "$S" sub/notes.txt "these notes were rewritten, and are longer"
	fi
	expect_exit 0 "$RST" verify "$P" "$id2"
	expect_exit 1 "$RST" --json drill "$P" "$id2"
	jcheck "$c" 'd["result"] == "fail"'
	jcheck "$c" 'd["changed"] == 1 and d["missing"] == 0 and d["extra"] == 0'
	jcheck "$c" "d['files_verified'] == $((NFILES - 1))"
	jcheck "$c" 'len(d["changed_paths"]) == 1 and d["changed_paths"][0].endswith("sub/notes.txt")'
	jcheck "$c" 'any("changed" in x for x in d["reasons"])'
	scratch_empty "$c"
	[ "$(last_record '(r["kind"], r["exit"], r["data"]["changed"])')" = "('drill', 1, 1)" ] ||
		fail "$c: last journal record is $(last_record 'r')"
	expect_exit 4 "$RST" verify --deep "$P" "$id2"
done

# --- a missing or tampered part: 4 ----------------------------------------------
note "missing part"
fresh missing
rm "$S/stream.pax.zst.000001"
expect_exit 4 "$RST" drill "$P"
expect_stderr "stream\.pax\.zst\.000001"
scratch_empty "missing part"
[ "$(last_record '(r["kind"], r["exit"])')" = "('drill', 4)" ] ||
	fail "missing part: last journal record is $(last_record 'r')"

note "tampered part"
fresh tampered
flip_byte "$S/stream.pax.zst.000001" 1000
expect_exit 4 "$RST" drill "$P"
expect_stderr "stream\.pax\.zst\.000001"
scratch_empty "tampered part"
[ "$(last_record '(r["kind"], r["exit"])')" = "('drill', 4)" ] ||
	fail "tampered part: last journal record is $(last_record 'r')"
STATE=state

# --- SIGTERM during a slow check -------------------------------------------------
note "SIGTERM during a check"
cat >"$T/slow.sh" <<EOF
#!/bin/sh
echo \$\$ >"$T/slow.pid"
exec sleep 30
EOF
chmod +x "$T/slow.sh"
variant "$T/slow.conf" 1h 26h '{ name = "slow"; command = "'"$T"'/slow.sh"; timeout = "60s"; }'
# running PID: PID exists and is not a zombie (an exited child not yet
# waited for, or an orphan whose PID 1 does not reap).
running() {
	[ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)" != Z ]
}
rm -f "$T/slow.pid"
"$RST" drill "$T/slow.conf" >"$OUT" 2>"$ERR" </dev/null &
pid=$!
for _ in $(seq 200); do
	[ -s "$T/slow.pid" ] && break
	running "$pid" || break
	sleep 0.1
done
[ -s "$T/slow.pid" ] || { show_last >&2; fail "SIGTERM: the slow check never started"; }
[ -n "$(ls -A "$SCRATCH")" ] || fail "SIGTERM: no sandbox while the check runs"
kill -TERM "$pid"
gone=no
for _ in $(seq 50); do # 5 s
	running "$pid" || { gone=yes; break; }
	sleep 0.1
done
wait "$pid"
rc=$?
checkpid=$(cat "$T/slow.pid")
alive=yes
for _ in $(seq 20); do # 2 s for the kill to land
	running "$checkpid" || { alive=no; break; }
	sleep 0.1
done
[ "$alive" = no ] || kill -KILL "$checkpid" 2>/dev/null
[ "$gone" = yes ] || { show_last >&2; fail "SIGTERM: drill still running 5 s after SIGTERM (exited $rc later)"; }
[ "$rc" -ne 0 ] || { show_last >&2; fail "SIGTERM: drill exited 0"; }
[ "$alive" = no ] || fail "SIGTERM: the check's process $checkpid outlived the drill"
scratch_empty "SIGTERM"
expect_exit 0 "$RST" journal verify "$T/ok.conf"

exit 0
