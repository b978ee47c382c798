#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Prometheus textfile metrics (metrics_dir/restorable-NAME.prom, for
# node_exporter's textfile collector).
#
#   - after a backup and a drill (run --now, so the times are known), under
#     umask 077: metrics_dir is created 0755, the .prom file is 0644, no
#     temp file is left beside it, and it holds the six gauges, each with
#     HELP, TYPE and one sample labelled profile="NAME": last backup success
#     and last drill success times (= the --now time), the drill's RTO
#     (> 0), the stored size (= the journal's stored_bytes), the number of
#     snapshots (1) and the last exit code (0)
#   - a second day's backup: the backup time and the count move, the drill
#     time does not; a failing drill later: the last exit code is 1 and the
#     last drill success time and RTO stay those of the passing drill
#   - two profiles in one metrics_dir: two files, each with its own label
#   - `promtool check metrics` accepts every file (skip when promtool, from
#     Debian's prometheus package, is not installed; the other checks run
#     first)

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "health centre records" >"$d/records.txt"
M=$T/m/sub/metrics

# profile NAME CHECK_COMMAND: daily backups, weekly drills, metrics in $M.
profile() {
	mk_profile "$1" "$d"
	cat >>"$T/$1.conf" <<EOF
metrics_dir = "$M";
schedule = { backup = "1d"; drill = "7d"; };
drill = { scratch_dir = "$T/scratch";
  checks = ( { name = "probe"; command = "$2"; timeout = "10s"; } ); };
EOF
}
profile hc true
sed 's|command = "true"|command = "false"|' "$T/hc.conf" >"$T/hc-failing.conf"
profile mail true

epoch() { date -u -d "$1" +%s; }
T1=2026-12-01T02:00:00Z
T2=2026-12-02T02:00:00Z
T3=2026-12-09T02:00:00Z

# metrics FILE PROFILE: check the exposition format of FILE (every sample
# of a restorable_* gauge with HELP and TYPE, labelled profile="PROFILE")
# and print "name value" lines.
metrics() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
path, profile = sys.argv[1], sys.argv[2]
helps, types, samples = set(), {}, {}
for n, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
    if line == "":
        continue
    m = re.fullmatch(r"# HELP (\w+) \S.*", line)
    if m:
        helps.add(m.group(1))
        continue
    m = re.fullmatch(r"# TYPE (\w+) (\w+)", line)
    if m:
        types[m.group(1)] = m.group(2)
        continue
    m = re.fullmatch(r'(restorable_\w+)\{profile="([^"]*)"\} (\S+)', line)
    if not m:
        sys.exit("%s:%d: not a labelled restorable sample: %r" % (path, n, line))
    name, label, value = m.groups()
    if label != profile:
        sys.exit("%s:%d: profile label %r, want %r" % (path, n, label, profile))
    if name in samples:
        sys.exit("%s:%d: %s twice" % (path, n, name))
    float(value)
    samples[name] = value
for name in samples:
    if name not in helps or types.get(name) != "gauge":
        sys.exit("%s: %s lacks HELP or TYPE gauge" % (path, name))
for name, value in sorted(samples.items()):
    print(name, value)
EOF
}

# metric NAME: the value of NAME in $MV (the output of metrics).
metric() {
	awk -v n="$1" '$1 == n { print $2 }' <<<"$MV"
}

# num_eq A B: A and B are the same number.
num_eq() {
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) == float(sys.argv[2]) else 1)' "$1" "$2"
}

SIX="restorable_backup_size_bytes restorable_drill_rto_seconds
restorable_last_backup_success_timestamp_seconds restorable_last_drill_success_timestamp_seconds
restorable_last_run_exit_code restorable_snapshots"

note "backup and drill at $T1, umask 077"
(umask 077 && "$RST" run --now "$T1" "$T/hc.conf" >"$OUT" 2>"$ERR" </dev/null) ||
	{ show_last >&2; fail "run --now $T1 failed"; }
F=$M/restorable-hc.prom
[ -f "$F" ] || fail "no $F"
[ "$(stat -c %a "$F")" = 644 ] || fail "$F has mode $(stat -c %a "$F"), want 644"
[ "$(stat -c %a "$M")" = 755 ] || fail "$M has mode $(stat -c %a "$M"), want 755"
left=$(find "$M" -mindepth 1 ! -name 'restorable-*.prom')
[ -z "$left" ] || fail "files left in metrics_dir: $left"
MV=$(metrics "$F" hc) || fail "bad metrics file $F"
[ "$(awk '{ print $1 }' <<<"$MV" | tr '\n' ' ')" = "$(echo $SIX) " ] ||
	fail "metrics are [$(awk '{ print $1 }' <<<"$MV" | tr '\n' ' ')], want [$(echo $SIX)]"
