#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The newest snapshot is the newest committed one whose manifest verifies
# with the profile's key: folders planted in the repository never steer
# retention, "latest" or new ids.
#
#   - three junk folders dated 2099 holding an object named
#     manifest.json.sig (and a junk manifest) next to three genuine
#     snapshots, keep_last = 2: prune removes only the oldest genuine
#     snapshot, keeps the two newest genuine ones and every junk folder,
#     names the junk on stderr and in --json "unverified", and exits 4; the
#     prune record lists them (result fail, exit 4); list exits 4 and
#     still shows the genuine snapshots
#   - verify latest checks the newest genuine snapshot, then exits 4 for
#     the newer junk
#   - the next backup's id is dated now, not after 2099; an uncommitted
#     far-future folder (29991231T235950Z-ffffff, a part but no manifest)
#     does not steer it either
#   - a genuine snapshot dated in 2099 (made with run --now): list shows it
#     "DATED IN THE FUTURE" (--json "future": true) and verify warns; the
#     report after a backup named after it (a clock behind: ids must sort
#     after it) shows the exception snapshot_in_future, a negative RPO that
#     is not within target, the reason rpo_negative, and exits 1

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "ledger" >"$d/ledger.txt"
head -c 3000 /dev/urandom >"$d/scan.bin"

mk_profile nv "$d"
cat >>"$T/nv.conf" <<EOF
schedule = { backup = "1d"; };
retention = { keep_last = 2; };
drill = { scratch_dir = "$T/scratch"; };
EOF
P=$T/nv.conf
J=$T/state/journal/nv.jsonl
for i in 1 2 3; do
	expect_exit 0 "$RST" run --now "2026-12-0${i}T02:00:00Z" "$P"
done
mapfile -t GOOD < <(ls "$T/repo/snapshots/nv")
[ "${#GOOD[@]}" -eq 3 ] || fail "test setup: ${#GOOD[@]} snapshots"

# junk ID: a committed-looking folder whose manifest does not verify.
junk() {
	local dir=$T/repo/snapshots/nv/$1
	mkdir -p "$dir" || fail "test setup: mkdir $dir"
	printf '{"junk":true}\n' >"$dir/manifest.json"
	head -c 64 /dev/urandom >"$dir/manifest.json.sig"
	cp "$T/repo/snapshots/nv/${GOOD[2]}/index.jsonl.zst" "$dir/" ||
		fail "test setup: cp"
}
JUNK=(20990101T000000Z-aaaaa1 20990101T000001Z-aaaaa2 20990101T000002Z-aaaaa3)
for j in "${JUNK[@]}"; do
	junk "$j"
done

note "list: the junk is an integrity finding, the genuine snapshots are listed"
expect_exit 4 "$RST" list "$P"
for id in "${GOOD[@]}"; do
	expect_stdout "^$id "
done
expect_stderr "${JUNK[0]}/manifest.json.sig: .*(does not verify|not by this)"

note "verify latest checks the newest genuine snapshot, and fails on the junk"
expect_exit 4 "$RST" --json verify "$P"
[ "$(json_get "$OUT" 'd["snapshot"], d["parts_checked"] > 0')" = "('${GOOD[2]}', True)" ] ||
	{ show_last >&2; fail "verify latest checked $(json_get "$OUT" 'd["snapshot"]'), want ${GOOD[2]}"; }
expect_stderr "${JUNK[2]}.*not taken as the newest snapshot"
expect_stderr "${JUNK[2]}/manifest.json.sig: .* \(newer than ${GOOD[2]}, the latest snapshot that verifies\)"
# The finding's reason names the folder's object, as for restore and ls.
[ "$(json_get "$OUT" 'd["reason"]["code"], d["reason"]["args"].get("object")')" = "('integrity_mismatch', 'snapshots/nv/${JUNK[2]}/manifest.json')" ] ||
	{ show_last >&2; fail "verify latest: reason $(json_get "$OUT" 'd.get("reason")')"; }
expect_exit 0 "$RST" verify "$P" "${GOOD[2]}"

note "prune: retention over the verified snapshots only, junk left in place"
expect_exit 4 "$RST" --json prune --now 2026-12-03T03:00:00Z "$P"
expect_stderr "3 committed snapshot folders whose manifest does not verify"
[ "$(json_get "$OUT" '" ".join(d["removed"])')" = "${GOOD[0]}" ] ||
	{ show_last >&2; fail "prune removed $(json_get "$OUT" 'd["removed"]'), want ${GOOD[0]} only"; }
