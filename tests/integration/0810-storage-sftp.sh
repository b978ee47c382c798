#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# SFTP against a real OpenSSH sshd on loopback (key login, ed25519 host
# key): backup -> list -> verify --deep -> restore gives back the same tree
# with the host key pinned by host_key_sha256, and again with known_hosts;
# curl fetches manifest.json and its signature and openssl accepts it; the
# journal is rewritten in place (OpenSSH refuses rename onto a name); a
# profile with neither pin nor known_hosts is refused.  A URL with /~/
# (a folder in the user's home, here the session's start folder) backs up,
# prunes and verifies in that folder.  An incremental chain restores,
# drills and verifies from the server; its middle link gone is exit 4.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3 zstd ssh-keygen curl openssl
. "$(dirname "$0")/sshd.sh"
sshd_setup "Subsystem sftp internal-sftp -d $T/ssh/home"
sshd_start
PORT=$SPORT

storage_data

repo_group() {
	sed -i -e '/^repository = "/d' -e '/^repository = {/,/^};/d' "$T/sf.conf"
	cat >>"$T/sf.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$PORT$S/data/repo";
	ssh_key = "$T/client_ed25519";
	timeout = "20s";
	retries = 2;
	$1
};
CONF
}
mk_profile sf "$d"
repo_group "host_key_sha256 = \"$FP\";"

root=$S/data/repo
remote_backup sf "$root"
remote_restore sf

# Independently: curl fetches manifest and signature; openssl verifies.
for f in manifest.json manifest.json.sig; do
	curl -sSf --hostpubsha256 "${FP#SHA256:}" --key "$T/client_ed25519" \
		--pubkey "$T/client_ed25519.pub" -u "$ME:" \
		-o "$T/$f" "sftp://127.0.0.1:$PORT$snap/$f" || fail "curl cannot fetch $f"
done
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin \
	-in "$T/manifest.json" -sigfile "$T/manifest.json.sig" >/dev/null ||
	fail "openssl does not accept the signature fetched over SFTP"

# known_hosts instead of the pin; a second backup rewrites the journal.
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1,2 "$S/host_ed25519.pub")" >"$T/known_hosts"
repo_group "known_hosts = \"$T/known_hosts\";"
echo changed >"$d/a.txt"
expect_exit 0 "$RST" backup "$T/sf.conf"
[ "$(snap_count "$T/sf.conf")" = 2 ] || fail "list does not show 2 snapshots"
expect_exit 0 "$RST" journal verify "$T/sf.conf"
[ -z "$(find "$root" -name '*.tmp-*')" ] || fail "temp objects left after the second backup"

# A drill restores the latest snapshot from the server and passes.
expect_exit 0 "$RST" drill "$T/sf.conf" latest

# sftp://USER@HOST/~/PATH: PATH in the home folder, for the transfers and
# for the rename, delete and rmdir commands alike.
mkdir -p "$S/home"
mk_profile hm "$d"
sed -i '/^repository = /d' "$T/hm.conf"
cat >>"$T/hm.conf" <<CONF
repository = {
	url = "sftp://$ME@127.0.0.1:$PORT/~/in%20home";
	ssh_key = "$T/client_ed25519";
	host_key_sha256 = "$FP";
};
retention = { keep_last = 1; };
CONF
expect_exit 0 "$RST" backup "$T/hm.conf"
first=$(snapdir hm "$S/home/in home")
[ -n "$first" ] && [ -e "$first/manifest.json.sig" ] || fail "no snapshot under the home folder"
expect_exit 0 "$RST" backup "$T/hm.conf"
expect_exit 0 "$RST" prune "$T/hm.conf"
[ ! -e "$first" ] || fail "prune left the first snapshot in the home folder"
[ "$(snap_count "$T/hm.conf")" = 1 ] || fail "list does not show 1 snapshot after prune"
expect_exit 0 "$RST" verify "$T/hm.conf" latest
expect_exit 0 "$RST" journal verify "$T/hm.conf"

# check-config --connect logs in, lists and writes+deletes a temp object;
# a wrong pin fails there, today, with the storage exit code.
repo_group "host_key_sha256 = \"$FP\";"
expect_exit 0 "$RST" -v check-config --connect "$T/sf.conf"
expect_stdout "profile sf is valid, its repository answers"
expect_stderr "wrote and deleted snapshots/sf/\.tmp-check-config-"
[ -z "$(find "$S/data/repo" -name '*.tmp-*')" ] || fail "check-config --connect left its probe"
repo_group 'host_key_sha256 = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";'
expect_exit 3 "$RST" check-config --connect "$T/sf.conf"
expect_stderr "sf\.conf: repository \(--connect\): "
expect_exit 0 "$RST" check-config "$T/sf.conf"

# Neither a pin nor known_hosts: refused, never trusted blindly.
repo_group ""
expect_exit 2 "$RST" list "$T/sf.conf"
expect_stderr "host_key_sha256 or known_hosts"
expect_exit 2 "$RST" check-config "$T/sf.conf"
expect_stderr "sf\.conf:[0-9]+: repository: an sftp:// repository needs host_key_sha256 or known_hosts"

# An incremental chain over SFTP (DESIGN.md decisions 12-16).
repo_group "host_key_sha256 = \"$FP\";"
remote_chain sf "$S/data/repo"
exit 0
