#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# An encrypted profile backs up incrementally without identity_file (the
# stat cache needs no key); the deletions object is encrypted like the
# index and no name leaks into the repository; restorable restore (with
# the identity) and the stock-tool restore (age -d) of the chain equal the
# tree; new recipients make a full (recipients_changed).

. "$(dirname "$0")/lib.sh"
need_faketime
need age age-keygen zstd tar openssl

d=$T/data
mkdir -p "$d/Secret-Folder"
echo payroll >"$d/Secret-Folder/Confidential-Payroll"
echo list >"$d/Secret-Folder/Employee-List"
head -c 50000 /dev/urandom >"$d/blob"
mk_profile enc "$d"
r1=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y"
cp "$T/enc.conf" "$T/plain.conf"
printf 'encryption = { recipients = [ "%s" ]; };\nincremental = { };\n' "$r1" >>"$T/enc.conf"
cp "$T/enc.conf" "$T/restore.conf"
sed -i 's|^encryption = .*|encryption = { recipients = [ "'"$r1"'" ]; identity_file = "keys/age.key"; };|' "$T/restore.conf"
grep -q identity_file "$T/enc.conf" && fail "the backup profile must not have identity_file"

expect_exit 0 at 1 "$RST" backup "$T/enc.conf"
echo "more" >>"$d/Secret-Folder/Confidential-Payroll"
rm "$d/Secret-Folder/Employee-List"
expect_exit 0 at 2 "$RST" backup "$T/enc.conf"
expect_stderr 'incremental 1 of a chain'
S=$(snapdir enc)
[ -f "$S/deleted.nul.zst.age" ] || fail "no deleted.nul.zst.age in an encrypted incremental"
[ ! -e "$S/deleted.nul.zst" ] || fail "plaintext deletions in an encrypted snapshot"
[ "$(json_get "$S/manifest.json" 'd["stream"]["files"]')" = 1 ] || fail "the incremental stores more than the changed file"
# The index is compressed against the base's, readable with age and zstd.
[ "$(json_get "$S/manifest.json" 'd["index"].get("patch_from")')" = base-in ] ||
	fail "the encrypted incremental's index is not compressed against its base"
B=$(json_get "$S/manifest.json" 'd["base"]["id"]')
age -d -i "$T/keys/age.key" "$T/repo/snapshots/enc/$B/index.jsonl.zst.age" | zstd -dc |
	LC_ALL=C sed -E '/,"type":"(file|hardlink)",/s/,"zframe":[0-9]+,"zoff":[0-9]+}$/,"in":"'"$B"'"}/' >"$T/base.jsonl"
age -d -i "$T/keys/age.key" "$S/index.jsonl.zst.age" |
	zstd -qd --patch-from="$T/base.jsonl" -c >"$T/inc.jsonl" ||
	fail "the stock tools cannot read the encrypted incremental's index"
grep -q '/blob",.*"in":"'"$B"'"' "$T/inc.jsonl" || fail "the incremental's index lacks the unchanged blob"
for needle in Secret-Folder Confidential-Payroll Employee-List; do
	grep -rlaF "$needle" "$T/repo" >"$T/leak" && { cat "$T/leak" >&2; fail "name '$needle' readable in the repository"; }
done
expect_exit 0 at 3 "$RST" verify "$T/enc.conf"
expect_exit 0 at 3 "$RST" verify --deep "$T/restore.conf"
expect_exit 0 at 3 "$RST" restore "$T/restore.conf" latest --target "$T/out"
same_tree "$d" "$T/out$d" "restore of an encrypted incremental"
expect_exit 0 sh "$SRCDIR/contrib/stock-restore.sh" "$T/repo/snapshots/enc" \
	"$(basename "$S")" "$T/keys/signing.pub" "$T/stock" "$T/keys/age.key"
diff -r --no-dereference "$d" "$T/stock$d" >&2 || fail "stock-tool restore of the encrypted chain differs"

# Other recipients: a new chain.
age-keygen -o "$T/second.key" 2>/dev/null
r2=$(age-keygen -y "$T/second.key")
sed -i "s|recipients = \\[ \"$r1\" \\]|recipients = [ \"$r1\", \"$r2\" ]|" "$T/enc.conf"
expect_exit 0 at 4 "$RST" backup "$T/enc.conf"
expect_stderr 'full backup \(recipients_changed\)'
exit 0
