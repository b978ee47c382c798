#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A file that changes while the backup reads it is reported on stderr,
# counted in the manifest's warnings and flagged in its index entry; the
# snapshot still commits, verifies and restores consistently (the index
# holds the hash of the bytes that were stored).

. "$(dirname "$0")/lib.sh"

data=$T/data
mkdir -p "$data"
head -c 150000000 /dev/urandom >"$data/growing.log"
echo steady >"$data/steady.txt"

# A writer that keeps appending to the file for the whole backup.
( while :; do printf 'x' >>"$data/growing.log"; sleep 0.005; done ) &
writer=$!
at_exit 'kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null'

mk_profile ch "$data"
expect_exit 0 "$RST" backup "$T/ch.conf"
kill "$writer"
wait "$writer" 2>/dev/null
expect_stderr 'growing.log: file changed while it was read'

S=$(snapdir ch)
python3 - "$S/manifest.json" <<'PY' || fail "manifest does not record the change"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["warnings"]["changed"] >= 1, m["warnings"]
PY
index_lines "$S" | grep '"changed":true' | grep -q 'growing.log' ||
	fail "index entry of growing.log is not flagged changed"
index_lines "$S" | grep 'steady.txt' | grep -q '"changed"' &&
	fail "steady.txt flagged although it did not change"
python3 - "$T/state/journal/ch.jsonl" <<'PY' || fail "journal does not count the change"
import json, sys
rec = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert rec["kind"] == "backup" and rec["data"]["changed"] >= 1, rec["data"]
PY
expect_exit 0 "$RST" verify --deep "$T/ch.conf"
expect_exit 0 "$RST" drill "$T/ch.conf"
echo "a file changed during the read is reported, recorded and stays consistent"
