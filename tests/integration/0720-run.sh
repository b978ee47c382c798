#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# run: what cron or a systemd timer calls.
#
#   - two concurrent runs of one profile: the second skips the profile
#     (exit 0, "skipped" with the holder's command, pid, host and start
#     time) while the first holds the lock during its pre_backup hook, a
#     `backup` meanwhile exits 5 naming the holder, and the first ends 0;
#     a lock held by another program (flock(1)) is skipped too, unless it
#     is older than lock_stale: then 5
#   - a month simulated with --now, daily at 02:00Z from 2026-12-01 to
#     2026-12-31 (schedule backup 1d, drill 7d, prune 1d; retention
#     keep_daily 7, keep_weekly 4): 31 passing backups, 5 drills and 31
#     prunes journaled, with the journal's ts and the snapshot ids on the
#     --now clock; every prune that removes something journals its intent
#     (the same ids) first; every prune record removes what the documented rules
#     (restorable.conf(5): the newest of each of the N most recent UTC days /
#     ISO weeks, any rule keeps, the newest snapshot with a passing drill
#     always kept) say, replayed independently in python; the snapshots left
#     are the 7 dailies plus the weekly ones (Dec 13, 20, 25..31); the newest
#     drilled snapshot is kept; a second run at the same --now does nothing
#     ("nothing due", no new journal line); journal verify exits 0
#   - run's exit code is the worst of its profiles, in the order
#     70 > 4 > 1 > 3 > 2 > 5 > 0: a failing drill alone -> 1, a broken
#     config alone -> 2, both (CONFDIR/profiles, no PROFILE argument) -> 1,
#     a broken config and a held lock -> 2

. "$(dirname "$0")/lib.sh"
need python3 flock

d=$T/data
mkdir -p "$d"
echo "tiny data set" >"$d/one.txt"

# --- locks ---------------------------------------------------------------------
note "two concurrent runs"
mk_profile lk "$d"
cat >>"$T/lk.conf" <<EOF
schedule = { backup = "1d"; };
hooks = { pre_backup = "touch $T/hook-started; sleep 3"; };
EOF
"$RST" run "$T/lk.conf" >"$T/run1.out" 2>"$T/run1.err" </dev/null &
pid=$!
for _ in $(seq 100); do
	[ -e "$T/hook-started" ] && break
	sleep 0.1
done
[ -e "$T/hook-started" ] || { cat "$T/run1.err" >&2; fail "the first run's hook never started"; }
expect_exit 0 "$RST" --json run "$T/lk.conf"
[ "$(json_get "$OUT" 'd["profiles"][0]["skipped"]')" = locked ] || { show_last; fail "the second run did not skip the locked profile"; }
json_get "$OUT" 'd["profiles"][0]["note"]' | grep -qE "locked by .run. \(pid $pid on [^ ]+\) since 20[0-9-]+T[0-9:]+Z" ||
    { show_last; fail "the skip note does not name the holder"; }
expect_exit 5 "$RST" backup "$T/lk.conf"
expect_stderr "lk: locked by .run. \(pid $pid on [^ ]+\) since 20[0-9-]+T[0-9:]+Z"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || { cat "$T/run1.err" >&2; fail "the first run exited $rc"; }
[ "$(snap_count "$T/lk.conf")" -eq 1 ] || fail "expected 1 snapshot after the two runs"

# hold_lock: hold $lockfile with flock(1) in a background process FPID
# (until release_lock), as another program would.
hold_lock() {
	(exec 9>>"$lockfile" && flock 9 && exec sleep 20) &
	fpid=$!
	for _ in $(seq 50); do
		flock -n -E 99 "$lockfile" true
		[ $? -eq 99 ] && return 0
		sleep 0.1
	done
	fail "flock could not take $lockfile"
}
release_lock() {
	kill "$fpid" 2>/dev/null
	wait "$fpid" 2>/dev/null
}

note "lock held by flock(1)"
lockfile=$T/state/locks/lk.lock
[ -e "$lockfile" ] || fail "no lock file $lockfile"
hold_lock
expect_exit 0 "$RST" run --now 2030-01-01T00:00:00Z "$T/lk.conf"
expect_stderr "lk: skipped, lk: another process holds this profile's lock since"
[ "$(snap_count "$T/lk.conf")" -eq 1 ] || fail "a run went ahead under a held lock"
# Older than lock_stale (the real clock; --now does not count): 5.
echo 'lock_stale = "1m";' >>"$T/lk.conf"
touch -d '-2 minutes' "$lockfile"
expect_exit 5 "$RST" run --now 2030-01-01T00:00:00Z "$T/lk.conf"
expect_stderr "held for [0-9]+ s, more than lock_stale \(60 s\)"
release_lock
sed -i '/^lock_stale/d' "$T/lk.conf"

