#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Incremental snapshots on a real tree (docs/FORMATS.md "Incremental
# snapshots"): an unchanged tree stores no regular file and its index is
# the parent's apart from "in"; edits, appends, renames, deletions, a mode
# change, a new hard link into an old group, a file replaced by a folder
# and back, an edit with its mtime put back (found only with rehash); the
# 5th incremental restores, drills and verifies --deep equal to the tree
# at that time; a missing middle link is exit 4 naming it; a lost cache,
# backup --full and a changed key list make a full with the reason
# journaled.  Backups run hours apart under faketime (file times stay
# real), so nothing is within the 60-second racy window.

. "$(dirname "$0")/lib.sh"
need_faketime
need zstd python3

# at HOURS CMD...: run CMD with the clock HOURS ahead.
d=$T/data
mkdir -p "$d/docs/old" "$d/kind" "$d/links"
for i in 1 2 3 4 5 6; do head -c $((i * 3000)) /dev/urandom >"$d/docs/f$i"; done
echo "append to me" >"$d/docs/log.txt"
echo "rename me" >"$d/docs/old/name.txt"
echo "delete me" >"$d/docs/gone.txt"
echo "chmod me" >"$d/docs/mode.txt"
echo "a file" >"$d/kind/x"
echo "group" >"$d/links/a"
ln "$d/links/a" "$d/links/b"
ln -s ../docs/f1 "$d/links/sym"
printf 'not utf-8' >"$d/docs/caf$(printf '\351')"
echo "same size" >"$d/docs/sneaky.txt"
touch -d '2021-05-05 05:05:05' "$d/docs/sneaky.txt"

mk_profile inc "$d"
echo 'incremental = { full_every = "7d"; max_chain = 13; };' >>"$T/inc.conf"
expect_exit 0 "$RST" check-config "$T/inc.conf"

# newest ID: the newest snapshot folder's name.
newest() { basename "$(snapdir inc)"; }
man() { printf '%s\n' "$T/repo/snapshots/inc/$1/manifest.json"; }
last_backup_data() {
	python3 - "$T/state/journal/inc.jsonl" "$1" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
b = [r for r in recs if r["kind"] == "backup"][-1]
print(b["data"].get(sys.argv[2]))
PY
}

expect_exit 0 at 1 "$RST" backup "$T/inc.conf"
expect_stderr 'full backup \(no_parent\)'
full=$(newest)
[ "$(json_get "$(man "$full")" 'd["kind"]')" = full ] || fail "first backup is not a full"
[ "$(json_get "$(man "$full")" 'd["version"]')" = 1 ] || fail "a full must stay version 1"
[ -f "$T/state/cache/inc/statcache" ] || fail "no stat cache after the full"
[ "$(stat -c %a "$T/state/cache/inc/statcache")" = 600 ] || fail "stat cache is not 0600"

# 1. Unchanged tree: no regular file stored, index = parent's but "in"
# (and the stream positions, zframe and zoff, of each snapshot's own).
expect_exit 0 at 2 "$RST" backup "$T/inc.conf"
i1=$(newest)
index_lines "$T/repo/snapshots/inc/$full" >"$T/ix-$full"
index_lines "$T/repo/snapshots/inc/$i1" >"$T/ix-$i1"
python3 - "$T/repo/snapshots/inc" "$full" "$i1" "$T" <<'PY' || fail "unchanged incremental is wrong"
import json, subprocess, sys
base, full, inc, tdir = sys.argv[1:]
m = json.load(open(f"{base}/{inc}/manifest.json"))
mf = json.load(open(f"{base}/{full}/manifest.json"))
assert m["version"] == 2 and m["kind"] == "incremental", m
assert m["parent"]["id"] == full and m["base"]["id"] == full, m
import hashlib
sha = hashlib.sha256(open(f"{base}/{full}/manifest.json", "rb").read()).hexdigest()
assert m["parent"]["manifest_sha256"] == sha == m["base"]["manifest_sha256"], m
assert m["stream"]["files"] == 0 and m["stream"]["bytes"] == 0, m["stream"]
assert m["index"]["files"] == mf["index"]["files"] and m["index"]["bytes"] == mf["index"]["bytes"]
assert m["deleted"]["count"] == 0 and m["deleted"]["name"] == "deleted.nul.zst", m["deleted"]
assert m["stream"]["recipients_sha256"] == mf["stream"]["recipients_sha256"]
def index(s):
    return [json.loads(l) for l in open(f"{tdir}/ix-{s}")]
a, b = index(full), index(inc)
assert len(a) == len(b), (len(a), len(b))
for x, y in zip(a, b):
    if x["type"] in ("file", "hardlink"):
        assert y.pop("in") == full, y
        # an entry the stream does not hold has no place in it
        assert "zframe" not in y and "zoff" not in y, y
    for e in (x, y):   # where each entry starts in its own stream
        e.pop("zframe", None), e.pop("zoff", None)
    assert x == y, (x, y)
