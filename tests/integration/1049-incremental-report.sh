#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The report shows chains: a full and two incrementals are three backups
# like any other; the journal gives each its chain position; the HTML and
# Markdown tables give each backup its type ("full", "incremental N") with
# the size read and the size stored, and the HTML size chart draws the
# stored size as a second, dashed line.

. "$(dirname "$0")/lib.sh"
need_faketime
need python3

d=$T/data
mkdir -p "$d"
for i in 1 2 3 4; do head -c $((i * 40000)) /dev/urandom >"$d/f$i"; done
mk_profile inc "$d"
echo 'incremental = { full_every = "7d"; };' >>"$T/inc.conf"

expect_exit 0 at 1 "$RST" backup "$T/inc.conf"
echo "changed" >"$d/new.txt"
expect_exit 0 at 2 "$RST" backup "$T/inc.conf"
expect_exit 0 at 3 "$RST" backup "$T/inc.conf"
python3 - "$T/state/journal/inc.jsonl" <<'PY' || fail "journal: chain positions"
import json, sys
b = [json.loads(l)["data"] for l in open(sys.argv[1])]
b = [x for x in b if "chain_position" in x]
assert [x["chain_position"] for x in b] == [0, 1, 2], b
assert [x["kind"] for x in b] == ["full", "incremental", "incremental"], b
PY

# Not proven (no drill): exit 1, the reports are written all the same.
for f in json html md; do
	expect_exit 1 at 4 "$RST" report --lang en --format "$f" \
		--out "$T/report.$f" "$T/inc.conf"
done
python3 - "$T/report" <<'PY' || fail "the HTML or Markdown report does not show the chain"
import html, json, re, sys
base = sys.argv[1]
doc = json.load(open(base + ".json"))
b = doc["profiles"][0]["backups"]
items = b["items"]
assert b["count"] == 3 and b["failed"] == 0, b
assert [i["chain_position"] for i in items] == [0, 1, 2], items
inc = items[2]
assert inc["stored_bytes"] * 5 < inc["bytes"], inc

def size(n):
    for u in ["B", "KiB", "MiB", "GiB"]:
        if n < 1024 or u == "GiB":
            return ("%d %s" % (n, u)) if u == "B" else ("%.1f %s" % (n, u))
        n /= 1024.0

page = open(base + ".html").read()
rows = re.findall(r"<tr><td class=\"ts\">.*?</tr>", page)
md = open(base + ".md").read()
mdrows = [l for l in md.splitlines() if l.startswith("| 20")]
want = {items[0]["snapshot"]: "full", items[1]["snapshot"]: "incremental 1",
        items[2]["snapshot"]: "incremental 2"}
for it in items:
    snap, typ = it["snapshot"], want[it["snapshot"]]
    cells = [html.unescape(re.sub("<[^>]*>", "", c)) for c in
             re.findall(r"<td[^>]*>(.*?)</td>", [r for r in rows if snap in r][0])]
    assert typ in cells, (typ, cells)
    assert size(it["bytes"]) in cells and size(it["stored_bytes"]) in cells, \
        (size(it["bytes"]), size(it["stored_bytes"]), cells)
    row = [r for r in mdrows if snap in r]
    assert len(row) == 1, (snap, mdrows)
    cells = [c.strip() for c in row[0].strip("|").split("|")]
    assert typ in cells, (typ, cells)
    assert size(it["bytes"]) in cells and size(it["stored_bytes"]) in cells, \
        (size(it["bytes"]), size(it["stored_bytes"]), cells)
assert "| Type |" in md and "| Stored |" in md, "Markdown table head"
assert 'class="stored_bytes"' in page and "stroke-dasharray" in page, \
    "no stored line in the size chart"
PY
exit 0
