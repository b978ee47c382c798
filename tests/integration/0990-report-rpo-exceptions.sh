#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: the RPO over the whole period and the exceptions with their
# follow-up, on ten days of real daily runs (run --now, one day apart;
# schedule.backup 1d, rpo_target 26h).  The journal is then re-signed
# with the profile's own key without the "clock":"set" marks, as if the
# days had passed (the snapshots are those the runs made).
#
#   - no backup on days 3 and 4: one interval over target from day 2
#     02:00 + 26 h to the day-5 backup (46 h), closed by that backup's
#     seq; two scheduled runs missed (due day 3 and day 4); the share
#     within target is 1 - 46 h / the time measured; an SVG sawtooth with
#     a dashed target line and a sentence with its data
#   - day 6: a backup to an unreachable repository (exit 3), then one an
#     hour later: a closed exception, time to remediation 1 h, not an
#     integrity event
#   - a restore refused for a symlinked target (exit 2): an operator
#     error, listed apart, never counted as a failed restore
#   - a part of the newest snapshot flipped, drill: exit 4, a security
#     event (with the manifest's SHA-256), open, the status red; the part
#     put back and drilled again: closed by that drill's seq, status amber
#   - run skips a backup that is not due yet: after the retry, the days
#     keep its hour
#   - every row (backups, drills, exceptions) carries seq, host and user;
#     the JSON matches docs/report-schema.json; the Markdown has the same

. "$(dirname "$0")/lib.sh"
need python3 openssl

ensure_keys
mkdir -p "$T/conf/profiles" "$T/data" "$T/real"
echo "register v0" >"$T/data/register.txt"
cat >"$T/conf/profiles/hist.conf" <<CONF
name = "hist";
paths = [ "$T/data" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1d"; drill = "7d"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
CONF
C=(-c "$T/conf")
CONF=$T/conf/profiles/hist.conf
now=$(date -u +%s)
base=$((now - 10 * 86400 - 7200))	# day 0; day 10 is an hour ago
at() { date -u -d "@$((base + $1))" +%Y-%m-%dT%H:%M:%SZ; }
for k in 0 1 2 5 6 7 8 9 10; do
	echo "register v$k" >"$T/data/register.txt"
	if [ "$k" = 6 ]; then
		: >"$T/afile"
		sed -i "s|file://$T/repo|file://$T/afile/repo|" "$CONF"
		expect_exit 3 "$RST" "${C[@]}" run --now "$(at $((k * 86400)))" hist
		sed -i "s|file://$T/afile/repo|file://$T/repo|" "$CONF"
		expect_exit 0 "$RST" "${C[@]}" run --now "$(at $((k * 86400 + 3600)))" hist
		continue
	fi
	# after the retry an hour late, run keeps that hour (a backup is due
	# a day after the last one)
	off=0
	[ "$k" -gt 6 ] && off=3600
	expect_exit 0 "$RST" "${C[@]}" run --now "$(at $((k * 86400 + off)))" hist
done

# Re-sign: the same records, without the set-clock marks.
python3 - "$T/state/journal/hist.jsonl" "$T/records" <<'PY'
import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1], "rb"):
        r = json.loads(line)
        for k in ("v", "seq", "prev", "sig", "clock"):
            r.pop(k, None)
        out.write(json.dumps(r) + "\n")
PY
python3 "$SRCDIR/tests/integration/jsign.py" --key "$T/keys/signing.pem" --records "$T/records" \
	--out-jsonl "$T/state/journal/hist.jsonl" --out-head "$T/state/journal/hist.head" ||
	fail "cannot re-sign the journal"
cp "$T/state/journal/hist.jsonl" "$T/state/journal/hist.head" "$T/repo/journal/"
expect_exit 0 "$RST" "${C[@]}" journal verify hist

# An operator error, then an integrity failure found by a drill.
ln -s "$T/real" "$T/link"
expect_exit 2 "$RST" "${C[@]}" restore --target "$T/link/out" hist latest
s=$(snapdir hist)
part=$(ls "$s"/stream.pax.zst.0* | head -n 1)
cp "$part" "$T/part.good"
flip_byte "$part" 10
expect_exit 4 "$RST" "${C[@]}" drill hist

note "open security event: red"
expect_exit 1 "$RST" "${C[@]}" report --format json --no-verify-parts --out "$T/open.json" hist
python3 - "$T/open.json" <<'PY' || fail "the open security event is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
sec = [x for x in p["incidents"] if x["security"]]
assert len(sec) == 1, p["incidents"]
x = sec[0]
assert x["kind"] == "drill" and x["exit"] == 4 and x["status"] == "open" and x["closed_by"] is None, x
assert len(x["manifest_sha256"]) == 64 and x["snapshot"] and x["host"] and x["user"], x
assert d["status"]["level"] == "red", d["status"]
assert p["status"]["level"] == "red", p["status"]
PY

