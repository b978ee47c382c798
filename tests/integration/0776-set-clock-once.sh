#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A clock set with --now is set once for the whole command: a snapshot id
# that must move past a newest snapshot of the same second does not move
# the clock itself.
#
#   - run --now T of a profile whose backup committed but failed (its
#     post_backup hook fails): the next run --now T backs up again, the new
#     id is named a second after T (ids unique and ordered), and every
#     record of that run, the backup's included, says ts T
#   - in the same run, a second profile is backed up at T: its id and its
#     records are on T, not on a clock an earlier profile moved
#   - journal verify passes for both
#   - a --now past 2261 (nanoseconds no longer fit in 64 bits) is exit 2

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
C=$T/conf
mkdir -p "$d" "$C/profiles"
echo "minutes" >"$d/minutes.txt"
ensure_keys

# prof NAME EXTRA: CONFDIR/profiles/NAME.conf with a daily backup.
prof() {
	cat >"$C/profiles/$1.conf" <<EOF
name = "$1";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1d"; };
$2
EOF
}
prof a 'hooks = { post_backup = "exit 1"; };'
prof b ''

NOW=2026-12-05T02:00:00Z
NEXT=20261205T020001Z

note "a backup committed, then failed: due again at the same --now"
expect_exit 1 "$RST" -c "$C" run --now "$NOW" a
[ "$(ls "$T/repo/snapshots/a")" ] || fail "test setup: no snapshot of a"
expect_exit 1 "$RST" -c "$C" run --now "$NOW"
ids=$(ls "$T/repo/snapshots/a" | tr '\n' ' ')
case $ids in
20261205T020000Z-??????" $NEXT"-??????" ") ;;
*) fail "snapshots of a: $ids (want one at 02:00:00, one at 02:00:01)" ;;
esac
[ "$(ls "$T/repo/snapshots/b")" ] || fail "b was not backed up"
case $(ls "$T/repo/snapshots/b") in
20261205T020000Z-??????) ;;
*) fail "snapshot of b not on the --now clock: $(ls "$T/repo/snapshots/b")" ;;
esac

note "every record of both runs is on --now, set once"
python3 - "$T/state/journal/a.jsonl" "$T/state/journal/b.jsonl" "$NOW" <<'EOF' || fail "records not on the --now clock"
import json, sys
want = sys.argv[3]
for path in sys.argv[1:3]:
    recs = [json.loads(l) for l in open(path, encoding="utf-8")]
    assert recs, path
    for r in recs:
        assert r["ts"] == want, (path, r["kind"], r["ts"])
        assert r.get("clock") == "set", (path, r["kind"])
backups = [r for r in (json.loads(l) for l in open(sys.argv[1]))
           if r["kind"] == "backup"]
assert [b["data"]["snapshot"][:16] for b in backups] == \
    ["20261205T020000Z", "20261205T020001Z"], backups
EOF
expect_exit 0 "$RST" -c "$C" journal verify a
expect_exit 0 "$RST" -c "$C" journal verify b

note "a --now past what the clock holds (2261) is refused, nothing done"
before=$(ls "$T/repo/snapshots/b" | wc -l)
for cmd in run prune; do
	expect_exit 2 "$RST" -c "$C" $cmd --now 2999-06-01T00:00:00Z b
	grep -q "not between 1970 and 2261" "$ERR" ||
		fail "$cmd --now 2999: $(cat "$ERR")"
done
[ "$(ls "$T/repo/snapshots/b" | wc -l)" = "$before" ] ||
	fail "a refused --now still backed up"
exit 0
