#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Committed snapshots the journal never recorded, newer than its last
# backup record: journal_behind (an integrity finding) when a day old or more,
# journal_lagging (a warning) when younger.  The unrecorded snapshots are
# real backups of the same profile (same name, key and repository) whose
# records went to another state directory, as when an append fails after
# the commit; the repository's journal copy is put back each time.
#
#   - S1 by run --now 2026-11-01, S2 (unrecorded) by run --now 2026-11-02:
#     journal_behind for S2, exit 4, with its text
#   - S3 (unrecorded) backed up now: journal_lagging for S3 (a warning),
#     and S2 is still journal_behind although reports were journaled since
#     (only backup records count): exit 4
#   - a journaled backup S4: S2 and S3, now between two backup records,
#     are snapshot_unjournaled (warnings), no integrity finding; the
#     verdict is not proven (no drill): exit 1

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "stock" >"$d/stock.txt"
ensure_keys
# profile STATE
profile() {
	cat <<EOF
name = "lag";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$1";
schedule = { backup = "1d"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
}
profile "$T/state" >"$T/conf/profiles/lag.conf"
profile "$T/state-other" >"$T/other.conf"
C=(-c "$T/conf")

# put_back: the repository's journal copy back to this host's journal.
put_back() {
	cp "$T/state/journal/lag.jsonl" "$T/state/journal/lag.head" "$T/repo/journal/"
}
# findings FILE: "restorable;findings (code:snapshot:integrity)".
findings() {
	json_get "$1" '"%s;%s" % (d["profiles"][0]["verdict"]["restorable"], ",".join("%s:%s:%s" % (f["code"], f.get("snapshot"), f["integrity"]) for f in d["profiles"][0]["findings"]))'
}

expect_exit 0 "$RST" "${C[@]}" run --now 2026-11-01T02:00:00Z lag
expect_exit 0 "$RST" run --now 2026-11-02T02:00:00Z "$T/other.conf"
mapfile -t IDS < <(ls "$T/repo/snapshots/lag")
[ "${#IDS[@]}" -eq 2 ] || fail "test setup: ${#IDS[@]} snapshots"
S2=${IDS[1]}
put_back

note "a snapshot newer than the journal's last record, older than a day"
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/behind.json" lag
[ "$(findings "$T/behind.json")" = "False;journal_behind:$S2:True" ] || fail "behind: $(findings "$T/behind.json")"
[ "$(json_get "$T/behind.json" 'd["profiles"][0]["findings"][0]["text"]')" = \
	"snapshot $S2 is newer than the journal's last record: the journal is behind the repository" ] ||
	fail "behind: wrong text"
[ "$(json_get "$T/behind.json" 'd["profiles"][0]["inventory"]["unjournaled"]')" = "['$S2']" ] ||
	fail "behind: S2 not listed as unjournaled"

note "a snapshot made now and not journaled yet"
# The other state directory's journal is not a prefix of the repository's
# copy (put back above): the snapshot commits, its record stays local, and
# the backup says so with exit 4.
expect_exit 4 "$RST" backup "$T/other.conf"
expect_stderr "committed: journal: recorded in the local journal only"
mapfile -t IDS < <(ls "$T/repo/snapshots/lag")
S3=${IDS[2]}
put_back
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/lagging.json" lag
[ "$(findings "$T/lagging.json")" = "False;journal_behind:$S2:True,journal_lagging:$S3:False" ] ||
	fail "lagging: $(findings "$T/lagging.json")"
[ "$(json_get "$T/lagging.json" 'd["integrity"]["findings"]')" = 1 ] || fail "lagging: wrong integrity findings count"
expect_exit 4 "$RST" "${C[@]}" report --format md --out "$T/lagging.md" lag
grep -q "snapshot $S3 is not in the journal yet (made less than a day ago)" "$T/lagging.md" ||
	fail "lagging.md: journal_lagging is not shown"

note "a journaled backup after them"
sleep 1
expect_exit 0 "$RST" "${C[@]}" backup lag
expect_exit 1 "$RST" "${C[@]}" report --format json --out "$T/between.json" lag
[ "$(findings "$T/between.json")" = "False;snapshot_unjournaled:$S2:False,snapshot_unjournaled:$S3:False" ] ||
	fail "between: $(findings "$T/between.json")"
[ "$(json_get "$T/between.json" '[r["code"] for r in d["profiles"][0]["verdict"]["reasons"] if not r["ok"]]')" = \
	"['no_drill']" ] || fail "between: the verdict is not only missing a drill"
exit 0
