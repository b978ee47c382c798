#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The report in the reader's language (issue: real causes, in every
# language):
#
#   - each journaled reason code is told in the report's language, with
#     its arguments: a refused connection names host:port, a failed hook
#     and a failed check are named and give their exit status; the
#     journal's own sentences stay beside it, marked translate="no"
#   - every reason code of the registry has a message (C_<CODE>)
#   - nothing visible in a French, Dutch, Swedish or German report (text,
#     tooltips, SVG titles) is English: no text node equal to one of the
#     English report, and no word of the English report that the
#     language's catalog does not use (allow-list: data from the journal,
#     codes, numbers, dates, units, proper nouns)
#   - durations: a 26 h target reads "26 h", never "1 d 2 h"; plurals:
#     "1 file verified", "1 fichier vérifié"
#   - "tamper-evident", never tamper-proof, in every language

. "$(dirname "$0")/lib.sh"
need python3
export RST_LANGS
RST_LANGS=$(languages)

d=$T/data
mkdir -p "$d"
echo "ledger" >"$d/ledger.txt"

mk_profile lg "$d"
P=$T/lg.conf
cp "$P" "$T/lg.base"
drill_conf() {	# CHECK-COMMAND
	cp "$T/lg.base" "$P"
	cat >>"$P" <<CONF
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h";
  checks = ( { name = "ledger ok"; command = "$1"; } ); };
CONF
}

drill_conf "true"
expect_exit 0 "$RST" backup "$P"
expect_exit 0 "$RST" drill "$P"
drill_conf "exit 7"
expect_exit 1 "$RST" drill "$P"
cat >>"$P" <<CONF
hooks = { pre_backup = "exit 3"; };
CONF
expect_exit 1 "$RST" backup "$P"
port=$(free_port)
drill_conf "true"
sed -i '/^repository = /d' "$P"
echo "repository = { url = \"webdav+http://127.0.0.1:$port/repo\"; retries = 1; };" >>"$P"
expect_exit 3 "$RST" backup "$P"
drill_conf "true"
expect_exit 0 "$RST" drill "$P"

for l in $(languages); do
	expect_exit 0 "$RST" report --lang "$l" --out "$T/r.$l.html" "$P"
	expect_exit 0 "$RST" report --lang "$l" --format md --out "$T/r.$l.md" "$P"
done

note "reason codes told in each language"
python3 - "$T" "$port" <<'PY' || fail "a reason is not told in the report's language"
import html, sys
t, port = sys.argv[1], sys.argv[2]
want = {
    "en": ["connection refused by 127.0.0.1:%s" % port,
           "hook “pre_backup” ended with exit status 3",
           "check “ledger ok” ended with exit status 7"],
    "fr": ["connexion refusée par 127.0.0.1:%s" % port,
           "le script « pre_backup » s'est terminé avec le code 3",
           "le contrôle « ledger ok » s'est terminé avec le code 7"],
    "nl": ["verbinding geweigerd door 127.0.0.1:%s" % port,
           "controle ‘ledger ok’ eindigde met afsluitcode 7"],
    "sv": ["anslutningen nekades av 127.0.0.1:%s" % port,
           "kontrollen ”ledger ok” avslutades med slutstatus 7"],
    "de": ["Verbindung von 127.0.0.1:%s abgelehnt" % port,
           "Hook „pre_backup“ endete mit Exit-Status 3"],
}
bad = []
for lang, texts in want.items():
    for ext in ("html", "md"):
        doc = html.unescape(open("%s/r.%s.%s" % (t, lang, ext), encoding="utf-8").read())
        if ext == "md":
            doc = doc.replace("\\", "")
        bad += ["%s.%s lacks %r" % (lang, ext, s) for s in texts if s not in doc]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
grep -qF 'translate="no"' "$T/r.fr.html" || fail "the journal's sentences are not marked translate=no"

note "every reason code has a message"
python3 - "$SRCDIR" <<'PY' || fail "a reason code has no report message"
import re, sys
src = sys.argv[1]
codes = re.findall(r"(?m)^\tX\(([A-Z_]+), \"[a-z_]+\"", open(src + "/include/restorable/reason.h").read())
keys = set(re.findall(r"X\((\w+)\)", open(src + "/src/report/i18n.h").read()))
cause = open(src + "/src/report/cause.c").read()
missing = [c for c in codes if "C_" + c not in keys or not re.search(r"(FULL|BARE)\(%s\)" % c, cause)]
print(missing)
sys.exit(1 if missing or len(codes) < 20 else 0)
PY

note "nothing English in the other languages"
python3 - "$SRCDIR/src/report" "$T" <<'PY' || fail "English text in a translated report"
import html.parser, json, os, re, sys
src, t = sys.argv[1], sys.argv[2]

