#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# POSIX ACLs and user.* attributes come back with restore (the access ACL
# with its mask, a folder's default ACL, also on a folder whose mode is set
# at the end), owners from the index's uid/gid; drills restore no ACLs.

. "$(dirname "$0")/lib.sh"
need python3 setfacl getfacl getfattr setfattr

d=$T/data
mkdir -p "$d/shared"
echo "minutes" >"$d/doc.txt"
echo "inside" >"$d/shared/inside.txt"
setfacl -m u:65534:rw "$d/doc.txt" 2>/dev/null || skip "the file system of $T has no POSIX ACLs"
setfacl -m u:65534:rwx "$d/shared"
setfacl -d -m g:65534:rx "$d/shared"
chmod 0750 "$d/shared"
setfattr -n user.origin -v registry "$d/doc.txt" 2>/dev/null || skip "no user.* attributes on $T"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$d/shared/inside.txt"
fi
mk_profile ac "$d"
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T" >>"$T/ac.conf"
expect_exit 0 "$RST" backup "$T/ac.conf"
# The index carries the numeric owner.
index_lines "$(snapdir ac)" | grep -F "\"path\":\"${d#/}/shared/inside.txt\"" | grep -q "\"uid\":$(stat -c %u "$d/shared/inside.txt"),\"gid\":$(stat -c %g "$d/shared/inside.txt")" ||
	fail "index entry without uid/gid: $(index_lines "$(snapdir ac)" | grep inside)"

expect_exit 0 "$RST" restore "$T/ac.conf" latest --target "$T/t"
(cd "$d" && getfacl -p doc.txt shared) >"$T/acl.src" 2>&1
(cd "$T/t$d" && getfacl -p doc.txt shared) >"$T/acl.dst" 2>&1
diff "$T/acl.src" "$T/acl.dst" || fail "ACLs differ after restore"
[ "$(stat -c %a "$T/t$d/shared")" = 750 ] || fail "folder mode $(stat -c %a "$T/t$d/shared")"
[ "$(getfattr --only-values -n user.origin "$T/t$d/doc.txt" 2>/dev/null)" = registry ] ||
	fail "user.origin not restored"
if [ "$(id -u)" -eq 0 ]; then
	[ "$(stat -c %u:%g "$T/t$d/shared/inside.txt")" = 65534:65534 ] ||
		fail "owner not restored: $(stat -c %u:%g "$T/t$d/shared/inside.txt")"
fi

expect_exit 0 "$RST" drill --keep "$T/ac.conf"
sb=$(find "$T/scratch" -mindepth 1 -maxdepth 1 -name 'drill-ac-*')
[ -n "$sb" ] || fail "no kept sandbox"
getfacl -p -s "$sb$d/doc.txt" "$sb$d/shared" 2>/dev/null | grep -q . &&
	fail "the drill restored ACLs: $(getfacl -p "$sb$d/doc.txt")"
exit 0
