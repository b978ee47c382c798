#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Keys: a snapshot signed by one key is refused (exit 4) when the profile
# holds another key; a backup by another key under a profile name already
# in the repository is refused (exit 4, "profile name already used by
# another key") and commits nothing; verify_key = the right .pub alone
# (no private key) is enough for list, verify and restore, also on a fresh
# host with an empty state dir; a wrong verify_key is exit 4; the rightful
# signing key with a lost (empty) state dir can still verify and restore.

. "$(dirname "$0")/lib.sh"
need python3

d=$T/data
mkdir -p "$d/sub"
echo one >"$d/one.txt"
echo two >"$d/sub/two.txt"
mk_profile wk "$d"
expect_exit 0 "$RST" backup "$T/wk.conf"
id=$(basename "$(snapdir wk)")
expect_exit 0 "$RST" keygen --out "$T/keys2"

# Same name, same repository, the other signing key.
sed "s|^signing_key = .*|signing_key = \"keys2/signing.pem\";|" "$T/wk.conf" >"$T/wk-other.conf"
expect_exit 4 "$RST" verify "$T/wk-other.conf"
expect_stderr 'key'
expect_exit 4 "$RST" verify "$T/wk-other.conf" "$id"
expect_exit 4 "$RST" restore "$T/wk-other.conf" "$id" --target "$T/t-other"
[ -z "$(find "$T/t-other" -type f 2>/dev/null)" ] || fail "restore with the wrong key wrote files"
expect_exit 4 "$RST" backup "$T/wk-other.conf"
expect_stderr 'profile name already used by another key'
[ "$(committed_dirs wk)" = 1 ] || fail "a backup by another key committed a snapshot"
[ "$(find "$T/repo/snapshots/wk" -mindepth 1 -maxdepth 1 | wc -l)" = 1 ] ||
	{ find "$T/repo/snapshots/wk"; fail "a refused backup left a snapshot folder"; }
cmp -s "$T/repo/keys/wk.pub" "$T/keys/signing.pub" || fail "a refused backup replaced keys/wk.pub"
# ...also with a fresh state dir (another host, same profile name).
sed "s|^state_dir = .*|state_dir = \"$T/state-other\";|" "$T/wk-other.conf" >"$T/wk-other2.conf"
expect_exit 4 "$RST" backup "$T/wk-other2.conf"
expect_stderr 'profile name already used by another key'
[ "$(committed_dirs wk)" = 1 ] || fail "a backup by another key (fresh state) committed a snapshot"

# The rightful key still works, and list counts 1.
expect_exit 0 "$RST" verify --deep "$T/wk.conf"
[ "$(snap_count "$T/wk.conf")" = 1 ] || fail "list does not show 1 snapshot"

# verify_key only (no private key on this host): list, verify, restore.
mkdir -p "$T/pubonly"
cp "$T/keys/signing.pub" "$T/pubonly/wk.pub"
write_pubonly() {   # CONF STATE PUBFILE
	cat >"$1" <<EOF
name = "wk";
paths = [ "$d" ];
repository = "file://$T/repo";
verify_key = "$3";
state_dir = "$2";
part_size = "1M";
EOF
}
write_pubonly "$T/wk-pub.conf" "$T/state" "pubonly/wk.pub"
expect_exit 0 "$RST" check-config "$T/wk-pub.conf"
expect_exit 0 "$RST" list "$T/wk-pub.conf"
expect_stdout "$id"
expect_exit 0 "$RST" verify "$T/wk-pub.conf"
expect_exit 0 "$RST" verify --deep "$T/wk-pub.conf" "$id"
expect_exit 0 "$RST" restore "$T/wk-pub.conf" latest --target "$T/t-pub"
diff -r "$d" "$T/t-pub$d" || fail "restore with verify_key differs from the source"
# ...but it cannot back up (no signing key): a configuration error.
expect_exit 2 "$RST" backup "$T/wk-pub.conf"
expect_stderr 'signing_key'
[ "$(committed_dirs wk)" = 1 ] || fail "a backup without signing_key committed a snapshot"

# A restore host after a disaster: verify_key, an empty state dir.
write_pubonly "$T/wk-new-host.conf" "$T/state-new-host" "pubonly/wk.pub"
expect_exit 0 "$RST" list "$T/wk-new-host.conf"
expect_stdout "$id"
expect_exit 0 "$RST" verify "$T/wk-new-host.conf"
expect_exit 0 "$RST" restore "$T/wk-new-host.conf" latest --target "$T/t-new-host"
diff -r "$d" "$T/t-new-host$d" || fail "restore on a fresh host differs from the source"
expect_exit 0 "$RST" verify "$T/wk-new-host.conf"

# A verify_key that is not the signer's: exit 4 everywhere.
write_pubonly "$T/wk-badpub.conf" "$T/state-badpub" "keys2/signing.pub"
expect_exit 4 "$RST" verify "$T/wk-badpub.conf"
expect_exit 4 "$RST" list "$T/wk-badpub.conf"
expect_exit 4 "$RST" restore "$T/wk-badpub.conf" latest --target "$T/t-badpub"
[ -z "$(find "$T/t-badpub" -type f 2>/dev/null)" ] || fail "restore with a wrong verify_key wrote files"

# The rightful signing key on a host whose state dir was lost (the disaster
# case: keys kept off-site, a new machine): list, verify and restore work.
sed "s|^state_dir = .*|state_dir = \"$T/state-lost\";|" "$T/wk.conf" >"$T/wk-lost.conf"
expect_exit 0 "$RST" list "$T/wk-lost.conf"
expect_stdout "$id"
expect_exit 0 "$RST" verify "$T/wk-lost.conf"
expect_exit 0 "$RST" verify --deep "$T/wk-lost.conf" "$id"
expect_exit 0 "$RST" restore "$T/wk-lost.conf" latest --target "$T/t-lost"
diff -r "$d" "$T/t-lost$d" || fail "restore with a lost state dir differs from the source"
exit 0
