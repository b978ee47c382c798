#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Records out of time order are exceptions, not integrity failures (clocks
# step back): a drill run by `run --now` six weeks in the past, after a
# backup made at the real time, is dated before the record above it and
# before the start of the snapshot it tested.
#
#   - journal verify: exit 0, one warning per exception, listed in --json
#   - report: both exceptions with their codes and text (JSON, Markdown,
#     HTML), no integrity finding; with a later real drill the profile is
#     still restorable (exit 0)

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "minutes" >"$d/minutes.txt"
ensure_keys
confdir_profile "tord" "$d" <<EOF
schedule = { drill = "1h"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
C=(-c "$T/conf")

expect_exit 0 "$RST" "${C[@]}" --json backup tord
S1=$(json_get "$OUT" 'd["snapshot"]')
past=$(date -u -d '6 weeks ago' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 "$RST" "${C[@]}" run --now "$past" tord
[ "$(sed -n 2p "$T/state/journal/tord.jsonl" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["kind"], o["ts"], o["clock"], o["data"]["snapshot"])')" = \
	"drill $past set $S1" ] || fail "line 2 is not the drill under the set clock: $(sed -n 2p "$T/state/journal/tord.jsonl")"
t1=$(sed -n 1p "$T/state/journal/tord.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ts"])')
start=$(python3 -c 'import sys,datetime; print(datetime.datetime.strptime(sys.argv[1][:15], "%Y%m%dT%H%M%S").strftime("%Y-%m-%dT%H:%M:%SZ"))' "$S1")

note "journal verify: exceptions, exit 0"
expect_exit 0 "$RST" "${C[@]}" --json journal verify tord
python3 - "$OUT" "$past" "$t1" "$S1" "$start" <<'EOF' || fail "journal verify --json: wrong exceptions: $(cat "$OUT")"
import json, sys
d = json.load(open(sys.argv[1]))
past, t1, snap, start = sys.argv[2:]
assert d["exceptions"] == [
    {"code": "clock_stepped_back", "line": 2, "ts": past, "before": t1, "snapshot": snap},
    {"code": "drill_before_snapshot", "line": 2, "ts": past, "before": start, "snapshot": snap},
], d["exceptions"]
EOF
expect_exit 0 "$RST" "${C[@]}" journal verify tord
expect_stderr "journal of tord: line 2 \($past\) is dated before the line above it \($t1\): the clock stepped back \(an exception, not an integrity failure\)"
expect_stderr "journal of tord: line 2: the drill of $S1 \($past\) is dated before the snapshot's start \($start\)"

note "report: exceptions, not integrity failures"
expect_exit 0 "$RST" "${C[@]}" drill tord "$S1"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/r.json" tord
schema_check "$T/r.json"
python3 - "$T/r.json" "$past" "$t1" "$S1" <<'EOF' || fail "r.json: wrong exceptions"
import json, sys
d = json.load(open(sys.argv[1]))
past, t1, snap = sys.argv[2:]
p = d["profiles"][0]
ex = [(e["code"], e["line"], e["text"]) for e in p["exceptions"]]
assert ex == [
    ("clock_stepped_back", 2, "line 2 of the journal (%s) is dated before the line above it (%s): the clock stepped back" % (past, t1)),
    ("drill_before_snapshot", 2, "the drill of snapshot %s at %s is dated before the snapshot's start" % (snap, past)),
], ex
assert p["findings"] == [] and d["integrity"]["verified"] is True, (p["findings"], d["integrity"])
assert p["verdict"]["restorable"] is True, p["verdict"]
EOF
expect_exit 0 "$RST" "${C[@]}" report --format md --lang de --out "$T/r.md" tord
grep -q "Zeile 2 des Journals ($past) ist vor der Zeile darüber datiert ($t1): die Uhr wurde zurückgestellt" "$T/r.md" ||
	fail "r.md: no clock exception in German"
expect_exit 0 "$RST" "${C[@]}" report --format html --out "$T/r.html" tord
grep -q "the drill of snapshot $S1 at $past is dated before the snapshot&#39;s start" "$T/r.html" ||
	grep -q "the drill of snapshot $S1 at $past is dated before the snapshot's start" "$T/r.html" ||
	fail "r.html: no drill exception"
exit 0