# --- a month, day by day ---------------------------------------------------------
note "a simulated month"
mk_profile mo "$d"
cat >>"$T/mo.conf" <<EOF
schedule = { backup = "1d"; drill = "7d"; prune = "1d"; };
retention = { keep_daily = 7; keep_weekly = 4; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h";
  checks = ( { name = "one.txt"; command = "cmp \"\$RESTORABLE_RESTORED$d/one.txt\" $d/one.txt"; timeout = "30s"; } ); };
EOF
expect_exit 2 "$RST" run --now yesterday "$T/mo.conf"
ids_seen=$T/ids_seen
: >"$ids_seen"
for day in $(seq -w 1 31); do
	now=2026-12-${day}T02:00:00Z
	expect_exit 0 "$RST" run --now "$now" "$T/mo.conf"
	s=$(find "$T/repo/snapshots/mo" -mindepth 1 -maxdepth 1 -name "202612${day}T020000Z-*" | wc -l)
	[ "$s" -eq 1 ] || fail "run --now $now: $s snapshots with that time (want 1)"
	basename "$(find "$T/repo/snapshots/mo" -mindepth 1 -maxdepth 1 -name "202612${day}T020000Z-*")" >>"$ids_seen"
done

J=$T/state/journal/mo.jsonl
python3 - "$J" "$ids_seen" "$T/repo/snapshots/mo" <<'EOF' || fail "the month's journal or snapshots are wrong (see above)"
import datetime, json, os, sys

journal, seen_file, snapdir = sys.argv[1:4]
recs = [json.loads(l) for l in open(journal, "rb")]
seen = [l.strip() for l in open(seen_file)]
errors = []

def check(cond, msg):
    if not cond:
        errors.append(msg)

by = lambda k: [r for r in recs if r["kind"] == k]
backups, drills = by("backup"), by("drill")
# a prune journals its intent (the ids it will remove) before deleting
prunes = [r for r in by("prune") if "phase" not in r["data"]]
intents = [r for r in by("prune") if r["data"].get("phase") == "intent"]
check(len(backups) == 31 and all(r["result"] == "pass" for r in backups),
      "%d backup records, results %s (want 31 pass)" % (len(backups), {r["result"] for r in backups}))
check([r["data"]["snapshot"] for r in backups] == seen,
      "backup records' snapshots differ from the ids created")
check(len(drills) == 5 and all(r["result"] == "pass" for r in drills),
      "%d drill records, results %s (want 5 pass)" % (len(drills), [r["result"] for r in drills]))
check([r["ts"][:10] for r in drills] == ["2026-12-%02d" % d for d in (1, 8, 15, 22, 29)],
      "drills on %s (want Dec 1, 8, 15, 22, 29)" % [r["ts"] for r in drills])
check(len(prunes) == 31, "%d prune records (want 31)" % len(prunes))
check(len(by("prune")) == len(prunes) + len(intents), "prune records of another phase")
check(len(intents) == sum(1 for r in prunes if r["data"]["removed"]),
      "%d intent records for %d prunes that removed something" % (len(intents), sum(1 for r in prunes if r["data"]["removed"])))
check(all(r["ts"].startswith("2026-12-") and r["ts"].endswith("T02:00:00Z") for r in recs),
      "journal ts not on the --now clock: %s" % sorted({r["ts"] for r in recs})[:5])
check(all(s[9:16] == "020000Z" for s in seen), "snapshot ids not on the --now clock: %s" % seen[:3])

# Replay the month with the documented retention rules.
def when(i):
    return datetime.datetime.strptime(i[:16], "%Y%m%dT%H%M%SZ")

def buckets(ids, key, n):
    keep, last = set(), None
    for i in sorted(ids, reverse=True):
        if len(keep) >= n:
            break
        b = key(when(i))
        if b != last:
            keep.add(i)
            last = b
    return keep

