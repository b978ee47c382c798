#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A profile encrypted by passphrase chains only while the passphrase stays
# the same (DESIGN.md decision 14): every passphrase gives the same
# recipients_sha256, so the proof is a salted scrypt tag kept in
# state_dir/cache/PROFILE/passphrase-tag (0600), never in the repository.
# A new passphrase (file or environment), a lost or damaged tag, or a tag
# of another snapshot make a full journaled recipients_changed; the
# passphrase and its tag appear in no output and no repository object.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3

last_full_reason() {
	python3 - "$T/state/journal/pp.jsonl" <<'PY'
import json, sys
b = [json.loads(l) for l in open(sys.argv[1])]
b = [r["data"] for r in b if r["kind"] == "backup"][-1]
print(b["kind"], b.get("full_reason"))
PY
}

d=$T/data
mkdir -p "$d"
head -c 30000 /dev/urandom >"$d/blob"
echo one >"$d/note"
pass1='first correct horse'
pass2='second battery staple'
printf '%s\n' "$pass1" >"$T/pass.txt"
chmod 600 "$T/pass.txt"
mk_profile pp "$d"
printf 'encryption = { passphrase_file = "pass.txt"; };\nincremental = { };\n' >>"$T/pp.conf"
tagf=$T/state/cache/pp/passphrase-tag

expect_exit 0 at 1 "$RST" backup "$T/pp.conf"
[ -f "$tagf" ] || fail "no passphrase tag after a passphrase backup"
[ "$(stat -c %a "$tagf")" = 600 ] || fail "the passphrase tag is not 0600"
echo two >>"$d/note"
expect_exit 0 at 2 "$RST" backup "$T/pp.conf"
expect_stderr 'incremental 1 of a chain'
[ "$(last_full_reason)" = "incremental None" ] || fail "same passphrase: not an incremental"

# A new passphrase: a full, recipients_changed.
printf '%s\n' "$pass2" >"$T/pass.txt"
echo three >>"$d/note"
expect_exit 0 at 3 "$RST" backup "$T/pp.conf"
expect_stderr 'full backup \(recipients_changed\): the passphrase changed \(snapshot '
[ "$(last_full_reason)" = "full recipients_changed" ] || fail "journal: $(last_full_reason)"
new_full=$(basename "$(snapdir pp)")
echo four >>"$d/note"
expect_exit 0 at 4 "$RST" backup "$T/pp.conf"
expect_stderr 'incremental 1 of a chain, on '"$new_full"
expect_exit 0 at 5 "$RST" restore "$T/pp.conf" latest --target "$T/out"
same_tree "$d" "$T/out$d" "restore of the new chain"

# The same passphrase from the environment chains on.
sed 's#passphrase_file = "pass.txt"#passphrase_env = "RST_TEST_PASS"#' "$T/pp.conf" >"$T/ppenv.conf"
echo five >>"$d/note"
RST_TEST_PASS=$pass2 expect_exit 0 at 5 "$RST" backup "$T/ppenv.conf"
expect_stderr 'incremental 2 of a chain'
RST_TEST_PASS=$pass1 expect_exit 0 at 6 "$RST" backup "$T/ppenv.conf"
expect_stderr 'full backup \(recipients_changed\): the passphrase changed'

# A lost, damaged or foreign tag cannot confirm the passphrase: a full.
printf '%s\n' "$pass1" >"$T/pass.txt"
cp "$tagf" "$T/tag.saved"
rm "$tagf"
expect_exit 0 at 7 "$RST" backup "$T/pp.conf"
expect_stderr 'full backup \(recipients_changed\): the passphrase cannot be confirmed: no passphrase tag'
printf 'x' >>"$tagf"
expect_exit 0 at 8 "$RST" backup "$T/pp.conf"
expect_stderr 'full backup \(recipients_changed\): the passphrase cannot be confirmed: .*passphrase-tag: checksum mismatch'
cp "$T/tag.saved" "$tagf"
expect_exit 0 at 9 "$RST" backup "$T/pp.conf"
expect_stderr 'full backup \(recipients_changed\): the passphrase cannot be confirmed: .*written for another snapshot'
expect_exit 0 at 10 "$RST" backup "$T/pp.conf"
expect_stderr 'incremental 1 of a chain'

# Nothing of the passphrase or its tag leaves state_dir's cache.
tag=$(head -c -32 "$tagf" | zstd -dc | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["tag"])') ||
	fail "the passphrase tag does not read"
[ ${#tag} = 64 ] || fail "passphrase tag: '$tag'"
grep -rqaF -e "$tag" -e "$pass1" -e "$pass2" "$T/repo" "$T/state/journal" "$OUT" "$ERR" &&
	fail "the passphrase or its tag leaked"
grep -qaF -e "$pass1" -e "$pass2" "$tagf" && fail "the tag file holds the passphrase"
exit 0
