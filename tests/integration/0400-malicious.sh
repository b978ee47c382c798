#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Restore never writes outside its target, even from a malicious snapshot
# that is validly signed (forge.py builds and signs one with the test key;
# `verify` accepts it, so only restore's path checks stand in the way):
# "../evil", "a/../../evil", a long pax name with "..", an absolute path,
# symlinks then writes through them (absolute, "..", a chain), a symlink
# then a file of the same name, hardlinks to files outside (relative,
# absolute, /etc/passwd, through a symlink, to a symlink), an absolute
# directory.  For each: restore exits
# 4, nothing appears in or changes under OUTSIDE, nothing is written
# anywhere outside the target.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

forge=$SRCDIR/tests/integration/forge.py
[ -f "$forge" ] || fail "missing $forge"

d=$T/data
mkdir -p "$d"
echo real >"$d/real.txt"
mk_profile evil "$d"
expect_exit 0 "$RST" backup "$T/evil.conf"
template=$(snapdir evil)/manifest.json

outside=$T/outside
mkdir -p "$outside"
echo "victim: must not change" >"$outside/victim"
passwd_sum=$(sha256sum /etc/passwd 2>/dev/null | cut -d' ' -f1)

# listing: what exists under $T (the targets' parent) besides the targets,
# the repository, the state dir and lib.sh's own files, with size, mode,
# link count and content hash of files; then the usual absolute victims.
listing() {
	(cd "$T" && find . -mindepth 1 \( -path ./repo -o -path ./state -o -path './tgt-*' -o -path './.*' \) \
		-prune -o -print0 | sort -z | xargs -0 -r stat -c '%n %F %s %a %h' &&
		find . -mindepth 1 \( -path ./repo -o -path ./state -o -path './tgt-*' -o -path './.*' \) \
		-prune -o -type f -print0 | sort -z | xargs -0 -r sha256sum)
	ls -la /tmp/evil /evil 2>&1
}

# Forged ids sort after the benign snapshot's (same second or not).
good=$(basename "$(snapdir evil)")
gt=${good%%-*}
good_s=$(date -u -d "${gt:0:4}-${gt:4:2}-${gt:6:2}T${gt:9:2}:${gt:11:2}:${gt:13:2}Z" +%s) ||
	fail "cannot read the time of snapshot $good"
n=0
for case in dotdot dotdot-inner dotdot-pax abs symlink-abs symlink-rel symlink-chain \
	hardlink-rel hardlink-abs hardlink-passwd hardlink-via-symlink hardlink-to-symlink \
	dir-abs symlink-file; do
	n=$((n + 1))
	id=$(date -u -d "@$((good_s + n))" +%Y%m%dT%H%M%SZ)-$(printf '%06x' $((0xa00000 + n)))
	sd=$T/repo/snapshots/evil/$id
	python3 "$forge" --case "$case" --outside "$outside" --template "$template" \
		--key "$T/keys/signing.pem" --snapdir "$sd" >"$T/forge.out" 2>&1 ||
		{ cat "$T/forge.out"; fail "$case: forge.py failed"; }
	# The forgery is a valid snapshot as far as signatures and hashes go.
	expect_exit 0 "$RST" verify "$T/evil.conf" "$id"
	before=$(listing)
	tgt=$T/tgt-$case
	if [ "$case" = symlink-file ]; then
		# replacing a symlink by a file is legitimate with --overwrite, but
		# the file must not be written through the link
		"$RST" restore "$T/evil.conf" "$id" --target "$tgt" --overwrite >"$OUT" 2>"$ERR"
		rc=$?
		note "$case: restore --overwrite exit $rc"
		[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || { show_last; fail "$case: restore exit $rc (want 0 or 4)"; }
	else
		expect_exit 4 "$RST" restore "$T/evil.conf" "$id" --target "$tgt"
		expect_stderr 'unsafe|refus|outside|symlink|\.\.'
	fi
	after=$(listing)
	if [ "$before" != "$after" ]; then
		diff <(echo "$before") <(echo "$after") >&2
		fail "$case: restore changed something outside its target"
	fi
	[ "$(cat "$outside/victim")" = "victim: must not change" ] || fail "$case: the outside victim file was changed"
	[ "$(stat -c %h "$outside/victim")" = 1 ] || fail "$case: the outside victim file gained a hardlink"
	[ -z "$(find "$outside" -mindepth 1 ! -name victim)" ] || { find "$outside"; fail "$case: something was created in OUTSIDE"; }
	[ -e "$T/evil" ] && fail "$case: $T/evil was created"
	if [ -n "$passwd_sum" ]; then
		[ "$(sha256sum /etc/passwd | cut -d' ' -f1)" = "$passwd_sum" ] || fail "$case: /etc/passwd changed!"
	fi
	# Nothing written in the target through a link either: every regular
	# file in the target has one link and lies inside the target.
	if [ -d "$tgt" ]; then
		while IFS= read -r -d '' f; do
			[ "$(stat -c %h "$f")" = 1 ] || fail "$case: $f in the target is a hardlink to something"
		done < <(find "$tgt" -type f -print0)
	fi
	# And `restore ... latest` (this forgery is the newest) refuses too.
	if [ "$case" != symlink-file ]; then
		expect_exit 4 "$RST" restore "$T/evil.conf" latest --target "$T/tgt-latest-$case"
	fi
	[ -z "$(find "$outside" -mindepth 1 ! -name victim)" ] || fail "$case (latest): something was created in OUTSIDE"
	note "$case: refused"
	rm -rf "$sd"
done

# The benign snapshot of the same repository still restores.
expect_exit 0 "$RST" restore "$T/evil.conf" latest --target "$T/tgt-good"
cmp "$d/real.txt" "$T/tgt-good$d/real.txt" || fail "the good snapshot does not restore"
exit 0
