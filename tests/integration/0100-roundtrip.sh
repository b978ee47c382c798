#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# backup -> list -> verify -> verify --deep -> restore gives back the same
# tree: contents, types, modes (setuid as root), mtimes (files, dirs and
# symlinks), symlink targets (relative, absolute, dangling), hardlinks
# (same inode, link counts, across dirs), empty files and dirs, and names
# with UTF-8, spaces, a newline and non-UTF-8 bytes; a 3 MB random file
# makes several 1M parts.

. "$(dirname "$0")/lib.sh"
need python3 zstd

d=$T/src/data
mkdir -p "$d/nested/deeper/deepest" "$d/empty-dir" "$d/other dir" "$d/modes"
echo "top" >"$d/top.txt"
printf 'deep content\n' >"$d/nested/deeper/deepest/leaf.txt"
: >"$d/empty-file"
: >"$d/nested/empty-too"
head -c 3145728 /dev/urandom >"$d/nested/random.bin"
head -c 70000 /dev/urandom >"$d/nested/deeper/medium.bin"
echo "procès" >"$d/procès-verbal é.txt"
echo "日本語" >"$d/other dir/名前 with spaces.txt"
echo "newline" >"$d/name with"$'\n'"newline"
echo "latin1" >"$d/bad-"$'\xff\xfe'"-bytes"
mkdir "$d/dir-"$'\xe9'"-latin1"
echo "inside" >"$d/dir-"$'\xe9'"-latin1/f"
# symlinks: relative, absolute, dangling, to a dir, non-UTF-8 target
ln -s ../top.txt "$d/nested/rel-link"
ln -s /etc/hostname "$d/abs-link"
ln -s does/not/exist "$d/dangling-link"
ln -s nested/deeper "$d/dir-link"
ln -s "bad-"$'\xff\xfe'"-bytes" "$d/link-to-bad"
# hardlinks: two names in one dir, and a third across dirs
echo "shared inode" >"$d/hl-a"
ln "$d/hl-a" "$d/hl-b"
ln "$d/hl-a" "$d/nested/deeper/hl-c"
echo "pair" >"$d/nested/pair-1"
ln "$d/nested/pair-1" "$d/other dir/pair-2"
# modes
echo 600 >"$d/modes/m600" && chmod 0600 "$d/modes/m600"
echo 755 >"$d/modes/m755" && chmod 0755 "$d/modes/m755"
echo 444 >"$d/modes/m444" && chmod 0444 "$d/modes/m444"
echo 640 >"$d/modes/m640" && chmod 0640 "$d/modes/m640"
mkdir "$d/modes/d750" && chmod 0750 "$d/modes/d750"
mkdir "$d/modes/d555" && echo x >"$d/modes/d555/inside" && chmod 0555 "$d/modes/d555"
if [ "$(id -u)" -eq 0 ]; then
	echo suid >"$d/modes/m4755" && chmod 4755 "$d/modes/m4755"
	echo sgid >"$d/modes/m2755" && chmod 2755 "$d/modes/m2755"
	mkdir "$d/modes/sticky" && chmod 1777 "$d/modes/sticky"
fi
# Fixed mtimes on everything, deepest first so dir times stay; distinct
# times so a swap would show.
i=0
while IFS= read -r -d '' p; do
	i=$((i + 1))
	touch -h -d "@$((1500000000 + i * 3607))" "$p"
done < <(find "$d" -depth -print0)
touch -h -d "2001-02-03 04:05:06 UTC" "$d/abs-link"
touch -d "1999-12-31 23:59:59 UTC" "$d/nested/random.bin"

mk_profile rt "$d"
expect_exit 0 "$RST" backup "$T/rt.conf"
snap=$(snapdir rt)
[ -n "$snap" ] || fail "no snapshot folder after backup"
id=$(basename "$snap")
[[ $id =~ ^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{6}$ ]] || fail "snapshot id $id does not have the form YYYYMMDDTHHMMSSZ-xxxxxx"
for f in manifest.json manifest.json.sig index.jsonl.zst stream.pax.zst.000000 stream.pax.zst.000001 stream.pax.zst.000002; do
	[ -f "$snap/$f" ] || fail "snapshot lacks $f"
