#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: rendering.  A profile whose failing check prints
# <script>alert(1)</script> & "quotes" | pipe `tick` (and whose check name
# holds markup too) is backed up and drilled for real, then reported on.
#
#   - HTML: parses with python3 html.parser into balanced tags (void
#     elements aside), holds no script, no external reference (no http:,
#     https:, //host, src= or href= other than #anchor, no CSS url() or
#     @import), has A4 print rules and inline SVG charts; the hostile
#     output and name appear escaped and never raw
#   - Markdown: each table row has as many cells as its header (| escaped
#     as \|), backticks and < > escaped
#   - every language of the registry (`version --json`) renders in HTML, Markdown and JSON
#     with its own labels: each catalog file has every key of i18n.h, and
#     no English label of more than one word shows in another language's
#     report; LANG=de_DE.UTF-8 picks German when --lang is not given
#   - a tampered journal: exit 4 and the red banner with the first bad line
#   - headless Chromium renders the report to a PNG (> 20 KB, not one
#     colour) and to an A4 PDF of at least two pages

. "$(dirname "$0")/lib.sh"
need python3
export RST_LANGS
RST_LANGS=$(languages)

d=$T/data
mkdir -p "$d"
echo "payroll 2026" >"$d/payroll.csv"
head -c 50000 /dev/urandom >"$d/ledger.bin"
FLAG=$T/pass
touch "$FLAG"
mk_profile rr "$d"
cat >>"$T/rr.conf" <<'EOF'
drill = {
  scratch_dir = "@T@/scratch"; rto_target = "1h"; rpo_target = "26h";
  checks = (
    { name = "payroll restored";
      command = "test -s \"$RESTORABLE_RESTORED@D@/payroll.csv\""; timeout = "30s"; },
    { name = "hostile <b>check</b> & 'name'";
      command = "echo '<script>alert(1)</script> & \"quotes\" | pipe `tick`'; test -e @T@/pass";
      timeout = "30s"; } );
};
EOF
sed -i -e "s|@T@|$T|g" -e "s|@D@|$d|g" "$T/rr.conf"
P=$T/rr.conf

expect_exit 0 "$RST" backup "$P"
expect_exit 0 "$RST" drill "$P"
rm -f "$FLAG"
expect_exit 1 "$RST" drill "$P"
touch "$FLAG"
expect_exit 0 "$RST" backup "$P"
expect_exit 0 "$RST" drill "$P"

