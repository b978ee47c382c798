#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A backup whose snapshot is committed but whose journal record cannot be
# written (the repository refuses the journal upload: the hostile server
# answers every PUT under journal/ with 403) exits 3, and the message names
# the committed snapshot; the snapshot itself is listed and
# verifies.

. "$(dirname "$0")/lib.sh"
need python3 zstd
. "$(dirname "$0")/hostile.sh"

d=$T/src/data
mkdir -p "$d"
echo hello >"$d/a.txt"
hs_profile jc 'timeout = "10s"; retries = 0;' "$d"
hs_restart
expect_exit 0 "$RST" backup "$T/jc.conf"
hs_restart --refuse '^PUT /repo/journal/' --refuse-status 403
expect_exit 3 "$RST" backup "$T/jc.conf"
id=$(basename "$(snapdir jc "$T/dav/repo")")
expect_stderr "snapshot $id committed, but its journal record was not written"
[ "$(committed_dirs jc "$T/dav/repo")" = 2 ] || fail "the second snapshot is not committed"
grep -q '^PUT /repo/journal/' "$HS_LOG" || fail "no journal upload was refused (the test proved nothing)"
hs_restart
[ "$(snap_count "$T/jc.conf")" = 2 ] || fail "list does not show both snapshots"
expect_exit 0 "$RST" verify "$T/jc.conf" "$id"
echo "journal upload refused after the commit: exit 3 naming $id; the snapshot verifies"
