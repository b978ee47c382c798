#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The source walk: entries come in byte order of their names within each
# directory (two backups of one tree index it identically); a FIFO and a
# socket are skipped with a warning naming them (the FIFO is never opened,
# so the backup cannot hang on it) unless excluded; a tree 200 levels deep
# and a directory of 3000 names round-trip; xattrs and an ACL come back.

. "$(dirname "$0")/lib.sh"
need zstd python3 setfattr getfattr setfacl getfacl

d=$T/data
mkdir -p "$d/dir"
for n in b a C _ 10 9 'z z' é ä A; do echo "$n" >"$d/dir/$n"; done
mkdir "$d/dir/m" && echo in >"$d/dir/m/x"
mkfifo "$d/pipe"
mkfifo "$d/skipped.fifo"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$d/sock"

# 200 levels deep.
deep=$d/deep
for _ in $(seq 200); do deep=$deep/l; done
mkdir -p "$deep" && echo bottom >"$deep/bottom.txt"

# 3000 names in one directory.
mkdir "$d/wide"
(cd "$d/wide" && seq -f 'f%05g' 3000 | xargs touch)

xattrs=no
if setfattr -n user.restorable -v tested "$d/dir/a" 2>/dev/null; then
	xattrs=yes
fi
acl=no
if setfacl -m u:65534:r "$d/dir/b" 2>/dev/null; then
	acl=yes
fi

mk_profile walk "$d"
echo 'exclude = [ "*.fifo" ];' >>"$T/walk.conf"
timeout 120 "$RST" backup "$T/walk.conf" >"$T/backup.out" 2>"$T/err"
rc=$?
[ "$rc" -eq 124 ] && fail "backup hung (on the FIFO?)"
[ "$rc" -eq 0 ] || { cat "$T/err"; fail "backup exited $rc"; }
grep -q 'pipe: special file skipped' "$T/err" || { cat "$T/err"; fail "the FIFO is not reported"; }
grep -q 'sock: special file skipped' "$T/err" || { cat "$T/err"; fail "the socket is not reported"; }
grep -q 'skipped.fifo' "$T/err" && fail "an excluded FIFO is reported"

S1=$(snapdir walk)
index_lines "$S1" >"$T/index1"
python3 - "$T/index1" "${d#/}" <<'PY' || fail "index order is not byte order within directories"
import json, sys
paths = [json.loads(l)["path"].encode() for l in open(sys.argv[1], encoding="utf-8")]
root = sys.argv[2].encode()
kids = [p for p in paths if p.startswith(root + b"/dir/") and p.count(b"/") == root.count(b"/") + 2]
names = [p.rsplit(b"/", 1)[1] for p in kids]
assert names == sorted(names), names
assert len(names) == 11, names
# depth first: everything under dir/m comes right after dir/m
i = paths.index(root + b"/dir/m")
assert paths[i + 1] == root + b"/dir/m/x", paths[i:i + 2]
wide = [p for p in paths if p.startswith(root + b"/wide/")]
assert len(wide) == 3000, len(wide)
assert any(p.endswith(b"/bottom.txt") for p in paths)
assert not any(p.endswith((b"/pipe", b"/sock", b".fifo")) for p in paths)
PY

sleep 1
expect_exit 0 "$RST" backup "$T/walk.conf"
S2=$(snapdir walk)
[ "$S1" != "$S2" ] || fail "second backup did not make a new snapshot"
index_lines "$S2" >"$T/index2"
cmp -s "$T/index1" "$T/index2" || fail "two backups of one unchanged tree index it differently"

touch -r "$d" "$T/mtime-ref"
rm -f "$d/pipe" "$d/sock" "$d/skipped.fifo"
touch -r "$T/mtime-ref" "$d"
expect_exit 0 "$RST" restore "$T/walk.conf" latest --target "$T/out"
same_tree "$d" "$T/out$d" "walk round trip"
[ "$(cat "$T/out$deep/bottom.txt")" = bottom ] || fail "the deep file did not come back"
if [ "$xattrs" = yes ]; then
	[ "$(getfattr --only-values -n user.restorable "$T/out$d/dir/a" 2>/dev/null)" = tested ] ||
		fail "the user.restorable xattr did not come back"
else
	note "no user xattrs on this filesystem: xattr check not run"
fi
if [ "$acl" = yes ]; then
	getfacl -pn "$T/out$d/dir/b" 2>/dev/null | grep -q '^user:65534:r--' ||
		fail "the ACL did not come back"
else
	note "no ACLs on this filesystem: ACL check not run"
fi
exit 0