note "security event closed by a passing drill"
cp "$T/part.good" "$part"
expect_exit 0 "$RST" "${C[@]}" drill hist
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/r.json" hist
expect_exit 0 "$RST" "${C[@]}" report --out "$T/r.html" hist
expect_exit 0 "$RST" "${C[@]}" report --format md --out "$T/r.md" hist
python3 - "$T/r.json" "$T/state/journal/hist.jsonl" "$base" <<'PY' || fail "RPO over the period or exceptions are wrong"
import calendar, json, sys, time
d = json.load(open(sys.argv[1]))
recs = [json.loads(l) for l in open(sys.argv[2], "rb")]
base = int(sys.argv[3])
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
sec = lambda s: calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
p = d["profiles"][0]
rp = p["rpo_period"]
day = 86400
seq_of = lambda ts, kind: [r["seq"] for r in recs if r["ts"] == ts and r["kind"] == kind][0]
assert rp["from"] == iso(base), (rp["from"], iso(base))
assert rp["target_seconds"] == 26 * 3600 and rp["schedule_seconds"] == day, rp
over = rp["over"]
assert len(over) == 1, over
o = over[0]
assert (o["start"], o["end"]) == (iso(base + 2 * day + 26 * 3600), iso(base + 5 * day)), o
assert o["seconds"] == 46 * 3600 and o["open"] is False, o
assert o["closed_by"] == {"seq": seq_of(iso(base + 5 * day), "backup"), "ts": iso(base + 5 * day)}, o
assert rp["missed_runs"] == 2 and [m["due"] for m in rp["missed"]] == [iso(base + 3 * day), iso(base + 4 * day)], rp["missed"]
measured = sec(rp["to"]) - sec(rp["from"])
assert rp["seconds"] == measured and abs(rp["share_within"] - (1 - 46 * 3600 / measured)) <= 0.0005 + 1e-9, rp
assert rp["max_seconds"] >= 72 * 3600, rp["max_seconds"]
xs = p["incidents"]
kinds = [(x["kind"], x["exit"], x["status"]) for x in xs]
assert ("rpo", None, "closed") in kinds, kinds
b = [x for x in xs if x["kind"] == "backup"]
assert len(b) == 1 and b[0]["exit"] == 3 and not b[0]["security"], b
assert b[0]["status"] == "closed" and b[0]["remediation_seconds"] == 3600, b[0]
assert b[0]["closed_by"]["seq"] == seq_of(iso(base + 6 * day + 3600), "backup"), b[0]
s = [x for x in xs if x["security"]]
assert len(s) == 1 and s[0]["status"] == "closed" and s[0]["closed_by"]["kind"] == "drill", s
closer = [r for r in recs if r["seq"] == s[0]["closed_by"]["seq"]][0]
assert closer["kind"] == "drill" and closer["result"] == "pass" and closer["data"]["snapshot"] == s[0]["snapshot"], closer
for x in xs:
    if x["kind"] != "rpo":
        assert isinstance(x["seq"], int) and x["host"] and x["user"], x
ops = p["operator_errors"]
assert len(ops) == 1 and ops[0]["kind"] == "restore" and ops[0]["exit"] == 2, ops
assert p["restores"] == {"count": 0, "failed": 0}, p["restores"]
assert all(f["exit"] != 2 for f in p["failures"]), p["failures"]
for it in p["backups"]["items"] + p["drills"]["items"]:
    assert isinstance(it["seq"], int) and it["host"] and it["user"], it
    if it["result"] == "pass":
        assert len(it["manifest_sha256"]) == 64, it
assert d["status"]["level"] == "amber", d["status"]
assert [c["code"] for c in p["status"]["causes"]] == ["not_anchored"], p["status"]
PY
schema_check "$T/r.json"
python3 - "$T/r.html" "$T/r.md" <<'PY' || fail "the HTML or Markdown lacks the RPO period or the exceptions"
import html, re, sys
h = open(sys.argv[1], encoding="utf-8").read()
md = open(sys.argv[2], encoding="utf-8").read()
text = html.unescape(re.sub(r"<[^>]+>", " ", h))
text = re.sub(r"\s+", " ", text)
for want in ("RPO over the period", "Intervals over the RPO target", "46 h",
             "Scheduled backups that did not happen: 2", "Exceptions and follow-up",
             "security event", "Operator errors", "Time to remediation", "Closed by",
             "Chart data: RPO highest"):
    assert want in text, want
assert re.search(r"Within the RPO target 8\d,\d %|Within the RPO target 8\d\.\d %", text), "no share"
assert 'stroke-dasharray="6 4"' in h, "no dashed target line"
assert re.search(r'<table class="stack"><caption>Exceptions and follow-up</caption>', h), "no caption"
assert '<th scope="col">' in h, "no header scopes"
assert '<td data-label="Time to remediation" class="num">1 h</td>' in h, "exception cells do not name their column"
for want in ("### RPO over the period", "### Exceptions and follow-up", "### Operator errors", "security event"):
    assert want in md, want
PY
exit 0
