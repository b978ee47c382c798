#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A clock set with --now: marked in the journal, refused where it would
# break the order of snapshots, never evidence in a report.
#
#   - every record written under run --now or prune --now carries
#     "clock":"set" after "exit" (and after "reason", when the record did
#     not pass) and before "data"; a record on the
#     real clock has no "clock"; journal verify still passes
#   - run --now earlier than the newest snapshot's id: the backup exits 2
#     naming both times, nothing is committed, the run exits 2
#   - prune --now earlier than the newest snapshot's id: a warning, the
#     count rules applied (keep_last), an old uncommitted leftover kept;
#     with --now after it, the leftover is removed
#   - a profile whose backup and drill were made only under --now (two hours
#     ago, within every target): the report is not "restorable" (no_backup,
#     no_drill), exits 1, and shows those records with "clock": "set"

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "minutes" >"$d/minutes.txt"

mk_profile sc "$d"
cat >>"$T/sc.conf" <<EOF
schedule = { backup = "1d"; };
retention = { keep_last = 1; };
EOF
P=$T/sc.conf
J=$T/state/journal/sc.jsonl

# line_has N REGEX: journal line N (1-based; -1 = last) matches REGEX.
line_has() {
	python3 - "$J" "$1" "$2" <<'EOF'
import re, sys
lines = open(sys.argv[1], "rb").read().decode().splitlines()
n = int(sys.argv[2])
line = lines[n if n < 0 else n - 1]
sys.exit(0 if re.search(sys.argv[3], line) else 1)
EOF
}

note "records under --now carry clock: set, after exit, before data"
expect_exit 0 "$RST" run --now 2026-12-05T02:00:00Z "$P"
expect_exit 0 "$RST" run --now 2026-12-06T02:00:00Z "$P"
[ "$(ls "$T/repo/snapshots/sc" | wc -l)" -eq 2 ] || fail "test setup: $(ls "$T/repo/snapshots/sc")"
NEWEST=$(ls "$T/repo/snapshots/sc" | tail -n 1)
line_has -1 '"kind":"backup",.*"result":"pass","exit":0,"clock":"set","data":\{"snapshot":"20261206T020000Z-' ||
	fail "backup record under --now: $(tail -n 1 "$J")"
expect_exit 0 "$RST" verify "$P"
line_has -1 '"kind":"verify",.*"exit":0,"data":' || fail "verify record: $(tail -n 1 "$J")"
line_has -1 '"clock"' && fail "a record on the real clock says clock: $(tail -n 1 "$J")"
expect_exit 0 "$RST" journal verify "$P"

note "run --now before the newest snapshot: the backup exits 2"
lines=$(wc -l <"$J")
expect_exit 2 "$RST" run --now 2026-12-05T12:00:00Z "$P"
expect_stderr "clock set with --now \(2026-12-05T12:00:00Z\) is earlier than the newest snapshot $NEWEST"
[ "$(ls "$T/repo/snapshots/sc" | tail -n 1)" = "$NEWEST" ] || fail "a snapshot was made: $(ls "$T/repo/snapshots/sc")"
[ "$(ls "$T/repo/snapshots/sc" | wc -l)" -eq 2 ] || fail "a folder was left: $(ls "$T/repo/snapshots/sc")"
[ "$(wc -l <"$J")" -eq $((lines + 1)) ] || fail "expected one record, got $(($(wc -l <"$J") - lines))"
line_has -1 '"kind":"backup",.*"result":"error","exit":2,"reason":\{"code":"usage_error","args":\{\}\},"clock":"set","data":' ||
	fail "failed backup record: $(tail -n 1 "$J")"

note "prune --now before the newest snapshot: count rules only"
OLD=20200101T000000Z-abcdef
mkdir -p "$T/repo/snapshots/sc/$OLD"
cp "$T/repo/snapshots/sc/$NEWEST"/stream.pax.zst.* "$T/repo/snapshots/sc/$OLD/" || fail "test setup: leftover"
FIRST=$(ls "$T/repo/snapshots/sc" | sed -n 2p)
expect_exit 0 "$RST" --json prune --now 2026-12-05T12:00:00Z "$P"
expect_stderr "clock set with --now \(2026-12-05T12:00:00Z\) is earlier than the newest snapshot $NEWEST: only the count rules apply"
[ "$(json_get "$OUT" '" ".join(d["removed"])')" = "$FIRST" ] ||
	{ show_last >&2; fail "prune removed $(json_get "$OUT" 'd["removed"]'), want $FIRST (keep_last) only"; }
[ -d "$T/repo/snapshots/sc/$OLD" ] || fail "the uncommitted leftover was removed under an earlier clock"
line_has -1 '"kind":"prune",.*"exit":0,"clock":"set","data":' || fail "prune record: $(tail -n 1 "$J")"
expect_exit 0 "$RST" --json prune --now 2026-12-06T12:00:00Z "$P"
[ "$(json_get "$OUT" '" ".join(d["removed"])')" = "$OLD" ] ||
	{ show_last >&2; fail "prune after the newest snapshot did not remove the leftover"; }
[ ! -e "$T/repo/snapshots/sc/$OLD" ] || fail "leftover still there"
expect_exit 0 "$RST" journal verify "$P"

note "a report never counts records made under --now"
cat >"$T/conf/profiles/sim.conf" <<EOF
name = "sim";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1d"; drill = "1d"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
ago=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "$RST" -c "$T/conf" run --now "$ago" sim
expect_exit 1 "$RST" -c "$T/conf" report --format json --out "$T/sim.json" sim
schema_check "$T/sim.json"
python3 - "$T/sim.json" <<'EOF' || fail "report over records made under --now"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["verdict"]["restorable"] is False, p["verdict"]
codes = sorted(r["code"] for r in p["verdict"]["reasons"] if not r["ok"])
assert codes == ["no_backup", "no_drill"], codes
assert p["newest_good_backup"] is None, p["newest_good_backup"]
assert p["rpo"]["seconds"] is None and p["rpo"]["within_target"] is False, p["rpo"]
assert [b.get("clock") for b in p["backups"]["items"]] == ["set"], p["backups"]["items"]
assert [x.get("clock") for x in p["drills"]["items"]] == ["set"], p["drills"]["items"]
assert p["drills"]["items"][0]["result"] == "pass"
EOF
expect_exit 1 "$RST" -c "$T/conf" report --format md --out "$T/sim.md" sim
grep -q "no successful backup up to" "$T/sim.md" || fail "the Markdown report does not say no_backup"
exit 0
