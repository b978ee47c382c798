#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The incremental group in check-config: every key and value checked with
# FILE:LINE, misspelt keys get a suggestion, overlapping paths are refused
# (the canonical order needs disjoint roots), and nothing is written to
# the repository by a backup with a bad group; "0" for full_every makes
# every backup a full.

. "$(dirname "$0")/lib.sh"

d=$T/data
mkdir -p "$d/sub"
echo x >"$d/sub/x"
mk_profile ic "$d"
cp "$T/ic.conf" "$T/base.conf"

# cfg_error LINE REGEX: check-config and backup exit 2, naming FILE:LINE.
cfg_error() {
	expect_exit 2 "$RST" check-config "$T/ic.conf"
	expect_stderr "ic\\.conf:$1: .*$2"
	expect_exit 2 "$RST" backup "$T/ic.conf"
	[ ! -e "$T/repo/snapshots" ] || fail "a backup with a bad profile wrote to the repository"
}
set_inc() { cp "$T/base.conf" "$T/ic.conf"; printf '%s\n' "$1" >>"$T/ic.conf"; }

set_inc 'incremental = { full_evry = "7d"; };'
cfg_error 7 'unknown key \(did you mean full_every\?\)'
set_inc 'incremental = { full_every = "7 days"; };'
cfg_error 7 'invalid duration "7 days"'
set_inc 'incremental = { max_chain = 0; };'
cfg_error 7 'must be between 1 and 1000'
set_inc 'incremental = { rehash = "yes"; };'
cfg_error 7 'expected true or false'
set_inc 'incremental = { ignore = [ "inode", "device" ]; };'
cfg_error 7 'expected "inode" or "ctime", not "device"'
set_inc 'incremental = "on";'
cfg_error 7 'expected a group'
set_inc 'incremental = { ignore = [ "inode", "ctime" ]; rehash = true; max_chain = 3; full_every = "1d"; };'
expect_exit 0 "$RST" check-config "$T/ic.conf"

# Overlapping roots.
sed "s|^paths = .*|paths = [ \"$d\", \"$d/sub\" ];|" "$T/base.conf" >"$T/ic.conf"
cfg_error 2 "overlaps $d"

# full_every = "0": every backup is a full, the reason said.
set_inc 'incremental = { full_every = "0"; };'
expect_exit 0 "$RST" backup "$T/ic.conf"
expect_exit 0 "$RST" backup "$T/ic.conf"
expect_stderr 'full backup \(full_due\): full_every is 0'
[ "$(json_get "$(snapdir ic)/manifest.json" 'd["kind"]')" = full ] || fail "full_every 0 made an incremental"
exit 0
