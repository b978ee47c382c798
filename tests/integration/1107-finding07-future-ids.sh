#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Finding 7 of the attack review: an uncommitted far-future folder
# (29991231T235950Z-ffffff/) steered every later snapshot id; RPO then went
# negative and counted as within target, and the report said restorable
# while every backup failed.
#
# - The planted folder (parts, no manifest.json.sig) does not steer ids:
#   the next backup is dated today, list does not show the folder.
# - A snapshot id later than now + 1 day (a genuine snapshot made with
#   run --now 2099-06-01T00:00:00Z) is an exception: list marks it "DATED
#   IN THE FUTURE" (--json "future": true), verify warns (--json
#   "future": true).
# - The report, with a snapshot named after it (a backup on the real
#   clock, drilled) as the newest and the backups after it failing (their
#   pre_backup hook fails): a negative RPO is never within target: not
#   restorable (exit 1), reason rpo_negative, exception
#   snapshot_in_future.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "registry" >"$d/registry.txt"
confdir_profile f7 "$d" <<EOF
part_size = "1M";
schedule = { backup = "1d"; };
drill = { scratch_dir = "$T/scratch"; rpo_target = "26h"; rto_target = "1h"; };
EOF
P=$T/conf/profiles/f7.conf
S=$T/repo/snapshots/f7
expect_exit 0 "$RST" backup "$P"
first=$(ls "$S")

# The planted uncommitted far-future folder.
F=$S/29991231T235950Z-ffffff
mkdir -p "$F"
cp "$S/$first"/stream.pax.zst.* "$S/$first/index.jsonl.zst" "$F/" || fail "test setup: planted folder"
expect_exit 0 "$RST" --json backup "$P"
id=$(json_get "$OUT" 'd["snapshot"]')
case $id in
"$(date -u +%Y%m%d)"T*|"$(date -u -d '+1 min' +%Y%m%d)"T*) ;;
*) show_last >&2; fail "the backup after the planted folder is named $id, not dated today" ;;
esac
expect_exit 0 "$RST" list "$P"
grep -q 29991231T235950Z "$OUT" && fail "list shows the uncommitted folder"
echo "uncommitted 29991231T235950Z-ffffff: the next id is $id"
rm -rf "$F"

# A genuine snapshot dated in 2099.
expect_exit 0 "$RST" run --now 2099-06-01T00:00:00Z "$P"
fut=$(ls "$S" | tail -n 1)
case $fut in 2099*) ;; *) fail "run --now 2099 made $fut" ;; esac
expect_exit 0 "$RST" list "$P"
expect_stdout "^$fut .*DATED IN THE FUTURE"
expect_stderr "snapshot $fut is dated more than a day in the future"
expect_exit 0 "$RST" --json list "$P"
[ "$(json_get "$OUT" '[s["future"] for s in d["snapshots"] if s["snapshot"] == "'"$fut"'"]')" = "[True]" ] ||
	{ show_last >&2; fail "list --json does not mark $fut as future"; }
expect_exit 0 "$RST" --json verify "$P" "$fut"
[ "$(json_get "$OUT" 'd["future"]')" = True ] || { show_last >&2; fail "verify --json future"; }
expect_stderr "snapshot $fut is dated more than a day in the future"

# A backup on the real clock is named after it (ids sort) and drilled.
expect_exit 0 "$RST" --json backup "$P"
skewed=$(json_get "$OUT" 'd["snapshot"]')
case $skewed in 2099*) ;; *) fail "the backup after $fut is named $skewed" ;; esac
expect_exit 0 "$RST" drill "$P" "$skewed"
# Every backup on the real clock fails from now on.
echo 'hooks = { pre_backup = "exit 3"; };' >>"$P"
expect_exit 1 "$RST" backup "$P"
expect_exit 1 "$RST" backup "$P"
expect_exit 1 "$RST" -c "$T/conf" report --format json --out "$T/f7.json" f7
python3 - "$T/f7.json" "$skewed" <<'EOF' || fail "report with a snapshot dated 2099 and failing backups"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["verdict"]["restorable"] is False, p["verdict"]
codes = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert "rpo_negative" in codes, codes
assert p["rpo"]["within_target"] is False, p["rpo"]
ex = [(e["code"], e.get("snapshot")) for e in p["exceptions"]]
assert ("snapshot_in_future", sys.argv[2]) in ex, ex
assert p["rpo"]["seconds"] < 0, p["rpo"]
EOF
echo "snapshot $fut: listed and verified as dated in the future; report: not restorable (rpo_negative), exit 1"