done
[ "$(stat -c %s "$snap/manifest.json.sig")" -eq 64 ] || fail "manifest.json.sig is not 64 bytes"
[ "$(stat -c %s "$snap/stream.pax.zst.000000")" -eq 1048576 ] || fail "part 0 is not exactly part_size (1M)"
[ "$(stat -c %s "$snap/stream.pax.zst.000001")" -eq 1048576 ] || fail "part 1 is not exactly part_size (1M)"
[ -f "$T/repo/restorable.json" ] || fail "repository has no restorable.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "restorable-repository" and d["version"] == 1, d
' "$T/repo/restorable.json" || fail "restorable.json content is wrong"
[ -f "$T/repo/keys/rt.pub" ] || fail "repository has no keys/rt.pub"
cmp -s "$T/repo/keys/rt.pub" "$T/keys/signing.pub" || fail "keys/rt.pub is not the profile's public key"

# list shows exactly this one snapshot, with the right file count.
[ "$(snap_count "$T/rt.conf")" = 1 ] || fail "list does not show exactly 1 snapshot"
expect_exit 0 "$RST" list "$T/rt.conf"
expect_stdout "^$id "
nfiles=$(find "$d" -type f -printf "%i\n" | sort -u | wc -l)  # inodes
python3 - "$T/.list.json" "$id" "$nfiles" <<'EOF' || fail "list --json disagrees with the data"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["snapshots"][0]
assert s["snapshot"] == sys.argv[2], s
assert s["files"] == int(sys.argv[3]), (s["files"], sys.argv[3])
assert s["incomplete"] is False, s
EOF

# The index: names that are not UTF-8 use path_b64; every field per type.
index_lines "$snap" >"$T/index.jsonl"
python3 - "$T/index.jsonl" "$d" <<'EOF' || fail "index content is wrong"
import base64, json, os, re, stat, sys
root = os.fsencode(sys.argv[2])
prefix = root.lstrip(b"/")
seen = {}
for line in open(sys.argv[1], encoding="utf-8"):
    e = json.loads(line)
    assert ("path" in e) != ("path_b64" in e), e
    p = e["path"].encode() if "path" in e else base64.b64decode(e["path_b64"])
    if "path_b64" in e:
        try:
            p.decode("utf-8")
            raise AssertionError("valid UTF-8 stored as path_b64: %r" % p)
        except UnicodeDecodeError:
            pass
    assert None not in e.values(), e
    t = e["type"]
    if t == "dir":
        assert set(e) - {"uid", "gid", "user", "group", "zframe", "zoff"} == {"path", "type", "mode", "mtime"} or \
               set(e) - {"uid", "gid", "user", "group", "zframe", "zoff"} == {"path_b64", "type", "mode", "mtime"}, e
    assert t == "hardlink" or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", e["mtime"]), e
    if "mode" in e:
        assert re.fullmatch(r"[0-7]{4}", e["mode"]), e
    seen[p.rstrip(b"/")] = e
for dirpath, dirs, files in os.walk(root):
    for n in [b""] + dirs + files:
        full = os.path.join(dirpath, n) if n else dirpath
        if n == b"" and dirpath != root:
            continue
        key = full.lstrip(b"/").rstrip(b"/")
        assert key in seen, "not in index: %r" % full
        e = seen[key]
        st = os.lstat(full)
        if stat.S_ISREG(st.st_mode) and e["type"] == "file":
            assert e["size"] == st.st_size, e
            assert int(e["mode"], 8) == stat.S_IMODE(st.st_mode), (e, oct(st.st_mode))
        elif stat.S_ISLNK(st.st_mode):
            assert e["type"] == "symlink", e
            tgt = e["target"].encode() if "target" in e else base64.b64decode(e["target_b64"])
            assert tgt == os.readlink(full), (e, os.readlink(full))
        elif stat.S_ISDIR(st.st_mode):
            assert e["type"] == "dir", e
            assert int(e["mode"], 8) == stat.S_IMODE(st.st_mode), (e, oct(st.st_mode))
