#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Progress people can plan with (RESTORABLE_PROGRESS_INTERVAL makes the
# lines come every 20 ms, so a small data set gives many):
#   - --progress=json on backup, restore and drill: every stderr line is
#     JSON; progress lines have phase, bytes_done, bytes_total, files_done,
#     files_total, seconds_remaining; bytes_done never goes back; the last
#     one is 100% (phase "done"); messages are {level, msg}
#   - restore and drill count against the manifest's totals from their
#     first line; drill goes through extract, rehash and checks; a
#     restore of patterns counts against what its plan selected
#   - a second backup counts against the first one's totals, marked as an
#     estimate; the final summary names files, size and parts
#   - an error under --progress=json is a JSON line, with the same exit
#   - without a terminal and without --progress=json: no progress at all;
#     on a terminal (script(1)): a percentage and an ETA
#   - a pre_backup hook's output arrives as messages
#   - --progress=bogus: exit 2

. "$(dirname "$0")/lib.sh"
need python3

export RESTORABLE_PROGRESS_INTERVAL=0.02
d=$T/data
mkdir -p "$d/sub"
for i in $(seq 1 12); do
	head -c 2000000 /dev/urandom >"$d/big$i"
done
for i in $(seq 1 30); do echo "small $i" >"$d/sub/s$i.txt"; done
BYTES=$(find "$d" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
FILES=$(find "$d" -type f | wc -l)
mk_profile prog "$d"
echo "drill = { scratch_dir = \"$T/scratch\"; };" >>"$T/prog.conf"
echo 'hooks = { pre_backup = "echo dump ready; echo dump warns >&2"; };' >>"$T/prog.conf"

# check_lines FILE PHASES BYTES FILES ESTIMATE: every line of FILE is a JSON
# object, progress lines carry every field, bytes_done is monotone, at least
# three progress lines, the phases seen are PHASES (in order, "," between),
# totals BYTES and FILES on every progress line but the last ("-": not
# checked), ESTIMATE the estimate flag of all but the last, and the last
# progress line is phase "done" at 100%.
check_lines() {
	python3 - "$@" <<'PYEOF'
import json, sys
path, phases, tb, tf, est = sys.argv[1:6]
prog, logs = [], []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        o = json.loads(line)
    except ValueError:
        sys.exit("line %d is not JSON: %r" % (n, line))
    assert isinstance(o, dict), line
    if "phase" in o:
        for k in ("phase", "bytes_done", "bytes_total", "files_done",
                  "files_total", "seconds_remaining"):
            assert k in o, (k, line)
        prog.append(o)
    else:
        assert set(o) == {"level", "msg"}, line
        logs.append(o)
assert len(prog) >= 4, "only %d progress lines" % len(prog)
done = [p["bytes_done"] for p in prog]
assert done == sorted(done), "bytes_done goes back: %r" % done
seen = []
for p in prog:
    if not seen or seen[-1] != p["phase"]:
        seen.append(p["phase"])
assert ",".join(seen) == phases, seen
for p in prog[:-1]:
    if tb != "-":
        assert p["bytes_total"] == int(tb), p
        assert p["files_total"] == int(tf), p
    assert p["estimate"] == (est == "true"), p
    r = p["seconds_remaining"]
    assert r is None or (isinstance(r, int) and r >= 0), p
last = prog[-1]
assert last["phase"] == "done", last
assert last["bytes_done"] == last["bytes_total"] > 0, last
assert last["files_done"] == last["files_total"] > 0, last
assert last["seconds_remaining"] == 0, last
if tb != "-":
    assert last["bytes_total"] == int(tb) and last["files_total"] == int(tf), last
assert any(l["level"] == "info" for l in logs), logs
PYEOF
}

note "backup"
expect_exit 0 "$RST" --progress=json backup "$T/prog.conf"
cp "$ERR" "$T/b1"
check_lines "$T/b1" backup,done - - false || fail "backup --progress=json: $(head -c 2000 "$T/b1")"
python3 - "$T/b1" "$BYTES" "$FILES" <<'PYEOF' || fail "backup's last line or summary is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
prog = [l for l in lines if "phase" in l]
assert prog[-1]["bytes_done"] == int(sys.argv[2]) and prog[-1]["files_done"] == int(sys.argv[3]), prog[-1]
msgs = [l["msg"] for l in lines if "level" in l]
assert any(" committed: %s files, " % sys.argv[3] in m and " parts, " in m for m in msgs), msgs
# The hook's output (stdout and stderr) arrives as messages, not raw text.
assert "pre_backup hook: dump ready" in msgs and "pre_backup hook: dump warns" in msgs, msgs
PYEOF

note "a second backup: an estimate from the first"
expect_exit 0 "$RST" --progress=json backup "$T/prog.conf"
check_lines "$ERR" backup,done "$BYTES" "$FILES" true || fail "second backup: $(head -c 2000 "$ERR")"

note "restore"
expect_exit 0 "$RST" --progress=json restore "$T/prog.conf" latest --target "$T/out"
check_lines "$ERR" restore,done "$BYTES" "$FILES" false || fail "restore: $(head -c 2000 "$ERR")"
same_tree "$d" "$T/out$d" || fail "the restore differs"

note "a restore of patterns counts against its plan's totals"
SUBBYTES=$(find "$d/sub" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
expect_exit 0 "$RST" --progress=json restore "$T/prog.conf" latest --target "$T/part" '*/sub/*'
python3 - "$ERR" "$SUBBYTES" <<'PYEOF' || fail "partial restore: $(head -c 2000 "$ERR")"
import json, sys
prog = [o for o in map(json.loads, open(sys.argv[1])) if "phase" in o]
assert prog, "no progress line"
for p in prog:
    assert p["bytes_total"] == int(sys.argv[2]) and p["files_total"] == 30, p
assert prog[-1]["phase"] == "done" and prog[-1]["bytes_done"] == int(sys.argv[2]), prog[-1]
PYEOF

note "drill"
expect_exit 0 "$RST" --progress=json drill "$T/prog.conf"
check_lines "$ERR" extract,rehash,checks,done "$BYTES" "$FILES" false || fail "drill: $(head -c 2000 "$ERR")"

note "an error is a JSON line too"
expect_exit 2 "$RST" --progress=json restore "$T/prog.conf" latest
python3 - "$ERR" <<'PYEOF' || fail "the error under --progress=json: $(cat "$ERR")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert lines and all(set(l) == {"level", "msg"} for l in lines), lines
assert any(l["level"] == "error" and "--target" in l["msg"] for l in lines), lines
PYEOF
expect_exit 2 "$RST" --progress=bogus list "$T/prog.conf"
expect_stderr 'progress: expected json, auto or none'

note "no terminal: no progress"
rm -rf "$T/out"
expect_exit 0 "$RST" restore "$T/prog.conf" latest --target "$T/out"
if grep -qE 'ETA|%|\{' "$ERR" || tr -d '\n' <"$ERR" | grep -q $'\r'; then
	fail "progress without a terminal: $(cat -v "$ERR")"
fi

note "a terminal: percentage and ETA"
need script
rm -rf "$T/out"
script -qec "'$RST' restore '$T/prog.conf' latest --target '$T/out'" /dev/null >"$T/tty" </dev/null ||
	fail "restore under script(1) failed: $(cat -v "$T/tty")"
grep -qE 'restore: [0-9.]+ [KMG]?i?B of [0-9.]+ MiB \([0-9]+%\), [0-9]+ of '"$FILES"' files' "$T/tty" ||
	fail "no percentage on the terminal: $(cat -v "$T/tty" | head -c 1500)"
grep -qE ', ETA (<1|[0-9]+)s' "$T/tty" || fail "no ETA on the terminal: $(cat -v "$T/tty" | head -c 1500)"
grep -q 'restored: '"$FILES"' files' "$T/tty" || fail "no summary after the progress line"
exit 0