num_eq "$(metric restorable_last_backup_success_timestamp_seconds)" "$(epoch $T1)" ||
	fail "last backup success $(metric restorable_last_backup_success_timestamp_seconds), want $(epoch $T1)"
num_eq "$(metric restorable_last_drill_success_timestamp_seconds)" "$(epoch $T1)" ||
	fail "last drill success $(metric restorable_last_drill_success_timestamp_seconds), want $(epoch $T1)"
rto=$(metric restorable_drill_rto_seconds)
python3 -c 'import sys; sys.exit(0 if 0 < float(sys.argv[1]) < 60 else 1)' "$rto" || fail "drill RTO $rto"
stored=$(python3 -c '
import json, sys
print([r for r in map(json.loads, open(sys.argv[1], "rb")) if r["kind"] == "backup"][-1]["data"]["stored_bytes"])' \
	"$T/state/journal/hc.jsonl")
num_eq "$(metric restorable_backup_size_bytes)" "$stored" ||
	fail "backup size $(metric restorable_backup_size_bytes), journal stored_bytes $stored"
num_eq "$(metric restorable_snapshots)" 1 || fail "snapshots $(metric restorable_snapshots), want 1"
num_eq "$(metric restorable_last_run_exit_code)" 0 || fail "last exit $(metric restorable_last_run_exit_code), want 0"

note "a second day's backup"
expect_exit 0 "$RST" run --now "$T2" "$T/hc.conf"
MV=$(metrics "$F" hc) || fail "bad metrics file $F"
num_eq "$(metric restorable_last_backup_success_timestamp_seconds)" "$(epoch $T2)" ||
	fail "day 2: last backup success $(metric restorable_last_backup_success_timestamp_seconds), want $(epoch $T2)"
num_eq "$(metric restorable_last_drill_success_timestamp_seconds)" "$(epoch $T1)" ||
	fail "day 2: last drill success moved to $(metric restorable_last_drill_success_timestamp_seconds)"
num_eq "$(metric restorable_snapshots)" 2 || fail "day 2: snapshots $(metric restorable_snapshots), want 2"

note "a failing drill"
expect_exit 1 "$RST" run --now "$T3" "$T/hc-failing.conf"
MV=$(metrics "$F" hc) || fail "bad metrics file $F"
num_eq "$(metric restorable_last_run_exit_code)" 1 ||
	fail "after a failing drill: last exit $(metric restorable_last_run_exit_code), want 1"
num_eq "$(metric restorable_last_drill_success_timestamp_seconds)" "$(epoch $T1)" ||
	fail "a failing drill moved the last drill success to $(metric restorable_last_drill_success_timestamp_seconds)"
num_eq "$(metric restorable_drill_rto_seconds)" "$rto" ||
	fail "a failing drill changed the RTO gauge from $rto to $(metric restorable_drill_rto_seconds)"
num_eq "$(metric restorable_last_backup_success_timestamp_seconds)" "$(epoch $T3)" ||
	fail "day 9: last backup success $(metric restorable_last_backup_success_timestamp_seconds), want $(epoch $T3)"
[ "$(stat -c %a "$F")" = 644 ] || fail "$F has mode $(stat -c %a "$F") after a rewrite"

note "a second profile"
expect_exit 0 "$RST" run --now "$T1" "$T/mail.conf"
[ -f "$M/restorable-mail.prom" ] || fail "no $M/restorable-mail.prom"
metrics "$M/restorable-mail.prom" mail >/dev/null || fail "bad metrics file $M/restorable-mail.prom"
metrics "$F" hc >/dev/null || fail "the second profile broke $F"
[ "$(find "$M" -mindepth 1 | wc -l)" -eq 2 ] || fail "metrics_dir holds $(ls -A "$M")"

command -v promtool >/dev/null 2>&1 || skip "promtool is not installed (Debian package prometheus); every other check passed"
for f in "$M"/*.prom; do
	promtool check metrics <"$f" >"$T/promtool.out" 2>&1 ||
		{ cat "$T/promtool.out" "$f" >&2; fail "promtool check metrics rejects $f"; }
done
exit 0
