#!/bin/sh
# SPDX-License-Identifier: ISC
#
# Restore a snapshot, full or incremental, with stock tools only:
# openssl, sha256sum, zstd, tar, xargs, rm, sed, grep (and age for an
# encrypted profile).  No restorable, no jq.
#
#   sh stock-restore.sh SNAPSHOTS_DIR SNAPSHOT SIGNING_PUB TARGET [AGE_KEY]
#
# SNAPSHOTS_DIR is REPO/snapshots/PROFILE.  From SNAPSHOT down to its base
# (the full it descends from), each manifest is checked: its signature
# with SIGNING_PUB, that it names its own folder and profile, and that the
# parent it names is, byte for byte, the manifest found there (its
# SHA-256).  Then, base first, each snapshot's objects are checked
# against its manifest, the paths its deletions list names are removed
# from TARGET, and its stream is extracted over TARGET.  The result is the
# tree of SNAPSHOT.  Any failed check stops the script before the next
# write.
set -eu

[ $# -ge 4 ] || { echo "usage: $0 SNAPSHOTS_DIR SNAPSHOT SIGNING_PUB TARGET [AGE_KEY]" >&2; exit 2; }
snaps=$1 snap=$2 pub=$3 target=$4 agekey=${5:-}
profile=$(basename "$snaps")

die() { echo "stock-restore: $*" >&2; exit 4; }

# field MANIFEST KEY: a top-level string field (the manifest is indented
# by two spaces per level, one key a line).
field() { sed -n "s/^  \"$2\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$1"; }
# link MANIFEST parent|base KEY: a field of the parent or base object.
link() {
	grep -A2 "^  \"$2\": {" "$1" | sed -n "s/^    \"$3\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p"
}
# sums MANIFEST: "SHA256  NAME" for every object the manifest lists.
sums() {
	sed -n -e '/^ *"name": "/{s/^ *"name": "\(.*\)",$/\1/;h;}' \
	    -e '/^ *"sha256": "/{G;s/^ *"sha256": "\([0-9a-f]\{64\}\)",\{0,1\}\n\(..*\)$/\1  \2/p;s/.*//;x;}' "$1"
}
# unpack FILE...: decrypt (with AGE_KEY) the objects of an encrypted
# snapshot (names ending in .age or .age.NNNNNN).
unpack() {
	case $1 in
	*.age | *.age.*) cat "$@" | age -d -i "$agekey" | zstd -dc ;;
	*) cat "$@" | zstd -dc ;;
	esac
}

# 1. From SNAPSHOT down to its base: signatures and links.
chain= id=$snap
while :; do
	m=$snaps/$id/manifest.json
	[ -f "$m" ] && [ -f "$m.sig" ] || die "snapshot $id: missing (the chain is broken)"
	openssl pkeyutl -verify -pubin -inkey "$pub" -rawin -in "$m" \
		-sigfile "$m.sig" >/dev/null || die "snapshot $id: bad signature"
	[ "$(field "$m" snapshot)" = "$id" ] && [ "$(field "$m" profile)" = "$profile" ] ||
		die "snapshot $id: its manifest names another snapshot or profile"
	chain="$id $chain"
	[ "$(field "$m" kind)" = incremental ] || break
	parent=$(link "$m" parent id)
	want=$(link "$m" parent manifest_sha256)
	[ -f "$snaps/$parent/manifest.json" ] || die "snapshot $id: parent $parent is missing"
	got=$(sha256sum <"$snaps/$parent/manifest.json" | cut -d' ' -f1)
	[ "$got" = "$want" ] || die "snapshot $id: parent $parent is not the one it was made on"
	id=$parent
done

# 2. Base first: check the objects, delete, extract.
mkdir -p "$target"
for id in $chain; do
	dir=$snaps/$id
	(cd "$dir" && sums manifest.json | sha256sum -c --quiet -) ||
		die "snapshot $id: an object does not match its manifest"
	for del in "$dir"/deleted.nul.zst*; do
		[ -f "$del" ] || continue
		unpack "$del" | (cd "$target" && xargs -0 -r rm -rf --)
	done
	unpack "$dir"/stream.pax.zst.* | tar -xf - -C "$target"
done
