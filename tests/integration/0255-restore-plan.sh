#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Restore conveniences: --dry-run shows what would be written, where and
# how many bytes, from the verified index, and writes nothing (no target is
# created, an existing one is left as it was); --strip N drops leading path
# components (hard links included); a pattern that matches nothing is exit
# 2 and leaves no target folder behind; restore says where the files
# landed; a tampered index stops a dry run and a restore (exit 4) before
# any target exists.

. "$(dirname "$0")/lib.sh"
need python3 sha256sum

data=$T/data
rel=${data#/}
depth=$(($(printf '%s' "$rel" | tr -cd / | wc -c) + 1))
reg=$data/registry
mkdir -p "$reg/acts/2026" "$reg/minutes"
printf 'death act no. 5\n' >"$reg/acts/2026/act-5.txt"
head -c 70000 /dev/urandom >"$reg/acts/2026/scan-5.bin"
ln "$reg/acts/2026/scan-5.bin" "$reg/acts/2026/scan-5-copy.bin"
printf 'council minutes\n' >"$reg/minutes/2026-11.md"
mk_profile plan "$data"
expect_exit 0 "$RST" backup "$T/plan.conf"
P=$T/plan.conf

# --- --dry-run: what, where, how many bytes; nothing written --------------
tgt=$T/out/nested/target
expect_exit 0 "$RST" restore "$P" latest --target "$tgt" --dry-run
expect_stdout "^file +16 $tgt/$rel/registry/acts/2026/act-5\.txt\$"
# One of the two names carries the data, the other is a hard link to it.
expect_stdout "^file +70000 $tgt/$rel/registry/acts/2026/scan-5(-copy)?\.bin\$"
expect_stdout "^hardlink +- $tgt/$rel/registry/acts/2026/scan-5(-copy)?\.bin\$"
expect_stdout "^dir +- $tgt/$rel/registry/minutes\$"
expect_stderr "dry run of .*: 3 files, .* would land under $tgt/$rel; nothing was written"
[ -e "$T/out" ] && fail "--dry-run created the target's parents"
expect_exit 0 "$RST" --json restore "$P" latest --target "$tgt" --dry-run '*.txt' "$rel/registry/minutes"
python3 - "$OUT" "$tgt/$rel/registry" <<'PY' || fail "restore --dry-run --json"
import json, sys
d = json.load(open(sys.argv[1]))
base = sys.argv[2]
assert d["dry_run"] is True and d["exit"] == 0, d
assert (d["files"], d["bytes"]) == (2, 16 + 16), (d["files"], d["bytes"])
paths = [e["path"] for e in d["entries"]]
assert paths == [base + "/acts/2026/act-5.txt", base + "/minutes",
                 base + "/minutes/2026-11.md"], paths
assert d["landed"] == base, d["landed"]
PY
[ -e "$T/out" ] && fail "--dry-run --json created the target"
# An existing target is left exactly as it was.
mkdir -p "$T/existing" && printf 'keep\n' >"$T/existing/mine.txt"
tree_digest "$T/existing" >"$T/before"
expect_exit 0 "$RST" restore "$P" latest --target "$T/existing" --dry-run --overwrite
tree_digest "$T/existing" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "--dry-run changed an existing target"

# --- a pattern that matches nothing: exit 2, no target left behind --------
expect_exit 2 "$RST" restore "$P" latest --target "$T/out/t1" '*/no-such-act.txt'
expect_stderr 'no-such-act.txt: not found in the snapshot'
[ -e "$T/out" ] && fail "a pattern matching nothing left $(find "$T/out" | head -1)"
expect_exit 2 "$RST" restore "$P" latest --target "$T/out/t1" '*/act-5.txt' '*/nothing-*'
expect_stderr 'nothing-\*: not found in the snapshot'
[ -e "$T/out" ] && fail "a second pattern matching nothing left a target"
expect_exit 2 "$RST" restore "$P" latest --target "$T/out/t1" --dry-run 'nope'
[ -e "$T/out" ] && fail "a dry run with a pattern matching nothing left a target"

# --- --strip N, and where the files landed ---------------------------------
expect_exit 0 "$RST" restore "$P" latest --target "$T/s" --strip "$((depth + 1))" "$rel/registry/acts"
expect_stderr "restored: 2 files, .*; the files are under $T/s/acts\$"
cmp "$reg/acts/2026/act-5.txt" "$T/s/acts/2026/act-5.txt" || fail "--strip: act-5.txt"
cmp "$reg/acts/2026/scan-5.bin" "$T/s/acts/2026/scan-5-copy.bin" || fail "--strip: hard link"
[ "$(stat -c %i "$T/s/acts/2026/scan-5.bin")" = "$(stat -c %i "$T/s/acts/2026/scan-5-copy.bin")" ] ||
	fail "--strip: the hard link is not a hard link"
[ "$(find "$T/s" | wc -l)" -eq 6 ] || { find "$T/s" >&2; fail "--strip: unexpected entries"; }
# The dry run maps paths the same way.
expect_exit 0 "$RST" restore "$P" latest --target "$T/s2" --strip "$((depth + 3))" --dry-run "$rel/registry/acts"
expect_stdout "^file +16 $T/s2/act-5\.txt\$"
expect_exit 0 "$RST" restore "$P" latest --target "$T/s2" --strip "$((depth + 3))" "$rel/registry/acts"
[ "$(cd "$T/s2" && find . -type f | sort | tr '\n' ' ')" = "./act-5.txt ./scan-5-copy.bin ./scan-5.bin " ] ||
	{ find "$T/s2" >&2; fail "--strip $((depth + 3))"; }
expect_exit 2 "$RST" restore "$P" latest --target "$T/s3" --strip -1
expect_exit 2 "$RST" restore "$P" latest --target "$T/s3" --strip two
[ -e "$T/s3" ] && fail "a bad --strip created the target"
# Without patterns: everything, and the message names the target.
expect_exit 0 "$RST" restore "$P" latest --target "$T/all"
expect_stderr "restored: 3 files, .*; the files are under $T/all/$rel\$"
same_tree "$data" "$T/all/$data" "restore"

# --- an encrypted profile: the dry run decrypts the index ------------------
ensure_keys
recipient=$(sed -n 's/^age recipient: //p' "$T/.keygen.out")
mk_profile planenc "$data"
printf 'encryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' \
	"$recipient" >>"$T/planenc.conf"
expect_exit 0 "$RST" backup "$T/planenc.conf"
expect_exit 0 "$RST" restore "$T/planenc.conf" latest --target "$T/out/e" --dry-run --strip "$depth" '*.md'
expect_stdout "^file +16 $T/out/e/registry/minutes/2026-11\.md\$"
[ -e "$T/out" ] && fail "an encrypted dry run created the target"

# --- a tampered index: exit 4, nothing created -----------------------------
rm -rf "$T/state/index-cache"
S=$(snapdir plan)
flip_byte "$S/index.jsonl.zst" 30
expect_exit 4 "$RST" restore "$P" latest --target "$T/out/t2" --dry-run
expect_stderr 'index\.jsonl\.zst: sha256 mismatch'
[ -s "$OUT" ] && { show_last; fail "a dry run printed entries of a tampered index"; }
expect_exit 4 "$RST" restore "$P" latest --target "$T/out/t2" '*/act-5.txt'
expect_stderr 'index\.jsonl\.zst: sha256 mismatch'
[ -e "$T/out" ] && fail "a restore from a tampered index created the target"
exit 0
