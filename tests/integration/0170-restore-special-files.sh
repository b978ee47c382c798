#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A validly signed snapshot (forge.py, signed with the profile's key) never
# makes restore or drill create special files or privileges:
#   - a character device, a block device, a FIFO (the index calls each a
#     plain file): restore and drill exit 4, nothing special is created,
#     the drill's sandbox is removed;
#   - a stream entry the index does not list, a symlink the index calls a
#     file, a hard link whose stream entry carries data or that names
#     itself: exit 4;
#   - setuid/setgid files: restored without the bits (with them under
#     restore --keep-setid); drills always strip them;
#   - security.capability and trusted.* xattrs: dropped (user.* kept);
#   - immutable file flags on a file and a folder: never set, so the drill
#     sandbox is removed and a restored tree can be deleted.
# Run as root this is the real threat (mknod, setcap, chattr work); as
# another user restore must still exit 4 for the special files.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

forge_fixture sp
good_s=$(date -u -d "${gt:0:4}-${gt:4:2}-${gt:6:2}T${gt:9:2}:${gt:11:2}:${gt:13:2}Z" +%s) ||
	fail "cannot read the time of snapshot $good"

# forge_case CASE: a new signed snapshot of CASE; prints its id.
forge_case() {
	local id sd n
	n=$(find "$T/repo/snapshots/sp" -mindepth 1 -maxdepth 1 | wc -l)
	id=$(date -u -d "@$((good_s + n))" +%Y%m%dT%H%M%SZ)-$(printf '%06x' $((0xb00000 + n)))
	sd=$T/repo/snapshots/sp/$id
	python3 "$forge" --case "$1" --outside "$T/outside" --template "$template" \
		--key "$T/keys/signing.pem" --snapdir "$sd" >"$T/forge.out" 2>&1 ||
		{ cat "$T/forge.out" >&2; fail "$1: forge.py failed"; }
	echo "$id"
}

# no_special DIR: nothing but files, folders and symlinks below DIR.
no_special() {
	local odd
	odd=$(find "$1" \( -type b -o -type c -o -type p -o -type s \) -print 2>/dev/null)
	[ -z "$odd" ] || fail "special files created: $odd"
}

scratch_empty() {
	[ -z "$(ls -A "$T/scratch" 2>/dev/null)" ] || { ls -la "$T/scratch"; fail "$1: drill sandbox left behind"; }
}

last_rec() {
	python3 - "$T/state/journal/sp.jsonl" "$1" <<'EOF'
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
print(eval(sys.argv[2]))
EOF
}

# --- special files and entries the index does not admit: exit 4 ---------------
for c in chardev blockdev fifo unlisted type-mismatch hardlink-data hardlink-self; do
	id=$(forge_case "$c")
	expect_exit 0 "$RST" verify "$T/sp.conf" "$id"
	expect_exit 4 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-$c"
	case $c in
	chardev) expect_stderr 'refusing ok/null: a character device' ;;
	blockdev) expect_stderr 'refusing ok/sda: a block device' ;;
	fifo) expect_stderr 'refusing ok/fifo: a FIFO' ;;
	unlisted) expect_stderr 'refusing ok/unlisted: not in the signed index' ;;
	type-mismatch) expect_stderr 'refusing ok/x: a symlink in the stream, a file in the signed index' ;;
	hardlink-data) expect_stderr 'refusing hardlink ok/b: it carries data' ;;
	hardlink-self) expect_stderr 'refusing hardlink ok/a: it names itself'
		# with --overwrite too, and no temporary name is left behind
		expect_exit 4 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-$c" --overwrite
		expect_stderr 'refusing hardlink ok/a: it names itself'
		[ -z "$(find "$T/t-$c" -name '.restorable-tmp-*')" ] || fail "$c: temporary name left" ;;
	esac
	no_special "$T/t-$c"
	[ -e "$T/t-$c/ok/unlisted" ] && fail "$c: the unlisted file was written"
	[ -L "$T/t-$c/ok/x" ] && fail "$c: the mistyped symlink was written"
	[ -e "$T/t-$c/ok/b" ] && fail "$c: the hard link carrying data was written"
	# The benign file before it is there, and verified.
	[ "$(cat "$T/t-$c/ok/benign.txt")" = benign ] || fail "$c: benign file missing"
	expect_exit 4 "$RST" drill "$T/sp.conf" "$id"
	[ "$(last_rec '(r["kind"], r["result"], r["exit"])')" = "('drill', 'fail', 4)" ] ||
		fail "$c: drill journaled $(last_rec 'r')"
	no_special "$T/scratch"
	scratch_empty "$c"
	note "$c: refused by restore and drill"