assert sum(1 for x in b if x["type"] == "hardlink") == 1, b
PY
expect_exit 0 at 2 "$RST" --json diff "$T/inc.conf" "$full" "$i1"
[ "$(json_get "$OUT" 'sum(d["counts"].values())')" = 0 ] || fail "diff of an unchanged incremental shows changes"
[ "$(last_backup_data kind)" = incremental ] || fail "journal: backup kind is not incremental"
[ "$(last_backup_data parent)" = "$full" ] || fail "journal: backup parent is not the full"
[ "$(last_backup_data stored_files)" = 0 ] || fail "journal: stored_files of an unchanged tree"

# 2. Edits of every kind.
head -c 100 /dev/urandom >>"$d/docs/f2"                 # append
printf 'X' | dd of="$d/docs/f3" bs=1 seek=10 conv=notrunc status=none   # edit
echo "more" >>"$d/docs/log.txt"
mv "$d/docs/old/name.txt" "$d/docs/renamed.txt"
rm "$d/docs/gone.txt"
chmod 0600 "$d/docs/mode.txt"
ln "$d/links/a" "$d/links/c"                              # new link, old group
rm "$d/kind/x" && mkdir "$d/kind/x" && echo inner >"$d/kind/x/inner"
echo brand new >"$d/docs/new.txt"
expect_exit 0 at 3 "$RST" backup "$T/inc.conf"
i2=$(newest)
index_lines "$T/repo/snapshots/inc/$i2" >"$T/ix-$i2"
python3 - "$T/repo/snapshots/inc/$i2" "$d" "$T/ix-$i2" <<'PY' || fail "second incremental stores the wrong entries"
import json, os, subprocess, sys
snap, d, ixf = sys.argv[1:]
root = d.lstrip("/")
m = json.load(open(f"{snap}/manifest.json"))
ix = [json.loads(l) for l in open(ixf)]
stored = sorted(x["path"][len(root) + 1:] for x in ix if x["type"] == "file" and "in" not in x)
want = sorted(["docs/f2", "docs/f3", "docs/log.txt", "docs/renamed.txt", "docs/mode.txt",
               "links/a", "kind/x/inner", "docs/new.txt"])
assert stored == want, stored
assert m["stream"]["files"] == len(want), m["stream"]
dele = subprocess.run(["zstd", "-dc", f"{snap}/deleted.nul.zst"], capture_output=True, check=True).stdout
dele = sorted(p.decode()[len(root) + 1:] for p in dele.split(b"\0") if p)
assert dele == ["docs/gone.txt", "docs/old/name.txt", "kind/x"], dele
assert m["deleted"]["count"] == 3, m["deleted"]
PY

# 3. And back: the folder becomes a file again.
rm -r "$d/kind/x" && echo "a file again" >"$d/kind/x"
expect_exit 0 at 4 "$RST" backup "$T/inc.conf"
i3=$(newest)
zstd -dc "$T/repo/snapshots/inc/$i3/deleted.nul.zst" | tr '\0' '\n' >"$T/del3"
grep -qx "${d#/}/kind/x" "$T/del3" || fail "a folder turned file is not in deleted"
grep -qx "${d#/}/kind/x/inner" "$T/del3" || fail "the folder's content is not in deleted"

# 4. An edit that keeps size and mtime, with ctime not compared: missed
# without rehash, stored with it.
sed -i 's/^incremental = .*/incremental = { full_every = "7d"; ignore = [ "ctime" ]; };/' "$T/inc.conf"
echo "SAME SIZE" >"$d/docs/sneaky.txt"
touch -d '2021-05-05 05:05:05' "$d/docs/sneaky.txt"
expect_exit 0 at 5 "$RST" backup "$T/inc.conf"
i4=$(newest)
index_lines "$T/repo/snapshots/inc/$i4" | grep '/docs/sneaky.txt"' | grep -q '"in":' ||
	fail "without rehash the mtime-restored edit should go unseen"
sed -i 's/^incremental = .*/incremental = { full_every = "7d"; ignore = [ "ctime" ]; rehash = true; };/' "$T/inc.conf"
expect_exit 0 at 6 "$RST" backup "$T/inc.conf"
i5=$(newest)
index_lines "$T/repo/snapshots/inc/$i5" | grep '/docs/sneaky.txt"' | grep -q '"in":' &&
	fail "rehash did not find the mtime-restored edit"
[ "$(json_get "$(man "$i5")" 'd["stream"]["files"]')" -le 2 ] || fail "rehash stored unchanged files"

