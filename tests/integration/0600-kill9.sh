#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A backup killed with SIGKILL at any moment (after short delays; and when
# the index, the manifest or the signature appears, caught by a watcher)
# never leaves a half snapshot that counts: list shows only committed
# snapshots, each passing verify --deep; with none, verify latest is exit 1
# "no committed snapshot"; the leftovers and the dead run's lock do not
# stop the next backup, which commits exactly one new, sound snapshot.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d/a" "$d/b"
for i in 1 2 3 4 5 6; do
	head -c 5000000 /dev/urandom >"$d/a/r$i.bin"
	head -c 5000000 /dev/urandom >"$d/b/r$i.bin"
done
for i in $(seq 1 200); do echo "small $i" >"$d/s$i.txt"; done
PART_SIZE=1M mk_profile k9 "$d"

# check_state WHAT: the repository after a kill is consistent.
check_state() {
	local committed listed
	committed=$(committed_dirs k9)
	listed=$(snap_count "$T/k9.conf")
	[ "$listed" = "$committed" ] ||
		fail "$1: list shows $listed snapshot(s) but $committed folder(s) hold manifest.json.sig"
	if [ "$committed" = 0 ]; then
		expect_exit 1 "$RST" verify "$T/k9.conf"
		expect_stderr 'no committed snapshot'
		expect_exit 1 "$RST" verify "$T/k9.conf" latest
		expect_stderr 'no committed snapshot'
	else
		expect_exit 0 "$RST" verify --deep "$T/k9.conf" latest
	fi
}

early=0
for delay in 0.05 0.1 0.2 0.3 0.5 0.7; do
	"$RST" -q backup "$T/k9.conf" >"$T/bg.out" 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		note "killed after ${delay}s: $(committed_dirs k9) committed"
		case $delay in 0.05|0.1|0.2) [ "$(committed_dirs k9)" = 0 ] && early=$((early + 1)) ;; esac
	else
		wait "$pid"
		note "backup finished before ${delay}s (rc $?)"
	fi
	check_state "kill after ${delay}s"
done
[ "$early" -ge 1 ] || fail "no kill landed before a commit; the data set is too small for this machine"

# Kill the moment an object appears (the watcher polls the new snapshot
# folder and sends SIGKILL as soon as it sees the name, temp names too).
for obj in index.jsonl.zst manifest.json manifest.json.sig; do
	python3 - "$RST" "$T/k9.conf" "$T/repo/snapshots/k9" "$obj" <<'EOF' >"$T/watch.out" 2>&1 ||
import os, signal, subprocess, sys, time
rst, conf, snaps, obj = sys.argv[1:5]
before = set(os.listdir(snaps)) if os.path.isdir(snaps) else set()
p = subprocess.Popen([rst, "-q", "backup", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 120
seen = None
while p.poll() is None and time.time() < deadline:
    try:
        new = [d for d in os.listdir(snaps) if d not in before]
    except FileNotFoundError:
        new = []
    for d in new:
        try:
            names = os.listdir(os.path.join(snaps, d))
        except FileNotFoundError:
            continue
        if any(n == obj or n.startswith(obj + ".tmp-") for n in names):
            seen = sorted(names)
            break
    if seen is not None:
        p.send_signal(signal.SIGKILL)
        break
p.wait()
print("killed when %s appeared" % obj if seen is not None else "finished (rc %s) before %s was seen" % (p.returncode, obj))
EOF
		{ cat "$T/watch.out"; fail "watcher for $obj failed"; }
	note "$(cat "$T/watch.out"): $(committed_dirs k9) committed"
	check_state "kill at $obj"
done

# The next backup succeeds despite the leftovers (and the dead runs' lock)
# and adds exactly one sound snapshot.
before=$(committed_dirs k9)
expect_exit 0 "$RST" backup "$T/k9.conf"
[ "$(committed_dirs k9)" = $((before + 1)) ] || fail "the backup after the kills did not commit exactly one snapshot"
[ "$(snap_count "$T/k9.conf")" = $((before + 1)) ] || fail "list does not show exactly $((before + 1)) snapshot(s)"
expect_exit 0 "$RST" verify --deep "$T/k9.conf"
expect_exit 0 "$RST" restore "$T/k9.conf" latest --target "$T/target"
diff -r "$d" "$T/target$d" >/dev/null || fail "restore after the kills differs from the source"
# The newest committed snapshot is the one just made.
newest=$(basename "$(find "$T/repo/snapshots/k9" -mindepth 2 -maxdepth 2 -name manifest.json.sig -printf '%h\n' | sort | tail -n 1)")
expect_exit 0 "$RST" list "$T/k9.conf"
[ "$(grep -cE '^[0-9]{8}T' "$OUT")" = $((before + 1)) ] || { show_last; fail "list rows"; }
expect_exit 0 "$RST" --json list "$T/k9.conf"
[ "$(json_get "$OUT" 'd["snapshots"][-1]["snapshot"] if d["snapshots"] else ""')" = "$newest" ] ||
	[ "$(json_get "$OUT" 'd["snapshots"][0]["snapshot"]')" = "$newest" ] || { show_last; fail "list does not show the newest snapshot $newest"; }
exit 0
