#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A journal read from the repository (report --repository) whose last
# record is older than twice its profile's shortest schedule is stale: the
# host stopped writing or uploading it, so the verdict is not proven
# (journal_stale, exit 1); the report's own records do not refresh it.
# Within twice the schedule: restorable (exit 0).  (The schedule is
# changed between the reports, so that no timing can make the test flaky.)

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d" "$T/conf/profiles"
echo "minutes" >"$d/minutes.txt"
ensure_keys
profile() {
	cat >"$T/conf/profiles/stl.conf" <<EOF
name = "stl";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "$1"; drill = "1d"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
}
C=(-c "$T/conf")
profile 1h
expect_exit 0 "$RST" "${C[@]}" --json backup stl
S1=$(json_get "$OUT" 'd["snapshot"]')
expect_exit 0 "$RST" "${C[@]}" drill stl "$S1"
expect_exit 0 "$RST" "${C[@]}" report --repository stl --format json --out "$T/fresh.json"
[ "$(json_get "$T/fresh.json" '[f["code"] for f in d["profiles"][0]["findings"]]')" = "[]" ] ||
	fail "fresh.json: $(json_get "$T/fresh.json" 'd["profiles"][0]["findings"]')"
last=$(tail -n 2 "$T/state/journal/stl.jsonl" | head -n 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["ts"])')
profile 2s
sleep 5
expect_exit 1 "$RST" "${C[@]}" report --repository stl --format json --out "$T/stale.json"
schema_check "$T/stale.json"
python3 - "$T/stale.json" "$last" <<'EOF' || fail "stale.json: no journal_stale"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
f = [(f["code"], f["integrity"], f["text"]) for f in p["findings"]]
t = "the journal of stl was last written at %s, more than twice its shortest schedule (2.0 s) ago: not proven" % sys.argv[2]
assert f == [("journal_stale", False, t)], f
assert p["verdict"]["restorable"] is False, p["verdict"]
assert [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]] == ["journal_stale"], p["verdict"]
EOF
expect_stderr "1 of 1 profile\(s\) not proven"
note "the same journal with a daily schedule is not stale"
profile 1d
expect_exit 0 "$RST" "${C[@]}" report --repository stl --format json --out "$T/daily.json"
exit 0
