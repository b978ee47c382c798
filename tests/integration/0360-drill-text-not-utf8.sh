#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Text that is not valid UTF-8 never changes a drill's verdict or loses its
# journal record:
#   - a failing check named in Latin-1: the drill exits 1, the journal's
#     record says "fail", its reasons name the check (bad byte as U+FFFD)
#     and the journal verifies; check-config refuses the name (exit 2)
#   - a failing check whose UTF-8 name ("x" + 300 x "é") makes its reason
#     longer than 512 bytes (cut inside a character): exit 1, record "fail"
#   - a passing check whose output holds invalid bytes and is cut at 2 KiB
#     inside a two-byte character: exit 0, the record is there with valid
#     UTF-8 output of at most 2048 bytes, and the journal verifies
#   - the same output from a failing check: exit 1, record "fail"
#   - `run` of a profile whose failing check is named in Latin-1 and
#     prints those bytes: exit 1, the failure webhook is posted (valid
#     UTF-8 JSON naming the drill's exit 1) and journaled as sent

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile tx "$d"
expect_exit 0 "$RST" backup "$T/tx.conf"

# 2047 ASCII bytes, then "é" (2 bytes) across the 2048-byte cut, with an
# invalid byte and an ESC earlier on.
cat >"$T/out.sh" <<'SH'
printf 'bad \377 byte \033[2J '
i=0; while [ $i -lt 2031 ]; do printf a; i=$((i + 1)); done
printf '\303\251 and more after the cut\n'
exit "${1:-0}"
SH

drill_conf() {
	cp "$T/tx.conf" "$T/$1.conf"
	printf 'drill = { scratch_dir = "%s/scratch"; checks = ( %s ); };\n' \
		"$T" "$2" >>"$T/$1.conf"
}

last_record() {
	tail -n 1 "$T/state/journal/tx.jsonl" >"$T/last.json" ||
		fail "no journal"
}

# 1. A failing check named in Latin-1.
drill_conf latin "$(printf '{ name = "caf\351 check"; command = "false"; }')"
expect_exit 1 "$RST" drill "$T/latin.conf"
last_record
[ "$(json_get "$T/last.json" 'd["kind"]')" = drill ] || fail "last record is not the drill"
[ "$(json_get "$T/last.json" 'd["result"]')" = fail ] ||
	{ cat "$T/last.json"; fail "a failed check was journaled as $(json_get "$T/last.json" 'd["result"]')"; }
[ "$(json_get "$T/last.json" 'd["exit"]')" = 1 ] || fail "journal exit is not 1"
json_get "$T/last.json" 'd["data"]["checks"][0]["name"]' | grep -qx 'caf� check' ||
	{ cat "$T/last.json"; fail "check name not recorded with U+FFFD"; }
json_get "$T/last.json" '" ".join(d["data"]["reasons"])' | grep -q 'caf� check' ||
	{ cat "$T/last.json"; fail "reasons do not name the check"; }
expect_exit 0 "$RST" journal verify "$T/latin.conf"
expect_exit 2 "$RST" check-config "$T/latin.conf"
expect_stderr 'latin\.conf:[0-9]+: .*name is not valid UTF-8'

# 1b. A reason cut at 512 bytes, inside a two-byte character or not.
long=$(python3 -c 'print("x" + "\u00e9" * 300)')
drill_conf long "{ name = \"$long\"; command = \"false\"; }"
expect_exit 1 "$RST" drill "$T/long.conf"
last_record
[ "$(json_get "$T/last.json" 'd["result"]')" = fail ] ||
	{ cat "$T/last.json"; fail "a failed check with a long name was journaled as pass"; }
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$T/last.json" ||
	fail "the record is not valid UTF-8"
expect_exit 0 "$RST" journal verify "$T/long.conf"

# 2. A passing check with invalid UTF-8 output cut inside a character.
drill_conf cut "{ name = \"prints bytes\"; command = \"sh $T/out.sh 0\"; }"
lines=$(wc -l <"$T/state/journal/tx.jsonl")
expect_exit 0 "$RST" drill "$T/cut.conf"
[ "$(wc -l <"$T/state/journal/tx.jsonl")" = $((lines + 1)) ] || fail "drill record missing"
last_record
[ "$(json_get "$T/last.json" 'd["result"]')" = pass ] || fail "drill record is not pass"
python3 - "$T/last.json" <<'PY' || fail "check output not recorded as valid, cut UTF-8"
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")                      # strict: the line is valid UTF-8
out = json.loads(raw)["data"]["checks"][0]["output"]
b = out.encode("utf-8")
assert len(b) <= 2048, len(b)
assert out.startswith("bad \ufffd byte \x1b[2J "), out[:30]
assert "\u00e9" not in out and "after the cut" not in out, out[-20:]
PY
expect_exit 0 "$RST" journal verify "$T/cut.conf"

# 3. The same output from a failing check.
drill_conf cutfail "{ name = \"prints bytes\"; command = \"sh $T/out.sh 3\"; }"
expect_exit 1 "$RST" drill "$T/cutfail.conf"
last_record
[ "$(json_get "$T/last.json" 'd["result"]')" = fail ] || fail "failing drill record is not fail"
expect_exit 0 "$RST" journal verify "$T/cutfail.conf"

# 4. The failure notification of `run` survives the same text.
http_sink "$T/posts"
drill_conf runfail "$(printf '{ name = "caf\351 check"; command = "sh %s/out.sh 1"; }' "$T")"
printf 'schedule = { drill = "1s"; };\nnotify = { on = [ "failure" ]; webhook = "http://127.0.0.1:%s/hook"; };\n' \
	"$HTTP_SINK_PORT" >>"$T/runfail.conf"
# The drill schedule is 1s and the journal's times are whole seconds: let
# a second pass since the drills above, so this one is due.
sleep 1.2
expect_exit 1 "$RST" run "$T/runfail.conf"
[ -s "$T/posts/0001.body" ] || { show_last >&2; fail "the failure webhook was not posted"; }
python3 - "$T/posts/0001.body" <<'PY' || fail "the webhook body is not valid UTF-8 JSON naming the failed drill"
import json, sys
raw = open(sys.argv[1], "rb").read()
d = json.loads(raw.decode("utf-8"))
drills = [t for t in d["tasks"] if t["task"] == "drill"]
assert drills and drills[0]["exit"] == 1, d
assert drills[0]["checks"][0]["name"] == "caf\ufffd check", drills[0]["checks"]
PY
last_record
[ "$(json_get "$T/last.json" 'd["kind"]')" = notify ] || fail "the notification was not journaled"
[ "$(json_get "$T/last.json" 'd["result"]')" = pass ] || fail "the notification was journaled as failed"
exit 0