# html_check FILE: strict structure and self-containment.
html_check() {
	python3 - "$1" <<'EOF' || fail "$1 is not well-formed, self-contained HTML"
import re, sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], set()
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.check_attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))
    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        self.check_attrs(tag, attrs)
    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append("end tag for void <%s> at %s" % (tag, self.getpos()))
        elif not self.stack or self.stack[-1][0] != tag:
            self.errors.append("</%s> at %s closes %s" % (tag, self.getpos(),
                self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
    def check_attrs(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append("event handler %s on <%s>" % (k, tag))
            if k in ("src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data") \
                    and not (v or "").startswith("#"):
                self.errors.append("external reference %s=%r on <%s>" % (k, v, tag))
text = open(sys.argv[1], encoding="utf-8").read()
p = Strict()
p.feed(text)
p.close()
errs = p.errors + ["unclosed <%s> from %s" % s for s in p.stack]
if not text.startswith("<!DOCTYPE html>"):
    errs.append("no doctype")
for bad in ("script", "iframe", "object", "embed", "link", "img", "base"):
    if bad in p.tags:
        errs.append("has <%s>" % bad)
for pat in (r"(?i)https?:", r"(?i)url\(", r"(?i)@import", r"(?i)@font-face", r"=\s*[\"']?//"):
    if re.search(pat, text):
        errs.append("matches %s" % pat)
for need in ("@page{size:A4", "@media print", "<svg", "<style>", 'charset="utf-8"'):
    if need not in text:
        errs.append("lacks %s" % need)
if errs:
    print("\n".join(errs[:20]))
    sys.exit(1)
EOF
}

# --- HTML ----------------------------------------------------------------------------
note "html"
expect_exit 0 "$RST" report --out "$T/r.html" "$P"
html_check "$T/r.html"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; | pipe `tick`' "$T/r.html" ||
	fail "the hostile check output is not in the HTML, escaped"
grep -qF 'hostile &lt;b&gt;check&lt;/b&gt; &amp; &#39;name&#39;' "$T/r.html" ||
	fail "the hostile check name is not in the HTML, escaped"
grep -qiF '<script' "$T/r.html" && fail "raw <script in the HTML"
grep -qF '<b>check' "$T/r.html" && fail "raw <b> from a check name in the HTML"
grep -qF 'http://' "$T/r.html" && fail "http:// in the HTML"
grep -qF 'https://' "$T/r.html" && fail "https:// in the HTML"
grep -qE '(src|href)="[^#]' "$T/r.html" && fail "an external src= or href= in the HTML"
for want in 'ISO/IEC 27001:2022' 'A.8.13' 'A.5.30' 'Art. 21(2)(c)' 'PR.DS-11' 'RC.RP-03' \
    'restorable within target' 'SHA256:' 'class="banner ok"'; do
	grep -qF "$want" "$T/r.html" || fail "the HTML lacks $want"
done
[ "$(grep -o '<svg' "$T/r.html" | wc -l)" -ge 3 ] || fail "fewer than 3 charts"

# --- Markdown -----------------------------------------------------------------------
note "markdown"
expect_exit 0 "$RST" report --format md --out "$T/r.md" "$P"
python3 - "$T/r.md" <<'EOF' || fail "Markdown tables are broken"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
cells = lambda l: len(re.findall(r"(?<!\\)\|", l))
errs, width = [], None
for n, l in enumerate(lines, 1):
    if not l.startswith("|"):
        width = None
        continue
    if width is None:
        width = cells(l)
    elif cells(l) != width:
        errs.append("line %d: %d cells, header %d: %s" % (n, cells(l), width, l[:120]))
text = "\n".join(lines)
if "<script>" in text: errs.append("raw <script>")
if r"\<script\>alert(1)\</script\> & " not in text:
    errs.append("hostile output not escaped")
if r"hostile \<b\>check\</b\> & 'name'" not in text:
    errs.append("hostile check name not escaped")
if r"\| pipe \`tick\`" not in text: errs.append("| and ` not escaped")
if errs:
    print("\n".join(errs)); sys.exit(1)
EOF

# --- languages --------------------------------------------------------------------------
note "languages"
python3 - "$SRCDIR/src/report" <<'EOF' || fail "a message catalog lacks keys"
import re, sys, os
src = sys.argv[1]
h = open(os.path.join(src, "i18n.h")).read()
keys = set(re.findall(r"X\((\w+)\)", h.split("#define RST_MSG_LIST")[1].split("enum rst_msg")[0]))
bad = []
for lang in os.environ["RST_LANGS"].split():
    c = open(os.path.join(src, "i18n_%s.c" % lang), encoding="utf-8").read()
    have = set(re.findall(r"(?m)^\t\[RST_MSG_(\w+)\]\s*=", c))
    if keys - have: bad.append("%s lacks %s" % (lang, sorted(keys - have)))
    if have - keys: bad.append("%s has unknown %s" % (lang, sorted(have - keys)))
if bad or len(keys) < 50:
    print("\n".join(bad) or "too few keys"); sys.exit(1)
EOF
declare -A TITLE=(
	[en]='Backup and restore evidence report'
	[fr]='Rapport de preuves de sauvegarde et de restauration'
	[nl]='Bewijsrapport back-up en herstel'
	[sv]='Bevisrapport för säkerhetskopiering och återställning'
	[de]='Nachweisbericht zu Sicherung und Wiederherstellung'
)
for l in $(languages); do
	expect_exit 0 "$RST" report --lang "$l" --out "$T/r.$l.html" "$P"
	html_check "$T/r.$l.html"
	grep -qF "<html lang=\"$l\">" "$T/r.$l.html" || fail "$l: no lang=\"$l\""
	grep -qF "<h1>${TITLE[$l]}</h1>" "$T/r.$l.html" || fail "$l: title is not ${TITLE[$l]}"
	expect_exit 0 "$RST" report --lang "$l" --format md --out "$T/r.$l.md" "$P"
	grep -qF "# ${TITLE[$l]}" "$T/r.$l.md" || fail "$l: Markdown title"
	expect_exit 0 "$RST" report --lang "$l" --format json --out "$T/r.$l.json" "$P"
	[ "$(json_get "$T/r.$l.json" 'd["lang"]')" = "$l" ] || fail "$l: JSON lang"
done
grep -qF 'restaurable dans les objectifs' "$T/r.fr.html" || fail "fr: verdict not translated"
grep -qF 'innerhalb der Vorgaben wiederherstellbar' "$T/r.de.html" || fail "de: verdict not translated"
grep -qE '[0-9],[0-9] KiB' "$T/r.fr.md" || fail "fr: no decimal comma"
python3 - "$SRCDIR/src/report" "$T" <<'EOF' || fail "an English label shows in another language"
import html, re, sys, os
src, t = sys.argv[1], sys.argv[2]
def catalog(lang):
    c = open(os.path.join(src, "i18n_%s.c" % lang), encoding="utf-8").read()
    out = {}
    for k, body in re.findall(r"\[RST_MSG_(\w+)\]\s*=\s*((?:\"(?:[^\"\\]|\\.)*\"\s*)+)", c):
        out[k] = "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", body)).replace('\\"', '"')
    return out
