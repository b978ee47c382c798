#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A file an incremental backup cannot read keeps the version its chain
# holds: its index entry carries the old "in" and "stale": true, the
# snapshot is incomplete, it is not listed as deleted, and a restore
# gives back that version.  As root the backup runs as nobody (65534),
# since root reads a mode-000 file anyway.

. "$(dirname "$0")/lib.sh"
need_faketime
need zstd python3

if [ "$(id -u)" -eq 0 ]; then
	need setpriv
	user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
	owner=65534:65534
else
	user=()
	owner=$(id -u):$(id -g)
fi
chmod 0755 "$T"
u=$T/u
mkdir -p "$u/keys" "$u/data"
ensure_keys
cp "$T/keys/signing.pem" "$T/keys/signing.pub" "$u/keys/"
echo readable >"$u/data/ok.txt"
echo "old secret" >"$u/data/secret.bin"
{
	printf 'name = "st";\npaths = [ "%s/data" ];\n' "$u"
	printf 'repository = "file://%s/repo";\n' "$u"
	printf 'signing_key = "keys/signing.pem";\nstate_dir = "%s/state";\n' "$u"
	printf 'on_unreadable = "warn";\nincremental = { };\n'
} >"$u/st.conf"
chown -R "$owner" "$u"
chmod 0700 "$u/keys" && chmod 0600 "$u/keys/signing.pem"

expect_exit 0 at 1 "${user[@]}" "$RST" backup "$u/st.conf"
full=$(basename "$(snapdir st "$u/repo")")
cp -a "$u/data" "$T/then"
chmod 0000 "$u/data/secret.bin"
"${user[@]}" test -r "$u/data/secret.bin" && skip "the unprivileged user can still read a mode-000 file"
expect_exit 0 at 2 "${user[@]}" "$RST" backup "$u/st.conf"
expect_stderr "secret\\.bin: its version of snapshot $full stands \\(stale\\)"
snap=$(snapdir st "$u/repo")
[ "$(json_get "$snap/manifest.json" 'd["incomplete"]')" = True ] || fail "a stale entry must make the snapshot incomplete"
[ "$(json_get "$snap/manifest.json" 'd["kind"]')" = incremental ] || fail "not an incremental"
index_lines "$snap" | grep '/secret.bin"' >"$T/line" || fail "the unreadable file left the index"
grep -q "\"in\":\"$full\",\"stale\":true" "$T/line" || { cat "$T/line"; fail "no in + stale on the unreadable file"; }
[ "$(json_get "$snap/manifest.json" 'd["deleted"]["count"]')" = 0 ] || fail "the unreadable file is listed as deleted"
expect_exit 0 at 3 "${user[@]}" "$RST" restore "$u/st.conf" latest --target "$u/out"
chmod 0644 "$u/data/secret.bin"
diff -r "$T/then" "$u/out$u/data" >&2 || fail "restore does not give back the stale file's version"
exit 0
