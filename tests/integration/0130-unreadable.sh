#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# on_unreadable: a file (or dir) the backup cannot read is named on stderr;
# the snapshot is committed with what was readable and marked
# "incomplete": true; "error" (the default) exits 1, "warn" exits 0.
# As root the backup runs as nobody (65534) through setpriv, since root
# reads a mode-000 file anyway.

. "$(dirname "$0")/lib.sh"
need zstd python3

if [ "$(id -u)" -eq 0 ]; then
	need setpriv
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
	owner=65534:65534
else
	as_user() { "$@"; }
	owner=$(id -u):$(id -g)
fi

chmod 0755 "$T"
u=$T/u
mkdir -p "$u/keys" "$u/data/sub" "$u/data/locked-dir"
ensure_keys
cp "$T/keys/signing.pem" "$T/keys/signing.pub" "$u/keys/"
echo readable >"$u/data/ok.txt"
echo "deep" >"$u/data/sub/deep.txt"
echo secret >"$u/data/sub/secret.bin"
echo hidden >"$u/data/locked-dir/inside.txt"
chown -R "$owner" "$u"
chmod 0700 "$u/keys" && chmod 0600 "$u/keys/signing.pem"
chmod 0000 "$u/data/sub/secret.bin"
as_user test -r "$u/data/sub/secret.bin" && skip "the unprivileged user can still read a mode-000 file"
as_user test -r "$u/keys/signing.pem" ||
	fail "test setup: uid 65534 cannot read $u/keys/signing.pem (is every parent of $T searchable by others?)"

write_profile() {   # NAME ON_UNREADABLE
	cat >"$u/$1.conf" <<EOF
name = "$1";
paths = [ "$u/data" ];
repository = "file://$u/repo";
signing_key = "keys/signing.pem";
state_dir = "$u/state";
part_size = "1M";
${2:+on_unreadable = \"$2\";}
EOF
	chown "$owner" "$u/$1.conf"
}

# check_incomplete NAME: the newest snapshot of NAME is committed, marked
# incomplete, lists as such, and its index holds the readable files only.
check_incomplete() {
	local snap
	snap=$(snapdir "$1" "$u/repo")
	[ -n "$snap" ] && [ -f "$snap/manifest.json.sig" ] || fail "$1: no committed snapshot after an incomplete backup"
	[ "$(json_get "$snap/manifest.json" 'd["incomplete"]')" = True ] ||
		{ cat "$snap/manifest.json"; fail "$1: manifest does not say \"incomplete\": true"; }
	as_user "$RST" --json list "$u/$1.conf" >"$T/list.json" 2>"$T/list.err" || { cat "$T/list.err"; fail "$1: list failed"; }
	[ "$(json_get "$T/list.json" 'len(d["snapshots"])')" = 1 ] || { cat "$T/list.json"; fail "$1: list does not show the snapshot"; }
	[ "$(json_get "$T/list.json" 'd["snapshots"][0]["incomplete"]')" = True ] ||
		{ cat "$T/list.json"; fail "$1: list does not show it as incomplete"; }
	zstd -dc "$snap/index.jsonl.zst" >"$T/index.jsonl" || fail "cannot read the index"
	grep -q '/ok.txt"' "$T/index.jsonl" || fail "$1: readable ok.txt is not in the index"
	grep -q '/sub/deep.txt"' "$T/index.jsonl" || fail "$1: readable sub/deep.txt is not in the index"
	grep -q 'secret.bin' "$T/index.jsonl" && grep 'secret.bin' "$T/index.jsonl" | grep -q '"sha256"' &&
		fail "$1: the unreadable file is indexed with a hash"
	as_user "$RST" verify --deep "$u/$1.conf" >"$T/verify.out" 2>&1 || { cat "$T/verify.out"; fail "$1: verify --deep of the incomplete snapshot failed"; }
}

# on_unreadable = "error" (explicit): exit 1, the file named, committed.
write_profile unr-error error
expect_exit 1 as_user "$RST" backup "$u/unr-error.conf"
expect_stderr 'secret\.bin'
check_incomplete unr-error

# The default is "error".
write_profile unr-default ""
expect_exit 1 as_user "$RST" backup "$u/unr-default.conf"
expect_stderr 'secret\.bin'
check_incomplete unr-default

# "warn": exit 0, still committed as incomplete.
write_profile unr-warn warn
expect_exit 0 as_user "$RST" backup "$u/unr-warn.conf"
check_incomplete unr-warn

# An unreadable directory is reported the same way.
chmod 0644 "$u/data/sub/secret.bin"
chmod 0000 "$u/data/locked-dir"
write_profile unr-dir error
expect_exit 1 as_user "$RST" backup "$u/unr-dir.conf"
expect_stderr 'locked-dir'
snap=$(snapdir unr-dir "$u/repo")
[ -f "$snap/manifest.json.sig" ] || fail "unreadable dir: snapshot not committed"
[ "$(json_get "$snap/manifest.json" 'd["incomplete"]')" = True ] || fail "unreadable dir: snapshot not marked incomplete"

# Everything readable again: a complete snapshot, exit 0.
chmod 0755 "$u/data/locked-dir"
expect_exit 0 as_user "$RST" backup "$u/unr-dir.conf"
snap=$(snapdir unr-dir "$u/repo")
[ "$(json_get "$snap/manifest.json" 'd["incomplete"]')" = False ] || fail "a complete backup is marked incomplete"
exit 0