en = catalog("en")
bad = []
for lang in [l for l in os.environ["RST_LANGS"].split() if l != "en"]:
    cat = catalog(lang)
    text = html.unescape(open(os.path.join(t, "r.%s.html" % lang), encoding="utf-8").read())
    for k, s in en.items():
        if "{" in s or " " not in s or s in cat.values():
            continue
        if s in text:
            bad.append("%s: English %s (%r)" % (lang, k, s))
if bad:
    print("\n".join(bad)); sys.exit(1)
EOF
expect_exit 0 env -u LC_ALL -u LC_MESSAGES LANG=de_DE.UTF-8 "$RST" report --out "$T/env.html" "$P"
grep -qF '<html lang="de">' "$T/env.html" || fail "LANG=de_DE.UTF-8 does not pick German"
expect_exit 0 env LC_ALL=C "$RST" report --out "$T/c.html" "$P"
grep -qF '<html lang="en">' "$T/c.html" || fail "LC_ALL=C does not pick English"

# --- tampered journal: the red banner ---------------------------------------------------
note "tampered journal banner"
cp -a "$T/state" "$T/state.good"
python3 - "$T/state/journal/rr.jsonl" <<'EOF'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
lines[1] = lines[1].replace(b'"files_verified":', b'"files_verified":1', 1)
open(sys.argv[1], "wb").write(b"\n".join(lines))
EOF
expect_exit 4 "$RST" report --out "$T/bad.html" "$P"
html_check "$T/bad.html"
python3 - "$T/bad.html" <<'EOF' || fail "no red integrity banner naming line 2 at the top"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
i = t.find('class="banner bad"')
assert 0 <= i < t.find('id="summary"'), "banner missing or not before the summary"
banner = t[i:t.find("</section>", i)]
assert "Journal integrity failure" in banner and "First bad line" in banner, banner[:300]
assert re.search(r"<td>2<pre>", banner), banner[:600]
EOF
grep -qF 'background:#ffebe9;border:3px solid var(--bad)' "$T/bad.html" || fail "the banner is not styled red"
rm -rf "$T/state" && cp -a "$T/state.good" "$T/state"

# --- headless Chromium: PNG and PDF ---------------------------------------------------------
note "chromium"
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROMIUM" ] || skip "chromium is not installed (contrib/deps.sh --test installs it)"
chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" "$@" \
		>"$T/chrome.log" 2>&1 || { tail -n 20 "$T/chrome.log" >&2; fail "chromium $1 failed"; }
}
chrome --screenshot="$T/out.png" --window-size=1200,1600 "file://$T/r.html"
chrome --print-to-pdf="$T/out.pdf" "file://$T/r.html"
python3 - "$T/out.png" "$T/out.pdf" <<'EOF' || fail "chromium's rendering is trivial"
import os, re, struct, sys, zlib
png, pdf = sys.argv[1], sys.argv[2]
b = open(png, "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert len(b) > 20 * 1024, "PNG is only %d bytes" % len(b)
pos, idat = 8, b""
while pos < len(b):
    n, = struct.unpack(">I", b[pos:pos + 4])
    kind, body = b[pos + 4:pos + 8], b[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h = struct.unpack(">II", body[:8])
    if kind == b"IDAT":
        idat += body
    pos += 12 + n
assert (w, h) == (1200, 1600), (w, h)
raw = zlib.decompress(idat)
assert len(set(raw)) > 32, "the PNG is (nearly) one colour"
p = open(pdf, "rb").read()
assert p[:5] == b"%PDF-" and len(p) > 10 * 1024, "not a PDF, or an empty one"
assert len(re.findall(rb"/Type\s*/Page\b", p)) >= 2, "fewer than 2 pages"
assert re.search(rb"/MediaBox\s*\[0 0 59[45]\.?\d* 84[12]\.?\d*\]", p), "pages are not A4"
EOF
exit 0