hl = [e for e in seen.values() if e["type"] == "hardlink"]
assert len(hl) == 3, "expected 3 hardlink entries, got %d" % len(hl)
assert seen[prefix + b"/nested/random.bin"]["mtime"] == "1999-12-31T23:59:59Z", seen[prefix + b"/nested/random.bin"]
assert seen[prefix + b"/empty-file"]["sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
EOF

# verify and verify --deep pass.
expect_exit 0 "$RST" verify "$T/rt.conf"
expect_exit 0 "$RST" verify "$T/rt.conf" latest
expect_exit 0 "$RST" verify --deep "$T/rt.conf" "$id"

# restore: the tree comes back identical, under TARGET + absolute path
# (--keep-setid: set-id bits are stripped unless asked for).
tgt=$T/target
expect_exit 0 "$RST" restore "$T/rt.conf" "$id" --target "$tgt" --keep-setid
[ -d "$tgt$d" ] || fail "restore did not put the data at TARGET$d"
same_tree "$d" "$tgt$d" "restore into an empty target"
# hardlinks explicitly: same inode, link count 3 and 2
[ "$(stat -c %i "$tgt$d/hl-a")" = "$(stat -c %i "$tgt$d/hl-b")" ] || fail "hl-a and hl-b are not one inode after restore"
[ "$(stat -c %i "$tgt$d/hl-a")" = "$(stat -c %i "$tgt$d/nested/deeper/hl-c")" ] || fail "hl-c is not the inode of hl-a after restore"
[ "$(stat -c %h "$tgt$d/hl-a")" = 3 ] || fail "hl-a link count is $(stat -c %h "$tgt$d/hl-a"), not 3"
[ "$(stat -c %h "$tgt$d/other dir/pair-2")" = 2 ] || fail "pair-2 link count is not 2"
[ "$(readlink "$tgt$d/abs-link")" = /etc/hostname ] || fail "absolute symlink target changed"
[ "$(stat -c %Y "$tgt$d/abs-link")" = "$(stat -c %Y "$d/abs-link")" ] || fail "symlink mtime not restored"
if [ "$(id -u)" -eq 0 ]; then
	[ "$(stat -c %a "$tgt$d/modes/m4755")" = 4755 ] || fail "setuid bit lost: $(stat -c %a "$tgt$d/modes/m4755")"
fi
# Without --keep-setid: the same tree but for the set-id bits, with a warning.
expect_exit 0 "$RST" restore "$T/rt.conf" "$id" --target "$T/nosetid"
expect_stderr 'set-group-id bits stripped from 2 entries'
[ "$(stat -c %a "$T/nosetid$d/modes/m4755")" = 755 ] || fail "setuid bit kept without --keep-setid"
[ "$(stat -c %a "$T/nosetid$d/modes/m2755")" = 755 ] || fail "setgid bit kept without --keep-setid"
cmp "$d/modes/m4755" "$T/nosetid$d/modes/m4755" || fail "m4755 content differs"

# A PATTERN restores only what matches.
tgt2=$T/partial
expect_exit 0 "$RST" restore "$T/rt.conf" latest --target "$tgt2" "${d#/}/nested/deeper/deepest/*"
[ -f "$tgt2$d/nested/deeper/deepest/leaf.txt" ] || fail "pattern restore lacks the matching file"
[ -e "$tgt2$d/top.txt" ] && fail "pattern restore wrote a file that does not match"

# A second backup of the unchanged tree: list shows 2, latest is the new one.
expect_exit 0 "$RST" backup "$T/rt.conf"
[ "$(snap_count "$T/rt.conf")" = 2 ] || fail "list does not show 2 snapshots after 2 backups"
id2=$(basename "$(snapdir rt)")
[[ $id2 > $id ]] || fail "second snapshot id $id2 does not sort after $id"
expect_exit 0 "$RST" verify --deep "$T/rt.conf" latest
expect_stderr "$id2"

# A second restore into the same target refuses to overwrite (without
# --overwrite) and changes nothing; with --overwrite it succeeds and
# gives back the same tree (directory mtimes included).
echo "local change" >"$tgt$d/top.txt"
expect_exit 2 "$RST" restore "$T/rt.conf" "$id" --target "$tgt"
expect_stderr 'not empty'
[ "$(cat "$tgt$d/top.txt")" = "local change" ] || fail "restore without --overwrite replaced an existing file"
expect_exit 0 "$RST" restore "$T/rt.conf" "$id" --target "$tgt" --overwrite --keep-setid
same_tree "$d" "$tgt$d" "restore --overwrite onto an existing restored tree"

exit 0