done

# --- set-id bits ---------------------------------------------------------------
id=$(forge_case setuid)
expect_exit 0 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-suid"
expect_stderr 'set-user-id and set-group-id bits stripped from 2 entries'
[ "$(stat -c %a "$T/t-suid/ok/suid")" = 755 ] || fail "setuid kept: $(stat -c %a "$T/t-suid/ok/suid")"
[ "$(stat -c %a "$T/t-suid/ok/sgid")" = 755 ] || fail "setgid kept: $(stat -c %a "$T/t-suid/ok/sgid")"
expect_exit 0 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-suid-keep" --keep-setid
[ "$(stat -c %a "$T/t-suid-keep/ok/suid")" = 4755 ] || fail "--keep-setid lost setuid"
[ "$(stat -c %a "$T/t-suid-keep/ok/sgid")" = 2755 ] || fail "--keep-setid lost setgid"
expect_exit 0 "$RST" drill --keep "$T/sp.conf" "$id"
sb=$(find "$T/scratch" -mindepth 1 -maxdepth 1 -name 'drill-sp-*' | head -n 1)
[ -n "$sb" ] || fail "drill --keep left no sandbox"
[ "$(stat -c %a "$sb/ok/suid")" = 755 ] || fail "drill sandbox kept setuid: $(stat -c %a "$sb/ok/suid")"
rm -rf "$sb"
note "set-id bits stripped (kept with --keep-setid)"

# --- xattrs: security.* and trusted.* dropped, user.* kept --------------------------
id=$(forge_case capability)
expect_exit 0 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-cap"
if command -v getfattr >/dev/null 2>&1; then
	getfattr -m - -d "$T/t-cap/ok/cap" >"$T/xattrs" 2>&1
	grep -q 'security.capability' "$T/xattrs" && fail "security.capability restored: $(cat "$T/xattrs")"
	grep -q 'trusted.evil' "$T/xattrs" && fail "trusted.evil restored"
	if setfattr -n user.probe -v 1 "$T/data/real.txt" 2>/dev/null; then
		grep -q 'user.note="kept"' "$T/xattrs" || fail "user.note not restored: $(cat "$T/xattrs")"
	fi
elif [ "${CI:-}" = true ]; then
	fail "getfattr is needed under CI"
fi
if command -v getcap >/dev/null 2>&1; then
	[ -z "$(getcap "$T/t-cap/ok/cap")" ] || fail "capability restored: $(getcap "$T/t-cap/ok/cap")"
fi
expect_exit 0 "$RST" drill --keep "$T/sp.conf" "$id"
sb=$(find "$T/scratch" -mindepth 1 -maxdepth 1 -name 'drill-sp-*' | head -n 1)
getfattr -m - -d "$sb/ok/cap" 2>&1 | grep -q 'security\.\|trusted\.' && fail "drill sandbox got security/trusted xattrs"
rm -rf "$sb"
note "security.capability and trusted.* dropped"

# --- immutable flags never set --------------------------------------------------
id=$(forge_case immutable)
expect_exit 0 "$RST" restore "$T/sp.conf" "$id" --target "$T/t-imm"
if command -v lsattr >/dev/null 2>&1; then
	for f in "$T/t-imm/ok/frozen" "$T/t-imm/ok/frozendir"; do
		a=$(lsattr -d "$f" 2>/dev/null | cut -d' ' -f1)
		case $a in *i*) fail "$f restored immutable ($a)" ;; esac
	done
fi
rm -rf "$T/t-imm" || fail "the restored tree cannot be removed"
[ -e "$T/t-imm" ] && fail "the restored tree cannot be removed"
expect_exit 0 "$RST" drill "$T/sp.conf" "$id"
scratch_empty immutable
note "immutable flags never set; sandbox removed"

no_special "$T"
exit 0