class Visible(html.parser.HTMLParser):
    """Text nodes and tooltips, leaving out style, code, pre and translate=no."""
    VOID = {"br", "img", "meta", "link", "input", "hr", "rect", "circle", "line", "path", "polyline", "stop"}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.nodes = [], []
    def hidden(self):
        return any(h for _, h in self.stack)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hide = tag in ("style", "script", "code", "pre") or a.get("translate") == "no"
        if not self.hidden() and not hide:
            for k in ("title", "aria-label", "alt", "placeholder"):
                if a.get(k):
                    self.nodes.append(a[k])
        if tag not in self.VOID and not tag.endswith("/"):
            self.stack.append((tag, hide))
    def handle_startendtag(self, tag, attrs):
        if not self.hidden():
            for k in ("title", "aria-label", "alt"):
                if dict(attrs).get(k):
                    self.nodes.append(dict(attrs)[k])
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        if not self.hidden() and data.strip():
            self.nodes.append(" ".join(data.split()))

def visible(path):
    p = Visible()
    p.feed(open(path, encoding="utf-8").read())
    return p.nodes

def catalog_words(lang):
    c = open(os.path.join(src, "i18n_%s.c" % lang), encoding="utf-8").read()
    return set(w.lower() for w in re.findall(r"[^\W\d_]{2,}", c))

# Data from the journal and the profile: names, sentences, hosts, ids.
data = set()
def walk(v):
    if isinstance(v, str):
        data.add(v)
        data.update(w.lower() for w in re.findall(r"[^\W\d_]{2,}", v))
    elif isinstance(v, dict):
        for k, x in v.items(): walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
for line in open(os.path.join(t, "state/journal/lg.jsonl"), encoding="utf-8"):
    walk(json.loads(line))
# Proper nouns, standards, units and codes, the same in every language.
ALLOW = {"rpo", "rto", "sha", "ed", "iso", "iec", "nis", "nist", "csf", "pr", "ds", "rc", "rp",
         "art", "ms", "min", "kib", "mib", "gib", "tib", "http", "tls", "ssh", "json", "html",
         "restorable", "pub", "sig", "openssl", "sha256sum", "utc", "eu",
         "zstd"}  # the compression format's name (configuration block)
NEUTRAL = re.compile(r"^[\d\s.,:;/()\[\]–—·+\-%=<>|*#]*(ms|s|min|h|B|KiB|MiB|GiB|TiB|T|Z)?[\d\s.,:;/()\[\]–—·+\-%=<>|*#TZ]*$")

# Hashes and ids are no words; a standard's official name is a proper noun.
HEX = re.compile(r"(SHA256:)?[0-9a-f]{12,}|\d{8}T\d{6}Z-[0-9a-f]{6}")
PROPER = {"NIS2 (Directive (EU) 2022/2555)"}
def visible(path, _v=visible):
    return [HEX.sub("", n) for n in _v(path) if n not in PROPER]
en_nodes = set(visible(os.path.join(t, "r.en.html")))
en_words = set()
for n in en_nodes:
    en_words.update(w.lower() for w in re.findall(r"[^\W\d_]{2,}", n))
bad = []
for lang in [l for l in os.environ["RST_LANGS"].split() if l != "en"]:
    words = catalog_words(lang)
    for n in visible(os.path.join(t, "r.%s.html" % lang)):
        if NEUTRAL.match(n) or n in data:
            continue
        if n in en_nodes:
            rest = [w for w in re.findall(r"[^\W\d_]{2,}", n)
                    if w.lower() not in ALLOW and w.lower() not in data]
            if rest and not all(w.lower() in words for w in rest):
                bad.append("%s: text equal to English: %r" % (lang, n))
                continue
        for w in re.findall(r"[^\W\d_]{2,}", n):
            lw = w.lower()
            if lw in en_words and lw not in words and lw not in data and lw not in ALLOW:
                bad.append("%s: English word %r in %r" % (lang, w, n))
print("\n".join(sorted(set(bad))[:40]))
sys.exit(1 if bad else 0)
PY

note "durations, plurals, tamper-evident"
grep -qF '26 h' "$T/r.en.html" || fail "the 26 h target is not shown as 26 h"
grep -qE '1 d 2 h|1 j 2 h|1 d 2 u' "$T"/r.*.html && fail "26 h shown as a day and two hours"
grep -qF '1 file verified' "$T/r.en.html" || fail "en: not '1 file verified'"
grep -qF '1 fichier vérifié' "$T/r.fr.html" || fail "fr: not '1 fichier vérifié'"
grep -qE '1 files|1 fichiers' "$T"/r.*.html "$T"/r.*.md && fail "a singular count with a plural noun"
grep -qiE 'infalsifiable|fraudebestendig|manipuleringssäker|manipulationssicher|tamper-proof' "$T"/r.*.html "$T"/r.*.md &&
	fail "tamper-proof wording"
true
