#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A host that lost its state dir takes the repository's journal back, and
# reads it with the repository's reader rule: when journal/NAME.jsonl (or
# its head) is missing because a rewrite was caught between the delete and
# the rename, the newest NAME.jsonl.tmp-* (NAME.head.tmp-*) is the copy.
#
#   - only journal/NAME.jsonl.tmp-* in the repository: the next journaled
#     command on a fresh state dir continues the chain (3 lines, the first
#     two the repository's), and `journal verify` passes
#   - two temporary copies: the newest (by modification time) is read, not
#     an older, shorter one
#   - the head caught mid-rewrite too: still taken back
#   - the newest temporary copy edited: exit 4, nothing written locally

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d"
echo "ledger 2026" >"$d/ledger.txt"

mk_profile ja "$d"
expect_exit 0 "$RST" backup "$T/ja.conf"
expect_exit 0 "$RST" verify "$T/ja.conf"
[ "$(wc -l <"$T/state/journal/ja.jsonl")" -eq 2 ] || fail "test setup: expected 2 journal lines"
cp -a "$T/repo" "$T/repo-orig"

# lost NAME [REPO-SETUP...]: a profile on a fresh state dir over a fresh
# copy of the repository.
lost() {
	rm -rf "$T/repo" "$T/st-$1"
	cp -a "$T/repo-orig" "$T/repo"
	sed "s|^state_dir = .*|state_dir = \"$T/st-$1\";|" "$T/ja.conf" >"$T/$1.conf"
}
RJ=$T/repo/journal

note "journal caught between delete and rename"
lost one
mv "$RJ/ja.jsonl" "$RJ/ja.jsonl.tmp-a1b2c3"
expect_exit 0 "$RST" verify "$T/one.conf"
L=$T/st-one/journal/ja.jsonl
[ "$(wc -l <"$L")" -eq 3 ] ||
	fail "the repository's journal (only under its temporary name) was not taken back: $(wc -l <"$L") lines"
head -n 2 "$L" | cmp -s - "$T/repo-orig/journal/ja.jsonl" || fail "the first lines are not the repository's"
expect_exit 0 "$RST" journal verify "$T/one.conf"
cmp -s "$L" "$RJ/ja.jsonl" || fail "the continued journal was not mirrored"

note "the newest of two temporary copies"
lost two
head -n 1 "$RJ/ja.jsonl" >"$RJ/ja.jsonl.tmp-000001"
mv "$RJ/ja.jsonl" "$RJ/ja.jsonl.tmp-ffffff"
touch -d '2026-01-01 00:00:00' "$RJ/ja.jsonl.tmp-ffffff"
touch -d '2025-01-01 00:00:00' "$RJ/ja.jsonl.tmp-000001"
expect_exit 0 "$RST" verify "$T/two.conf"
[ "$(wc -l <"$T/st-two/journal/ja.jsonl")" -eq 3 ] || fail "the newest temporary copy was not the one read"
expect_exit 0 "$RST" journal verify "$T/two.conf"

note "head caught mid-rewrite too"
lost three
mv "$RJ/ja.jsonl" "$RJ/ja.jsonl.tmp-a1b2c3"
mv "$RJ/ja.head" "$RJ/ja.head.tmp-d4e5f6"
expect_exit 0 "$RST" verify "$T/three.conf"
[ "$(wc -l <"$T/st-three/journal/ja.jsonl")" -eq 3 ] || fail "journal and head under temporary names not taken back"
expect_exit 0 "$RST" journal verify "$T/three.conf"

note "temporary copy edited"
lost four
sed 's/"user":"[^"]*"/"user":"someone"/' "$RJ/ja.jsonl" >"$RJ/ja.jsonl.tmp-a1b2c3"
rm "$RJ/ja.jsonl"
expect_exit 4 "$RST" verify "$T/four.conf"
expect_stderr "cannot take the repository's journal back"
[ -s "$T/st-four/journal/ja.jsonl" ] && fail "an edited repository journal led to a local journal"
exit 0
