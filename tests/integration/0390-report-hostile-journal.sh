#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# One self-signed journal in a shared repository (someone else's key, its
# own keys/NAME.pub, every line and the head validly signed) cannot crash
# or corrupt the fleet report: its drill has a check with output and no
# result, and its numbers are 1e300 (beyond any integer).  The HTML,
# Markdown and JSON reports are written (exit 4: the intruder's journal
# names a snapshot the repository does not hold, an integrity finding), the
# local profile's section is there, the check output is escaped, and no
# number wraps round to a negative value.

. "$(dirname "$0")/lib.sh"
need python3 openssl

d=$T/data
mkdir -p "$d"
echo hello >"$d/a.txt"
mk_profile hq "$d"
expect_exit 0 "$RST" backup "$T/hq.conf"

# The intruder: a key of its own, published as keys/intruder.pub.
expect_exit 0 "$RST" keygen --out "$T/k2"
cp "$T/k2/signing.pub" "$T/repo/keys/intruder.pub"
cat >"$T/rec.jsonl" <<'EOF2'
{"ts":"2026-12-01T10:00:00Z","kind":"backup","host":"h","user":"u","result":"pass","exit":0,"data":{"snapshot":"20261201T100000Z-aaaaaa","files":1e300,"bytes":1e300,"stored":1e300,"parts":1e300,"seconds":1e300}}
{"ts":"2026-12-01T11:00:00Z","kind":"drill","host":"h","user":"u","result":"fail","exit":1,"data":{"snapshot":"20261201T100000Z-aaaaaa","files_verified":1e300,"missing":1e300,"extra":1e300,"changed":1e300,"rto_seconds":1e300,"rpo_seconds":1e300,"checks":[{"name":"no result","output":"<b>bold</b> output"}],"reasons":["r"]}}
{"ts":"2026-12-01T12:00:00Z","kind":"prune","host":"h","user":"u","result":"pass","exit":0,"data":{"kept":1e300,"pruned":1e300}}
EOF2
python3 "$SRCDIR/tests/integration/jsign.py" --key "$T/k2/signing.pem" \
	--records "$T/rec.jsonl" --out-jsonl "$T/repo/journal/intruder.jsonl" \
	--out-head "$T/repo/journal/intruder.head" || fail "jsign.py failed"

for f in html md json; do
	expect_exit 4 "$RST" report --repository "file://$T/repo" \
		--key "$T/keys/signing.pem" --since 2026-11-01 --format "$f" \
		--out "$T/fleet.$f"
	[ -s "$T/fleet.$f" ] || fail "$f: no report written"
	grep -q hq "$T/fleet.$f" || fail "$f: the local profile is missing"
	grep -q intruder "$T/fleet.$f" || fail "$f: the intruder's journal is missing"
	if grep -q -- '-9223372036854775808' "$T/fleet.$f"; then
		grep -n -- '-9223372036854775808' "$T/fleet.$f" | head -5 >&2
		fail "$f: a number of 1e300 wrapped round to a negative integer"
	fi
done
grep -q '"snapshot_missing"' "$T/fleet.json" || fail "the intruder's missing snapshot is not a finding"
grep -q '&lt;b&gt;bold&lt;/b&gt; output' "$T/fleet.html" ||
	fail "html: the output of a check without a result is not shown escaped"
grep -q '<b>bold' "$T/fleet.html" && fail "html: check output not escaped"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/fleet.json" ||
	fail "json: the report does not parse"
exit 0
