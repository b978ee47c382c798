#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: a layout that holds on phones, wide screens and paper, in every
# language.  Three profiles with real backups and drills (one drill fails,
# one profile is never drilled, so there are exceptions, red pills and
# long German labels), rendered by headless Chromium:
#
#   - every language of the registry at 390 px and 1280 px wide (each
#     report in an iframe of that width, all in one page; a copy of each report gets a script
#     that posts its document's scrollWidth to that page): the scrollWidth
#     never exceeds the viewport
#   - printed to PDF (--print-to-pdf), pdftotext finds every profile's
#     heading followed by its verdict in that language, and the footer
#     (the report id and "page N / M") on every page
#   - pass and fail differ by more than colour: pills carry a symbol
#     (CSS ::before), failed chart marks a dashed outline; every table has
#     a caption and every header cell a scope; every chart a text summary
#
# Chromium renders are heavy: like the other heavy matrices they run in
# the build without sanitizers only (DESIGN.md decision 26).

. "$(dirname "$0")/lib.sh"
need python3
export RST_LANGS
RST_LANGS=$(languages)

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip "chromium is not installed (contrib/deps.sh --test installs it)"
command -v pdftotext >/dev/null || skip "pdftotext is not installed (contrib/deps.sh --test installs poppler-utils)"
if ldd "$RST" 2>/dev/null | grep -q libasan; then
	skip "optional: Chromium renders run in the build without sanitizers only"
fi

ensure_keys
mkdir -p "$T/conf/profiles"
FLAG=$T/pass
touch "$FLAG"
for n in hosta-registry hostb-casefiles-archive-with-a-long-name hostc-payroll; do
	mkdir -p "$T/data/$n"
	echo "$n" >"$T/data/$n/f.txt"
	confdir_profile "$n" "$T/data/$n" <<CONF
exclude = [ "$T/data/$n/a-very-long-excluded-folder-name-that-does-not-break-by-itself" ];
schedule = { backup = "1d"; drill = "7d"; };
retention = { keep_last = 5; keep_daily = 7; keep_weekly = 4; keep_monthly = 12; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h";
  checks = ( { name = "a check with a rather long descriptive name"; command = "test -e $FLAG"; timeout = "30s"; } ); };
CONF
done
C=(-c "$T/conf")
for n in hosta-registry hostb-casefiles-archive-with-a-long-name hostc-payroll; do
	expect_exit 0 "$RST" "${C[@]}" backup "$n"
done
expect_exit 0 "$RST" "${C[@]}" drill hosta-registry
rm -f "$FLAG"
expect_exit 1 "$RST" "${C[@]}" drill hostc-payroll
touch "$FLAG"

chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" "$@" 2>"$T/chrome.log" ||
		{ tail -n 20 "$T/chrome.log" >&2; fail "chromium $1 failed"; }
}

# probe LANG: a copy of r.LANG.html that posts "LANG WIDTH scrollWidth" to
# the page around it (WIDTH from its URL's fragment).
probe() {
	sed 's|</body>|<script>addEventListener("load",function(){parent.postMessage(location.hash.slice(1)+" "+document.documentElement.scrollWidth,"*")})</script></body>|' \
		"$T/r.$1.html" >"$T/probe.$1.html"
}

for l in $(languages); do
	expect_exit 1 "$RST" "${C[@]}" --json report --lang "$l" --out "$T/r.$l.html"
	json_get "$OUT" 'd["report_id"]' >"$T/id.$l"
	expect_exit 1 "$RST" "${C[@]}" report --lang "$l" --format json --out "$T/r.$l.json"
	probe "$l"
done

