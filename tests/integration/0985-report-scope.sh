#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: exact scope and configuration.  Two profiles in CONFDIR, backed
# up and drilled for real: hosta-registry (plain, paths and an exclude,
# schedule, retention) and hostb-casefiles (encrypted to two age
# recipients, no schedule, no retention rule).
#
#   - report hosta-registry alone: the host name is shown, the scope lists
#     hosta-registry as covered and hostb-casefiles as configured but left
#     out, and never claims "the profiles configured on this host"
#   - the configuration block: hosta's paths and exclude, encryption none,
#     repository file:// (not off site), no Object Lock, schedule, the
#     retention rule; hostb: paths not shown (encrypted), age with 2
#     recipients, schedule and retention "not configured", the drill
#     interval "not configured (7 d)" rather than a 7-day target
#   - "Evidence available from" the journal's first record
#   - --until later than now: exit 2 naming --allow-future; with
#     --allow-future the RPO is measured now, not at --until; --until with
#     today's date is accepted (until now)

. "$(dirname "$0")/lib.sh"
need python3 age-keygen

ensure_keys
age-keygen -o "$T/second.key" 2>/dev/null
r1=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y keys/age.key"
r2=$(age-keygen -y "$T/second.key")
mkdir -p "$T/conf/profiles" "$T/data/a/tmp" "$T/data/b"
echo registry >"$T/data/a/registry.txt"
echo scratch >"$T/data/a/tmp/x"
echo "secret case" >"$T/data/b/case-4711-confidential.txt"
confdir_profile "hosta-registry" "$T/data/a" <<CONF
exclude = [ "$T/data/a/tmp" ];
schedule = { backup = "1d"; drill = "7d"; };
retention = { keep_last = 3; keep_daily = 7; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
CONF
confdir_profile "hostb-casefiles" "$T/data/b" <<CONF
encryption = { recipients = [ "$r1", "$r2" ]; identity_file = "$T/keys/age.key"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
CONF
C=(-c "$T/conf")
for n in hosta-registry hostb-casefiles; do
	expect_exit 0 "$RST" "${C[@]}" backup "$n"
	expect_exit 0 "$RST" "${C[@]}" drill "$n"
done

note "one profile of two: scope"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/a.json" hosta-registry
expect_exit 0 "$RST" "${C[@]}" report --out "$T/a.html" hosta-registry
expect_exit 0 "$RST" "${C[@]}" report --format md --out "$T/a.md" hosta-registry
python3 - "$T/a.json" "$T/a.html" "$T/a.md" "$(hostname)" "$T/state/journal/hosta-registry.jsonl" <<'PY' || fail "the scope is wrong"
import html, json, re, sys
d = json.load(open(sys.argv[1]))
h = open(sys.argv[2], encoding="utf-8").read()
md = open(sys.argv[3], encoding="utf-8").read()
host = sys.argv[4]
first = json.loads(open(sys.argv[5]).readline())["ts"]
sc = d["scope"]
assert sc["host"] == host and sc["profiles"] == ["hosta-registry"], sc
assert sc["left_out"] == ["hostb-casefiles"] and sc["named"] == ["hosta-registry"], sc
text = html.unescape(re.sub(r"<[^>]+>", "", h))
assert "the profiles configured on this host" not in text, "claims every configured profile"
assert "Host: " + host in text, "no host"
assert "Configured on this host but left out: hostb-casefiles" in text, "left-out profile not named"
assert "Configured on this host but left out:** hostb-casefiles" in md, "Markdown: left-out profile"
p = d["profiles"][0]
assert p["evidence_from"] == first, (p["evidence_from"], first)
assert "Evidence available from " + first in text, "no evidence-from date"
c = p["config"]
assert c["sources"]["paths"] and c["sources"]["paths"][0].endswith("/data/a"), c
assert c["sources"]["exclude"][0].endswith("/data/a/tmp"), c
assert c["encryption"] == {"mode": "none", "recipients": 0}, c
assert c["repository"] == {"scheme": "file", "host": None} and c["off_site"] is False, c
assert c["object_lock"] is None, c
assert c["schedule"] == {"backup_seconds": 86400, "drill_seconds": 604800, "prune_seconds": None}, c
assert c["retention"] == {"keep_last": 3, "keep_daily": 7, "keep_weekly": None, "keep_monthly": None}, c
assert p["targets"]["drill_interval_configured"] is True
assert "keep_last = 3" in text and "prune not configured" in text, "schedule/retention not shown"
assert "no (a folder reachable from this host)" in text, "off-site not shown"
PY

note "encrypted profile: paths hidden, not configured"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/b.json" hostb-casefiles
expect_exit 0 "$RST" "${C[@]}" report --out "$T/b.html" hostb-casefiles
python3 - "$T/b.json" "$T/b.html" <<'PY' || fail "the encrypted profile's block is wrong"
import html, json, re, sys
d = json.load(open(sys.argv[1]))
h = open(sys.argv[2], encoding="utf-8").read()
text = html.unescape(re.sub(r"<[^>]+>", "", h))
c = d["profiles"][0]["config"]
assert c["sources"] == {"paths": None, "exclude": None, "hidden": True}, c
assert c["encryption"] == {"mode": "age", "recipients": 2}, c
assert c["schedule"] == {"backup_seconds": None, "drill_seconds": None, "prune_seconds": None}, c
assert c["retention"] is None, c
assert d["profiles"][0]["targets"]["drill_interval_configured"] is False
assert "/data/b" not in h, "an encrypted profile's path is in the report"
assert "age, 2 recipient(s)" in text, "encryption not shown"
assert "Retention rule" in text and re.search(r"Retention rule\s*not configured", text), "retention not 'not configured'"
assert "drill at least every not configured (7 d)" in text, "the 7-day default shown as a target"
PY

note "--until in the future"
fut=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 2 "$RST" "${C[@]}" report --format json --until "$fut" --out "$T/f.json" hosta-registry
expect_stderr "--until $fut is later than now.*--allow-future"
[ -e "$T/f.json" ] && fail "a refused report was written"
expect_exit 0 "$RST" "${C[@]}" report --format json --until "$fut" --allow-future --out "$T/f.json" hosta-registry
python3 - "$T/f.json" "$fut" <<'PY' || fail "--allow-future measures the RPO in the future"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert d["period"]["until"] == sys.argv[2], d["period"]
assert p["rpo"]["at"] <= d["generated"], (p["rpo"]["at"], d["generated"])
assert p["rpo"]["seconds"] < 3600, p["rpo"]
PY
expect_exit 0 "$RST" "${C[@]}" report --format json --until "$(date -u +%Y-%m-%d)" --out "$T/t.json" hosta-registry
exit 0
