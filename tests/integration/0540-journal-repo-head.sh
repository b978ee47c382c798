#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# journal verify checks the repository's head, not only its journal: with
# the repository journal equal to the local one, each edit of
# repo/journal/NAME.head -- a byte flipped in the count, in the hash, in
# the signature, an older (validly signed) head put back, the file
# deleted, emptied, given a trailing space, a second line, or replaced by
# another profile's head -- is exit 4, naming journal/NAME.head and how it
# is repaired; the next journaled command (verify) uploads the head again
# and journal verify passes.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile hd "$d"
mk_profile other "$d"
expect_exit 0 "$RST" backup "$T/hd.conf"
cp "$T/repo/journal/hd.head" "$T/old.head"
expect_exit 0 "$RST" backup "$T/hd.conf"
expect_exit 0 "$RST" backup "$T/other.conf"
expect_exit 0 "$RST" journal verify "$T/hd.conf"
head=$T/repo/journal/hd.head
cp "$head" "$T/good.head"
cmp -s "$head" "$T/state/journal/hd.head" || fail "repository head differs from the local one after a backup"

# edit CASE: change the repository's head as CASE says.
edit() {
	cp "$T/good.head" "$head"
	case $1 in
	count) python3 -c 'import sys; p=sys.argv[1]; b=open(p,"rb").read(); open(p,"wb").write(b.replace(b"\"count\":2", b"\"count\":3", 1))' "$head" ;;
	hash) flip_byte "$head" 40 ;;
	sig) flip_byte "$head" -5 ;;
	older) cp "$T/old.head" "$head" ;;
	deleted) rm -f "$head" ;;
	empty) : >"$head" ;;
	space) printf ' ' >>"$head" ;;
	second-line) cat "$T/old.head" >>"$head" ;;
	other) cp "$T/repo/journal/other.head" "$head" ;;
	esac
}

n=0
for c in count hash sig older deleted empty space second-line other; do
	edit "$c"
	cmp -s "$head" "$T/good.head" && fail "$c: the edit changed nothing"
	expect_exit 4 "$RST" journal verify "$T/hd.conf"
	expect_stderr 'journal/hd\.head in the repository'
	expect_stderr 'the next backup, drill, verify or prune of this profile uploads it again'
	n=$((n + 1))
done
note "$n/9 edits of the repository's head detected"

# The repair: a journaled command uploads the local head again.
expect_exit 0 "$RST" verify "$T/hd.conf"
expect_exit 0 "$RST" journal verify "$T/hd.conf"
cmp -s "$head" "$T/state/journal/hd.head" || fail "the head was not uploaded again"
exit 0
