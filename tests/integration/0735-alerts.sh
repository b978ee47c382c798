#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Alerts no mistake can silence, against a loopback HTTP sink this test
# starts (python3; records method, path and body) and stops by PID:
#   - the site file CONFDIR/restorable.conf gives its notify group to
#     profiles without one, and alerts for a profile that does not even
#     load (a typo): run exits 2 and the site's webhook gets the profile,
#     exit 2 and a sentence naming it; the site's heartbeat gets /fail
#     for it and a plain call for the good profile;
#   - a profile with its own notify group keeps it (nothing to the site);
#   - the dead-man alert: no good backup within rpo_target while nothing
#     is due -> one alert ("no good backup for 48 h"), not repeated on the
#     next run, repeated once the last alert is 24 h old, and a good
#     backup ends it;
#   - check-config names a broken site file's line.

. "$(dirname "$0")/lib.sh"
need python3
PY=${PYTHON:-python3}

S=$T/sink
http_sink "$S/req"
P=$HTTP_SINK_PORT

# requests: "METHOD PATH" per line, in order.
requests() {
	"$PY" -E - "$S/req" <<'PYEOF'
import json, os, sys
d = sys.argv[1]
for f in sorted(x for x in os.listdir(d) if x.endswith(".json")):
    r = json.load(open(os.path.join(d, f)))
    print(r["method"], r["path"])
PYEOF
}
# body_of N: the body of the Nth request listed by requests.
body_of() {
	"$PY" -E - "$S/req" "$1" <<'PYEOF'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
f = sorted(x for x in os.listdir(d) if x.endswith(".json"))[n - 1]
print(json.load(open(os.path.join(d, f)))["body"])
PYEOF
}
settle() { sleep 0.3; }

d=$T/data
mkdir -p "$d"
echo "registry" >"$d/reg.txt"
ensure_keys
C=$T/conf
mkdir -p "$C/profiles"
cat >"$C/restorable.conf" <<EOF
notify = {
  webhook = "http://127.0.0.1:$P/site";
  heartbeat = "http://127.0.0.1:$P/hb";
};
EOF
cat >"$C/profiles/good.conf" <<EOF
name = "good";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "7d"; };
drill = { scratch_dir = "$T/scratch"; rpo_target = "1h"; };
EOF
cat >"$C/profiles/own.conf" <<EOF
name = "own";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "7d"; };
notify = { webhook = "http://127.0.0.1:$P/own"; };
EOF
cat >"$C/profiles/broken.conf" <<EOF
name = "broken";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_kee = "$T/keys/signing.pem";
EOF

expect_exit 0 "$RST" -c "$C" check-config good own
expect_stdout 'restorable\.conf: site file is valid'

note "a broken profile alerts through the site file"
expect_exit 2 "$RST" -c "$C" run --now 2026-12-01T00:00:00Z
expect_stderr 'broken\.conf:4: signing_kee: unknown key \(did you mean signing_key\?\)'
settle
requests >"$T/r1"
grep -qx 'POST /site' "$T/r1" || fail "no site alert for the broken profile: $(cat "$T/r1")"
grep -qx 'GET /hb/fail' "$T/r1" || fail "no failing heartbeat for the broken profile: $(cat "$T/r1")"
grep -qx 'GET /hb' "$T/r1" || fail "no heartbeat for the good profile: $(cat "$T/r1")"
grep -q ' /own' "$T/r1" && fail "a passing profile with notify on failure sent an alert"
n=$(grep -n '^POST /site$' "$T/r1" | head -n 1 | cut -d: -f1)
body_of "$n" >"$T/b1"
json_get "$T/b1" 'd["exit"]' | grep -qx 2 || fail "the site alert does not carry exit 2: $(cat "$T/b1")"
json_get "$T/b1" 'd["message"]' | grep -qE 'broken\.conf on [^ ]+: run failed \(exit 2\): .*signing_kee' ||
	fail "the site alert's sentence is wrong: $(cat "$T/b1")"
[ "$(snap_count "$C/profiles/good.conf")" -eq 1 ] || fail "the good profile was not backed up"
rm "$C/profiles/broken.conf"

note "the dead-man alert"
rm -f "$S"/req/*.json
# Two days later nothing is due (backup every 7 days), but the newest
# good backup is 48 h old against rpo_target 1h.
expect_exit 0 "$RST" -c "$C" run --now 2026-12-03T00:00:00Z
settle
requests >"$T/r2"
[ "$(grep -c '^POST /site$' "$T/r2")" -eq 1 ] || fail "want one dead-man alert: $(cat "$T/r2")"
n=$(grep -n '^POST /site$' "$T/r2" | cut -d: -f1)
body_of "$n" >"$T/b2"
json_get "$T/b2" 'd["alert"]' | grep -qx no_good_backup || fail "not a dead-man alert: $(cat "$T/b2")"
json_get "$T/b2" 'd["message"]' | grep -qF 'good: no good backup for 48 h (since 2026-12-01T00:00:00Z; rpo_target 1 h)' ||
	fail "the dead-man sentence is wrong: $(cat "$T/b2")"
rm -f "$S"/req/*.json
expect_exit 0 "$RST" -c "$C" run --now 2026-12-03T01:00:00Z
settle
requests | grep -q '^POST /site$' && fail "the dead-man alert repeated within 24 h"
touch -d '-25 hours' "$T/state/alerts/good.deadman"
expect_exit 0 "$RST" -c "$C" run --now 2026-12-03T02:00:00Z
settle
[ "$(requests | grep -c '^POST /site$')" -eq 1 ] || fail "the dead-man alert did not repeat after 24 h"
# A good backup ends it.
sed -i 's/backup = "7d"/backup = "1h"/' "$C/profiles/good.conf"
expect_exit 0 "$RST" -c "$C" run --now 2026-12-03T03:00:00Z
[ ! -e "$T/state/alerts/good.deadman" ] || fail "a good backup did not end the dead-man state"

note "notify test"
rm -f "$S"/req/*.json
expect_exit 0 "$RST" -c "$C" notify test good
settle
requests >"$T/r3"
grep -qx 'POST /site' "$T/r3" || fail "notify test sent no webhook: $(cat "$T/r3")"
grep -qx 'GET /hb' "$T/r3" || fail "notify test called no heartbeat: $(cat "$T/r3")"
body_of 1 >"$T/b3"
json_get "$T/b3" 'd["message"]' | grep -q 'good on .*: test alert from `restorable notify test`' ||
	fail "notify test's message is wrong: $(cat "$T/b3")"
python3 -E - "$T/state/journal/good.jsonl" <<'PYEOF' || fail "notify test is not journaled per channel"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], "rb")]
got = sorted(r["data"]["channel"] for r in recs if r["kind"] == "notify" and r["data"].get("test"))
assert got == ["heartbeat", "webhook"], got
PYEOF
CLOSED=$(free_port)
sed -i "s|http://127.0.0.1:$P/own|http://127.0.0.1:$CLOSED/own|" "$C/profiles/own.conf"
expect_exit 3 "$RST" -c "$C" notify test own
expect_stderr "own: webhook: "

note "check-config and a broken site file"
echo 'notfy = { };' >>"$C/restorable.conf"
expect_exit 2 "$RST" -c "$C" check-config good
expect_stderr 'restorable\.conf:5: notfy: unknown key \(did you mean notify\?\)'
exit 0