def retain(ids, protect):
    keep = buckets(ids, lambda t: t.date(), 7)
    keep |= buckets(ids, lambda t: t.isocalendar()[:2], 4)
    if protect:
        keep.add(protect)
    return keep

live, protect, intent = set(), None, None
for r in recs:
    if r["kind"] == "backup" and r["result"] == "pass":
        live.add(r["data"]["snapshot"])
    elif r["kind"] == "drill" and r["result"] == "pass":
        if protect is None or r["data"]["snapshot"] > protect:
            protect = r["data"]["snapshot"]
    elif r["kind"] == "prune" and r["data"].get("phase") == "intent":
        intent = sorted(r["data"]["intent"])
    elif r["kind"] == "prune":
        check(intent == (sorted(r["data"]["removed"]) or None),
              "prune at %s removed %s, its intent said %s" % (r["ts"], r["data"]["removed"], intent))
        intent = None
        keep = retain(live, protect)
        want = sorted(live - keep)
        got = sorted(r["data"]["removed"])
        check(got == want, "prune at %s removed %s, the rules say %s" % (r["ts"], got, want))
        live = keep

left = sorted(e for e in os.listdir(snapdir)
              if os.path.exists(os.path.join(snapdir, e, "manifest.json.sig")))
check(left == sorted(live), "snapshots left %s, replay says %s" % (left, sorted(live)))
days = sorted(int(i[6:8]) for i in left)
check(days == [13, 20, 25, 26, 27, 28, 29, 30, 31],
      "days left %s (want the 7 dailies 25..31 and the weeklies 13, 20)" % days)
check(protect is not None and protect.startswith("20261229T") and protect in left,
      "the newest drilled snapshot %s is not kept" % protect)
for e in errors:
    print("FAIL:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF

note "a second run at the same time does nothing"
lines=$(wc -l <"$J")
expect_exit 0 "$RST" run --now 2026-12-31T02:00:00Z "$T/mo.conf"
expect_stderr "nothing due"
[ "$(wc -l <"$J")" -eq "$lines" ] || fail "a run with nothing due appended to the journal"
[ "$(snap_count "$T/mo.conf")" -eq 9 ] || fail "a run with nothing due changed the snapshots"
expect_exit 0 "$RST" --json run --now 2026-12-31T02:00:00Z "$T/mo.conf"
[ "$(json_get "$OUT" 'd["profiles"][0]["tasks"]')" = "[]" ] ||
	fail "run --json with nothing due lists tasks: $(cat "$OUT")"
expect_exit 0 "$RST" journal verify "$T/mo.conf"
# A day later, the backup and the prune are due again, not the drill.
expect_exit 0 "$RST" --json run --now 2027-01-01T02:00:00Z "$T/mo.conf"
[ "$(json_get "$OUT" '[t["task"] for t in d["profiles"][0]["tasks"]]')" = "['backup', 'prune']" ] ||
	fail "run on Jan 1: tasks $(cat "$OUT")"

# --- exit codes of several profiles ------------------------------------------
note "exit code aggregation"
C=$T/conf
mkdir -p "$C/profiles"
mk_profile bad "$d"
cat >>"$T/bad.conf" <<EOF
schedule = { backup = "1d"; drill = "7d"; };
drill = { scratch_dir = "$T/scratch";
  checks = ( { name = "always fails"; command = "false"; timeout = "10s"; } ); };
EOF
sed -e 's|^signing_key = .*|signing_key = "'"$T"'/keys/signing.pem";|' "$T/bad.conf" >"$C/profiles/bad.conf"
printf 'name = "broken";\npaths = [ "%s" ];\nthis is not libconfig\n' "$d" >"$C/profiles/broken.conf"

expect_exit 1 "$RST" run --now 2026-11-01T00:00:00Z "$T/bad.conf"
expect_stderr "always fails"
expect_exit 2 "$RST" run "$C/profiles/broken.conf"
expect_stderr "broken\.conf:[0-9]+"
expect_exit 1 "$RST" -c "$C" run --now 2026-11-09T00:00:00Z
expect_stderr "always fails"
expect_stderr "broken\.conf:[0-9]+"

hold_lock
expect_exit 2 "$RST" run --now 2030-01-01T00:00:00Z "$T/lk.conf" "$C/profiles/broken.conf"
expect_stderr "lock"
expect_exit 2 "$RST" run --now 2030-01-01T00:00:00Z "$C/profiles/broken.conf" "$T/lk.conf"
release_lock
exit 0