note "every language at 390 and 1280 px"
{
	echo '<!DOCTYPE html><html><body style="margin:0"><pre id="out"></pre>'
	echo '<script>addEventListener("message",function(e){document.getElementById("out").textContent+=e.data+"\n"})</script>'
	for l in $(languages); do
		for w in 390 1280; do
			echo "<iframe src=\"probe.$l.html#$l-$w\" style=\"width:${w}px;height:900px;border:0\"></iframe>"
		done
	done
	echo '</body></html>'
} >"$T/frame.html"
chrome --virtual-time-budget=20000 --dump-dom "file://$T/frame.html" >"$T/dom.html"
python3 - "$T/dom.html" <<'PY' || fail "a report is wider than its viewport"
import os, re, sys
out = re.search(r'<pre id="out">(.*?)</pre>', open(sys.argv[1]).read(), re.S).group(1).split()
got = dict(zip(out[0::2], map(int, out[1::2])))
want = ["%s-%d" % (l, w) for l in os.environ["RST_LANGS"].split() for w in (390, 1280)]
assert sorted(got) == sorted(want), "measured %s" % sorted(got)
bad = ["%s: %d px" % (k, v) for k, v in sorted(got.items()) if v > int(k.split("-")[1])]
assert not bad, bad
print(" ".join("%s=%d" % kv for kv in sorted(got.items())))
PY

for l in $(languages); do
	note "$l: printed"
	id=$(cat "$T/id.$l")
	chrome --print-to-pdf="$T/r.$l.pdf" --no-pdf-header-footer "file://$T/r.$l.html"
	pdftotext -layout "$T/r.$l.pdf" "$T/r.$l.txt" || fail "$l: pdftotext failed"
	python3 - "$SRCDIR/src/report" "$l" "$T/r.$l.txt" "$T/r.$l.json" "${id:0:16}" <<'PY' || fail "$l: the PDF lacks a verdict or the footer"
import json, os, re, sys
src, lang, txt, js, rid = sys.argv[1:6]
def catalog(lang):
    c = open(os.path.join(src, "i18n_%s.c" % lang), encoding="utf-8").read()
    out = {}
    for k, body in re.findall(r"\[RST_MSG_(\w+)\]\s*=\s*((?:\"(?:[^\"\\]|\\.)*\"\s*)+)", c):
        out[k] = "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", body)).replace('\\"', '"')
    return out
cat = catalog(lang)
raw = open(txt, encoding="utf-8").read()
pages = [p for p in raw.split("\f") if p.strip()]
flat = re.sub(r"\s+", " ", raw)
doc = json.load(open(js))
for p in doc["profiles"]:
    want = cat["VERDICT_YES"] if p["verdict"]["restorable"] else cat["VERDICT_NO"]
    head = "%s: %s" % (cat["PROFILE"], p["name"])
    i = flat.find(head)
    assert i >= 0, "%s: no heading %r" % (lang, head)
    seg = flat[i:i + 600]
    assert "%s: %s" % (cat["VERDICT"], want) in seg, "%s: %s verdict %r not after its heading: %s" % (lang, p["name"], want, seg[:300])
for n, pg in enumerate(pages, 1):
    foot = re.sub(r"\s+", " ", pg)
    assert rid in foot, "%s: page %d lacks the report id %s" % (lang, n, rid)
    assert re.search(r"%s %d / %d" % (re.escape(cat["PAGE"]), n, len(pages)), foot), \
        "%s: page %d lacks '%s %d / %d'" % (lang, n, cat["PAGE"], n, len(pages))
assert len(pages) >= 3, "%s: only %d pages" % (lang, len(pages))
PY
done

note "not by colour alone; captions, scopes, chart texts"
python3 - "$T/r.en.html" <<'PY' || fail "accessibility markup is missing"
import re, sys
h = open(sys.argv[1], encoding="utf-8").read()
assert '.pill.pass::before{content:"\\2714  "}' in h and '.pill.fail::before{content:"\\2716  "}' in h, "pills have no symbol"
assert 'stroke-dasharray="3 2"' in h, "failed chart marks are not outlined"
tables = re.findall(r"<table[^>]*>(.{0,40})", h)
assert tables and all(t.startswith("<caption") for t in tables), [t for t in tables if not t.startswith("<caption")][:3]
ths = re.findall(r"<th[ >][^>]*>?", h)
assert ths and all('scope="' in t for t in re.findall(r"<th\b[^>]*>", h)), "a th without scope"
figs = re.findall(r"<figure.*?</figure>", h, re.S)
assert figs and all('class="chart-text"' in f for f in figs), "a chart without its text summary"
assert "white-space:nowrap" not in h, "something still refuses to wrap"
PY
exit 0
