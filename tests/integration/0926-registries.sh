#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Each list the program knows is one registry, and everything that lists
# it says the same: storage schemes (src/storage/storage.c), report formats
# (src/report/formats.c) and languages (src/core/lang.c).
#
#   - `version --json` lists the three registries; `version` prints them
#   - a profile with an unknown URL scheme: exit 2, the message lists
#     exactly the registry's schemes; an unknown `lang`: exactly its
#     languages
#   - report --format or --lang with an unknown value: exit 2, the message
#     lists exactly the registry's formats or languages; report --help
#     lists both, the formats with the default first; every format of the
#     registry is accepted
#   - the man pages list exactly the registry's formats (report's SYNOPSIS
#     and COMMANDS lines) and languages (--lang, the lang key), document
#     every scheme (restorable.conf(5)) and no other; the report schema's
#     "lang" is exactly the registry's languages

. "$(dirname "$0")/lib.sh"
need python3

expect_exit 0 "$RST" --json version
cp "$OUT" "$T/reg.json"
list() { json_get "$T/reg.json" "\", \".join(d[\"$1\"])"; }
SCHEMES=$(list storage) || fail "version --json: no storage list"
FORMATS=$(list report_formats) || fail "version --json: no report_formats"
LANGS=$(list languages) || fail "version --json: no languages"
[ -n "$SCHEMES" ] && [ -n "$FORMATS" ] && [ -n "$LANGS" ] ||
	fail "version --json: an empty registry: $(cat "$T/reg.json")"
case ", $SCHEMES, " in *", file, "*) ;; *) fail "no file scheme: $SCHEMES" ;; esac
expect_exit 0 "$RST" version
for l in "storage: $SCHEMES" "report formats: $FORMATS" "languages: $LANGS"; do
	grep -qxF -- "$l" "$OUT" || { show_last; fail "version does not print \"$l\""; }
done

# line_is TEXT: one line of the last stderr is exactly TEXT.
line_is() {
	grep -qxF -- "$1" "$ERR" && return 0
	show_last >&2
	fail "no stderr line \"$1\""
}

note "config: unknown scheme and language, from the registries"
mkdir -p "$T/data"
mk_profile bad "$T/data"
sed -i 's|^repository = .*|repository = "gopher://host/path";|' "$T/bad.conf"
expect_exit 2 "$RST" check-config "$T/bad.conf"
grep -qF -- "repository: unknown URL scheme \"gopher\" (known: $SCHEMES)" "$ERR" ||
	{ show_last; fail "the unknown scheme message does not list the registry's schemes"; }
mk_profile lng "$T/data"
echo 'lang = "xx";' >>"$T/lng.conf"
expect_exit 2 "$RST" check-config "$T/lng.conf"
grep -qF -- "lang: unknown language \"xx\" (one of $LANGS)" "$ERR" ||
	{ show_last; fail "the unknown lang message does not list the registry's languages"; }

note "report: --format, --lang and --help from the registries"
expect_exit 2 "$RST" report --format pdf
line_is "restorable: error: report: --format pdf: not one of $FORMATS"
expect_exit 2 "$RST" report --lang xx
line_is "restorable: error: report: --lang xx: not one of $LANGS"
expect_exit 0 "$RST" report --help
python3 - "$OUT" "$T/reg.json" <<'EOF' || { show_last; fail "report --help does not list the registries"; }
import json, re, sys
text = open(sys.argv[1]).read()
reg = json.load(open(sys.argv[2]))
m = re.search(r"^  FORMAT: (.*)$", text, re.M)
assert m, "no FORMAT line"
names = [re.match(r"([a-z0-9+-]+) \(", f).group(1) for f in m.group(1).split("), ")]
assert names == reg["report_formats"], names
assert "the default" in m.group(1).split("), ")[0], m.group(1)
m = re.search(r"^  LANG: (.*)$", text, re.M)
assert m and m.group(1).split(", ") == reg["languages"], m and m.group(1)
for opt in ("--format FORMAT", "--lang LANG"):
    assert opt in text, opt
EOF
# Every format is accepted: an empty CONFDIR then has nothing to report.
mkdir -p "$T/empty/profiles"
for f in ${FORMATS//,/}; do
	"$RST" -c "$T/empty" report --format "$f" >"$OUT" 2>"$ERR" </dev/null
	grep -q -- "--format" "$ERR" && { show_last; fail "--format $f refused"; }
done

note "man pages and the report schema say what the registries say"
python3 - "$SRCDIR" "$T/reg.json" <<'EOF' || fail "the documentation disagrees with the registries"
import json, re, sys
src, reg = sys.argv[1], json.load(open(sys.argv[2]))
page1 = open(src + "/man/restorable.1", encoding="utf-8").read()
page5 = open(src + "/man/restorable.conf.5", encoding="utf-8").read()
bad = []
# --format in the SYNOPSIS and in COMMANDS
fmt = re.findall(r"^\.Op Fl -format Cm (.*)$", page1, re.M)
if len(fmt) != 2 or any(f.split(" | ") != reg["report_formats"] for f in fmt):
    bad.append("restorable.1 --format lines %r, registry %r" % (fmt, reg["report_formats"]))
# --lang in restorable(1), lang in restorable.conf(5)
langs = " , ".join(reg["languages"])
m = re.search(r"^\.Fl -lang\nis one of\n\.Cm (.*)$", page1, re.M)
if not m or m.group(1) != langs:
    bad.append("restorable.1 --lang: %r, registry %r" % (m and m.group(1), langs))
m = re.search(r"^\.It Cm lang .*?^one of\n\.Li ([^\n]*) \.$", page5, re.M | re.S)
if not m or m.group(1) != langs:
    bad.append("restorable.conf.5 lang: %r, registry %r" % (m and m.group(1), langs))
# every scheme documented under "Repository URLs" in restorable.conf(5)
m = re.search(r"^\.Ss Repository URLs\n(.*?)^\.S[sh] ", page5, re.M | re.S)
documented = set(re.findall(r"^\.(?:It )?Li ([a-z0-9+.-]+):", m.group(1) if m else "", re.M))
if documented != set(reg["storage"]):
    bad.append("restorable.conf.5 documents %s, registry %s" % (sorted(documented), sorted(reg["storage"])))
# the report schema's languages
schema = json.load(open(src + "/docs/report-schema.json", encoding="utf-8"))
enum = schema["properties"]["lang"]["enum"]
if enum != reg["languages"]:
    bad.append("report-schema.json lang %r, registry %r" % (enum, reg["languages"]))
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
exit 0
