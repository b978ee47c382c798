#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Paths longer than PATH_MAX (4096 bytes) restore and drill: every path is
# walked from the target's descriptor one component at a time, so length
# is no reason to refuse a file (it used to be a false "symlink attack",
# exit 4).

. "$(dirname "$0")/lib.sh"
need python3

# mkdeep ROOT: 25 nested 200-byte folder names and deep.txt at the bottom;
# readdeep ROOT: print deep.txt (chdir by chdir, as open() cannot).
mkdeep() {
	python3 - "$1" <<'EOF'
import os, sys
os.makedirs(sys.argv[1], exist_ok=True)
os.chdir(sys.argv[1])
for i in range(25):
    os.mkdir("d%03d" % i + "x" * 196)
    os.chdir("d%03d" % i + "x" * 196)
open("deep.txt", "w").write("at the bottom\n")
assert len(os.getcwd()) > 5000
EOF
}
readdeep() {
	python3 - "$1" <<'EOF'
import os, sys
os.chdir(sys.argv[1])
for i in range(25):
    os.chdir("d%03d" % i + "x" * 196)
print(open("deep.txt").read(), end="")
EOF
}

d=$T/data
mkdeep "$d" || fail "cannot build the deep tree"
mk_profile lp "$d"
printf 'drill = { scratch_dir = "%s/scratch"; };\n' "$T" >>"$T/lp.conf"
expect_exit 0 "$RST" backup "$T/lp.conf"
expect_exit 0 "$RST" verify --deep "$T/lp.conf"
expect_exit 0 "$RST" restore "$T/lp.conf" latest --target "$T/t"
[ "$(readdeep "$T/t$d")" = "at the bottom" ] || fail "the deep file did not come back"
expect_exit 0 "$RST" --json drill "$T/lp.conf"
[ "$(json_get "$OUT" 'd["files_verified"], d["missing"], d["extra"]')" = "(1, 0, 0)" ] ||
	fail "drill: $(json_get "$OUT" 'd')"
[ -z "$(ls -A "$T/scratch")" ] || fail "the deep sandbox was not removed"
exit 0