[ "$(json_get "$OUT" '" ".join(d["kept"])')" = "${GOOD[1]} ${GOOD[2]}" ] ||
	{ show_last >&2; fail "prune --json kept list"; }
[ "$(json_get "$OUT" '" ".join(d["unverified"])')" = "${JUNK[*]}" ] ||
	{ show_last >&2; fail "prune --json unverified list"; }
left=$(ls "$T/repo/snapshots/nv" | tr '\n' ' ' | sed 's/ $//')
[ "$left" = "${GOOD[1]} ${GOOD[2]} ${JUNK[*]}" ] ||
	fail "after prune: $left, want ${GOOD[1]} ${GOOD[2]} ${JUNK[*]}"
python3 - "$J" "${JUNK[@]}" <<'EOF' || fail "prune record: $(tail -n 1 "$J")"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
assert (r["kind"], r["result"], r["exit"]) == ("prune", "fail", 4), r
assert r["data"]["unverified"] == sys.argv[2:], r["data"]
EOF
for id in "${GOOD[1]}" "${GOOD[2]}"; do
	expect_exit 0 "$RST" verify --deep "$P" "$id"
done

note "new ids: neither junk nor an uncommitted far-future folder steers them"
mkdir -p "$T/repo/snapshots/nv/29991231T235950Z-ffffff"
cp "$T/repo/snapshots/nv/${GOOD[2]}"/stream.pax.zst.* "$T/repo/snapshots/nv/29991231T235950Z-ffffff/" ||
	fail "test setup: uncommitted folder"
today=$(date -u +%Y%m%d)
expect_exit 0 "$RST" --json backup "$P"
id=$(json_get "$OUT" 'd["snapshot"]')
case $id in
"$today"T*|"$(date -u -d '+1 min' +%Y%m%d)"T*) ;;
*) show_last >&2; fail "new snapshot id $id is not dated today ($today)" ;;
esac
expect_exit 4 "$RST" verify "$P" latest
expect_stderr "snapshot $id verified"

# --- a genuine snapshot dated in the future -----------------------------------
note "a verified snapshot dated in 2099"
confdir_profile fu "$d" <<EOF
part_size = "1M";
schedule = { backup = "1d"; };
drill = { scratch_dir = "$T/scratch"; rpo_target = "26h"; rto_target = "1h"; };
EOF
F=$T/conf/profiles/fu.conf
sed -i "s|$T/repo|$T/repo-fu|; s|$T/state|$T/state-fu|" "$F"
expect_exit 0 "$RST" run --now 2099-06-01T00:00:00Z "$F"
fut=$(ls "$T/repo-fu/snapshots/fu")
expect_exit 0 "$RST" list "$F"
expect_stdout "^$fut .*DATED IN THE FUTURE"
expect_stderr "snapshot $fut is dated more than a day in the future"
expect_exit 0 "$RST" --json list "$F"
[ "$(json_get "$OUT" 'd["snapshots"][0]["future"]')" = True ] ||
	{ show_last >&2; fail "list --json does not mark $fut as future"; }
expect_exit 0 "$RST" --json verify "$F"
[ "$(json_get "$OUT" 'd["future"]')" = True ] || { show_last >&2; fail "verify --json future"; }
expect_stderr "snapshot $fut is dated more than a day in the future"
# A backup on the real clock is named after it (ids sort), journaled now.
expect_exit 0 "$RST" --json backup "$F"
skewed=$(json_get "$OUT" 'd["snapshot"]')
case $skewed in 2099*) ;; *) fail "backup after $fut named $skewed" ;; esac
expect_exit 0 "$RST" drill "$F" "$skewed"
expect_exit 1 "$RST" -c "$T/conf" report --format json --out "$T/fu.json" fu
schema_check "$T/fu.json"
python3 - "$T/fu.json" "$skewed" <<'EOF' || fail "report on a snapshot dated in the future"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
codes = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert codes == ["rpo_negative"], codes
assert p["verdict"]["restorable"] is False
assert p["rpo"]["within_target"] is False and p["rpo"]["seconds"] < 0, p["rpo"]
ex = [(e["code"], e.get("snapshot")) for e in p["exceptions"]]
assert ("snapshot_in_future", sys.argv[2]) in ex, ex
EOF
expect_exit 1 "$RST" -c "$T/conf" report --format md --out "$T/fu.md" fu
grep -q "snapshot $skewed is dated more than a day after this report was made" "$T/fu.md" ||
	fail "the Markdown report does not show the future snapshot"
grep -q "is dated after .*its RPO is never within target" "$T/fu.md" ||
	fail "the Markdown report does not give the rpo_negative reason"

expect_exit 0 "$RST" journal verify "$P"
exit 0
