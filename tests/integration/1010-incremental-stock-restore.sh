#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The README's stock-tool restore of an incremental chain
# (contrib/stock-restore.sh: openssl, sha256sum, zstd, tar, xargs -0 rm
# -rf; no jq, no restorable) gives the same tree as `restorable restore`
# of the 5th incremental, names that are not UTF-8 included; a tampered
# parent manifest or a missing link stops it before it writes.

. "$(dirname "$0")/lib.sh"
need_faketime
need zstd tar openssl sha256sum xargs

d=$T/data
mkdir -p "$d/a/b" "$d/c"
for i in 1 2 3 4; do head -c $((i * 5000)) /dev/urandom >"$d/a/f$i"; done
echo hello >"$d/c/$(printf 'caf\351')"
echo dir-soon >"$d/c/t"
ln -s ../a/f1 "$d/c/sym"
ln "$d/a/f4" "$d/a/b/f4-link"

mk_profile st "$d"
echo 'incremental = { };' >>"$T/st.conf"
# The README shows the script's object check word for word.
diff <(sed -n '/^sums() {/,/^}/p' "$SRCDIR/README.md") \
	<(sed -n '/^sums() {/,/^}/p' "$SRCDIR/contrib/stock-restore.sh") >&2 ||
	fail "README's sums() differs from contrib/stock-restore.sh"

expect_exit 0 at 1 "$RST" backup "$T/st.conf"
step() {
	case $1 in
	1) echo more >>"$d/a/f1"; rm "$d/a/f2" ;;
	2) rm "$d/c/t"; mkdir "$d/c/t"; echo in >"$d/c/t/x" ;;
	3) mv "$d/c/$(printf 'caf\351')" "$d/c/$(printf 'th\351')"; chmod 0700 "$d/a/f3" ;;
	4) rm -r "$d/c/t"; echo file-again >"$d/c/t"; ln -sfn ../a/f3 "$d/c/sym" ;;
	5) rm -r "$d/a/b"; echo new >"$d/a/new" ;;
	esac
}
for i in 1 2 3 4 5; do
	step "$i"
	expect_exit 0 at $((i + 1)) "$RST" backup "$T/st.conf"
	expect_stderr "incremental $i of a chain"
done
snap=$(basename "$(snapdir st)")

expect_exit 0 at 7 "$RST" restore "$T/st.conf" "$snap" --target "$T/by-restorable"
same_tree "$d" "$T/by-restorable$d" "restorable restore"
expect_exit 0 sh "$SRCDIR/contrib/stock-restore.sh" "$T/repo/snapshots/st" "$snap" \
	"$T/keys/signing.pub" "$T/by-stock"
same_tree "$T/by-restorable$d" "$T/by-stock$d" "stock-tool restore"

# The report re-hashes the verdict snapshot's whole chain: a damaged part
# of an older link makes the newest snapshot unverified.
link2=$(ls "$T/repo/snapshots/st" | sed -n 2p)
cp "$T/repo/snapshots/st/$link2/stream.pax.zst.000000" "$T/part.saved"
flip_byte "$T/repo/snapshots/st/$link2/stream.pax.zst.000000" 40
expect_exit 4 at 8 "$RST" report --format json --out "$T/report.json" "$T/st.conf"
[ "$(json_get "$T/report.json" 'd["profiles"][0]["inventory"]["verdict_snapshot"]["state"]')" = unverified ] ||
	fail "the report did not re-hash the verdict snapshot's chain"
grep -q "$link2/stream.pax.zst.000000: sha256 mismatch" "$T/report.json" ||
	fail "the report does not name the damaged link"
cp "$T/part.saved" "$T/repo/snapshots/st/$link2/stream.pax.zst.000000"

# A parent manifest that is not the one its child names; a missing link.
mid=$(ls "$T/repo/snapshots/st" | sed -n 3p)
cp -a "$T/repo/snapshots/st/$mid" "$T/saved"
sed -i 's/"host": "/"host": "x/' "$T/repo/snapshots/st/$mid/manifest.json"
expect_exit 4 sh "$SRCDIR/contrib/stock-restore.sh" "$T/repo/snapshots/st" "$snap" \
	"$T/keys/signing.pub" "$T/stock2"
expect_stderr "parent $mid is not the one it was made on"
[ ! -e "$T/stock2" ] || fail "stock-restore wrote before its checks"
rm -r "$T/repo/snapshots/st/$mid"
expect_exit 4 sh "$SRCDIR/contrib/stock-restore.sh" "$T/repo/snapshots/st" "$snap" \
	"$T/keys/signing.pub" "$T/stock3"
expect_stderr "parent $mid is missing"
expect_exit 4 at 7 "$RST" restore "$T/st.conf" "$snap" --target "$T/by-restorable2"
expect_stderr "parent $mid is missing"
exit 0