# 5. The 5th incremental: list, restore, drill, verify --deep.
expect_exit 0 at 7 "$RST" --json list "$T/inc.conf"
python3 - "$OUT" "$i5" <<'PY' || fail "list --json lacks kind/chain_position"
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["snapshot"]: x for x in d["snapshots"]}[sys.argv[2]]
assert s["kind"] == "incremental" and s["chain_position"] == 5, s
assert s["stored_bytes"] < 20000 and s["bytes"] > 60000, s
PY
expect_exit 0 at 7 "$RST" list "$T/inc.conf"
expect_stdout "$i5 .* incr 5 "
expect_exit 0 at 7 "$RST" restore "$T/inc.conf" "$i5" --target "$T/out"
same_tree "$d" "$T/out$d" "restore of the 5th incremental"
expect_exit 0 at 7 "$RST" drill "$T/inc.conf" "$i5"
expect_exit 0 at 7 "$RST" verify --deep "$T/inc.conf" "$i5"
expect_exit 0 at 7 "$RST" ls "$T/inc.conf" "$i5"
expect_stdout 'docs/sneaky.txt'
expect_exit 0 at 7 "$RST" find "$T/inc.conf" '*/renamed.txt'
expect_stdout "$i5 .*docs/renamed.txt"
expect_exit 0 at 7 "$RST" --json diff "$T/inc.conf" "$i1" "$i5"
python3 - "$OUT" <<'PY' || fail "diff across the chain is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
removed = sorted(e["path"].rsplit("/data/", 1)[1] for e in d["removed"])
assert "docs/gone.txt" in removed and "docs/old/name.txt" in removed, removed
added = sorted(e["path"].rsplit("/data/", 1)[1] for e in d["added"])
assert "docs/new.txt" in added and "docs/renamed.txt" in added, added
PY

# 6. A missing middle link: exit 4 naming it, everywhere.
mv "$T/repo/snapshots/inc/$i2" "$T/hidden"
for cmd in "restore $T/inc.conf $i5 --target $T/out2" "verify $T/inc.conf $i5" \
	"drill $T/inc.conf $i5"; do
	# shellcheck disable=SC2086
	expect_exit 4 at 7 "$RST" $cmd
	expect_stderr "parent $i2 is missing"
done
[ ! -e "$T/out2$d/docs/f1" ] || fail "restore wrote files of a broken chain"
mv "$T/hidden" "$T/repo/snapshots/inc/$i2"
# The findings keep the chain from being built on until a deep verify passes.
expect_exit 0 at 8 "$RST" backup "$T/inc.conf"
expect_stderr "full backup \(parent_unusable\): a verify or drill found snapshot $i5 bad"
expect_exit 0 at 8 "$RST" verify --deep "$T/inc.conf" "$i5"
expect_exit 0 at 8 "$RST" restore "$T/inc.conf" "$i5" --target "$T/out3"
same_tree "$d" "$T/out3$d" "restore of the 5th incremental, link back"

# 7. A lost cache, --full, new recipients: a full, the reason journaled.
rm "$T/state/cache/inc/statcache"
expect_exit 0 at 8 "$RST" backup "$T/inc.conf"
expect_stderr 'full backup \(no_cache\)'
[ "$(last_backup_data full_reason)" = no_cache ] || fail "journal: no full_reason no_cache"
[ "$(last_backup_data kind)" = full ] || fail "journal: kind is not full"
expect_exit 0 at 9 "$RST" backup "$T/inc.conf"
[ "$(last_backup_data kind)" = incremental ] || fail "no incremental after the new full"
expect_exit 0 at 10 "$RST" backup --full "$T/inc.conf"
[ "$(last_backup_data full_reason)" = forced ] || fail "backup --full is not journaled as forced"
printf 'x' >>"$T/state/cache/inc/statcache"
expect_exit 0 at 11 "$RST" backup "$T/inc.conf"
[ "$(last_backup_data full_reason)" = cache_invalid ] || fail "a damaged cache must make a full"
expect_exit 2 "$RST" backup --fulll "$T/inc.conf"

# The report counts incrementals as backups and tells their kind (exit 1:
# no drill after the newest backup, so not proven).
expect_exit 1 at 12 "$RST" report --format json --out "$T/report.json" "$T/inc.conf"
python3 - "$T/report.json" <<'PY' || fail "the report does not show backup kinds"
import json, sys
r = json.load(open(sys.argv[1]))
b = r["profiles"][0]["backups"]
kinds = [i.get("kind") for i in b["items"]]
assert b["count"] == len(kinds) >= 11, b["count"]
assert kinds == ["full"] + ["incremental"] * 5 + ["full", "full", "incremental",
                 "full", "full"], kinds
PY
exit 0
