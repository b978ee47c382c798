#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: the status box comes first, then the integrity banner.  Three
# profiles in CONFDIR with real backups and drills: hosta-registry and
# hostc-payroll proven (drilled), hostb-casefiles backed up and verified
# but never drilled.
#
#   - all three: the status is red, its box is the first element of the
#     body (before the title and the integrity banner), says NOT READY and
#     names hostb-casefiles with "no successful restore test in the last
#     7 d"; the JSON's status and each profile's status agree (red for
#     hostb, amber for the proven ones: their journals are not anchored)
#   - hosta-registry alone: amber, "journal not anchored"; the box carries
#     a symbol and a word, not only a colour
#   - the report id shown on the HTML and Markdown reports is the SHA-256
#     of the report's JSON document (sha256sum of --format json's output
#     equals its report_id); it is on every printed page (the @page rule)
#   - a glossary (RPO, RTO, drill, snapshot, journal) in every language,
#     never the English text in another language
#   - a fourth profile whose journal is anchored by a time-stamp authority
#     on 127.0.0.1 (tsa.sh), backed up and drilled by run: green, READY
#   - a snapshot removed from the repository (integrity finding, exit 4):
#     red, even for a profile whose verdict would hold

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tsa.sh"
need python3 sha256sum openssl
export RST_LANGS
RST_LANGS=$(languages)

ensure_keys
mkdir -p "$T/conf/profiles"
for n in hosta-registry hostb-casefiles hostc-payroll; do
	mkdir -p "$T/data/$n"
	echo "$n $(date +%s%N)" >"$T/data/$n/file.txt"
	confdir_profile "$n" "$T/data/$n" <<CONF
part_size = "1M";
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
CONF
done
C=(-c "$T/conf")
for n in hosta-registry hostb-casefiles hostc-payroll; do
	expect_exit 0 "$RST" "${C[@]}" backup "$n"
done
expect_exit 0 "$RST" "${C[@]}" verify hostb-casefiles
expect_exit 0 "$RST" "${C[@]}" drill hosta-registry
expect_exit 0 "$RST" "${C[@]}" drill hostc-payroll

# --- all three: red, naming hostb-casefiles ----------------------------------------
note "red: one data set never drilled"
expect_exit 1 "$RST" "${C[@]}" --json report --out "$T/all.html"
cp "$OUT" "$T/all.res"
expect_exit 1 "$RST" "${C[@]}" --json report --format json --out "$T/all.json"
cp "$OUT" "$T/allj.res"
expect_exit 1 "$RST" "${C[@]}" report --format md --out "$T/all.md"
python3 - "$T/all.html" "$T/all.json" "$T/all.md" <<'PY' || fail "the red status is wrong"
import html, json, re, sys
h = open(sys.argv[1], encoding="utf-8").read()
doc = json.load(open(sys.argv[2]))
md = open(sys.argv[3], encoding="utf-8").read()
body = h[h.index("<body>"):]
first = re.search(r"<(section|div|header|h1)[^>]*>", body[6:])
assert 'id="status"' in first.group(0), "the first element is %s" % first.group(0)
box = body[:body.index("</section>")]
assert 'class="banner status bad"' in box and 'data-level="red"' in box, box
assert "&#10006;" in box, "no symbol in the red box"
text = html.unescape(re.sub(r"<[^>]+>", "", box))
assert "NOT READY" in text, text
assert "1 of 3 data sets" in text, text
assert "hostb-casefiles (no successful restore test in the last 7 d" in text, text
assert "hosta-registry" not in text and "hostc-payroll" not in text, text
assert body.index('id="status"') < body.index('id="integrity"'), "status not before the integrity banner"
assert body.index('id="integrity"') < body.index("<h1>"), "the integrity banner does not come second"
assert body.index('id="status"') < body.index("<h1>"), "status not above the title"
st = doc["status"]
assert st["level"] == "red" and st["not_proven"] == ["hostb-casefiles"], st
assert "hostb-casefiles" in st["text"], st
lv = {p["name"]: p["status"]["level"] for p in doc["profiles"]}
assert lv == {"hosta-registry": "amber", "hostb-casefiles": "red", "hostc-payroll": "amber"}, lv
causes = [c["code"] for p in doc["profiles"] if p["name"] == "hostb-casefiles" for c in p["status"]["causes"]]
assert causes == ["no_drill"], causes
assert [c["code"] for c in doc["profiles"][0]["status"]["causes"]] == ["not_anchored"], doc["profiles"][0]["status"]
assert md.startswith("> **[RED] NOT READY"), md[:200]
assert [g["id"] for g in doc["glossary"]] == ["rpo", "rto", "drill", "snapshot", "journal"], doc["glossary"]
PY

# --- the report id: SHA-256 of the JSON document -------------------------------------
note "report id"
id=$(json_get "$T/allj.res" 'd["report_id"]')
[ "$(sha256sum <"$T/all.json" | cut -c1-64)" = "$id" ] ||
	fail "report_id $id is not the SHA-256 of the JSON document"
hid=$(json_get "$T/all.res" 'd["report_id"]')
[[ $hid =~ ^[0-9a-f]{64}$ ]] || fail "no report id for the HTML report"
grep -qF "<code class=\"id\">$hid</code>" "$T/all.html" || fail "the HTML does not show its report id"
grep -qF "Report id ${hid:0:16}" "$T/all.html" || fail "the report id is not in the page footer"
grep -qF 'counter(page)' "$T/all.html" || fail "no page numbers in print"
grep -qF "Report id" "$T/all.md" || fail "the Markdown lacks the report id"

# --- one proven profile: amber, unanchored -----------------------------------------
note "amber: proven, journal not anchored"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/a.json" hosta-registry
expect_exit 0 "$RST" "${C[@]}" report --out "$T/a.html" hosta-registry
[ "$(json_get "$T/a.json" 'd["status"]["level"]')" = amber ] || fail "hosta alone is not amber"
grep -qF 'data-level="amber"' "$T/a.html" || fail "the HTML box is not amber"
grep -qF '&#9650;</span> PROVEN WITH RESERVATIONS: 1 of 1 data sets proven restorable within target. Reservations: hosta-registry (journal not anchored to a trusted timestamp).' "$T/a.html" ||
	fail "the amber text is not the expected plain words"

# --- glossary in every language -------------------------------------------------------
note "glossary in every language"
for l in $(languages); do
	expect_exit 0 "$RST" "${C[@]}" report --lang "$l" --format json --out "$T/g.$l.json" hosta-registry
	expect_exit 0 "$RST" "${C[@]}" report --lang "$l" --out "$T/g.$l.html" hosta-registry
	grep -qF '<dl class="glossary">' "$T/g.$l.html" || fail "$l: no glossary in the HTML"
done
python3 - "$T" <<'PY' || fail "a glossary is missing or English in another language"
import json, os, sys
t = sys.argv[1]
en = json.load(open(t + "/g.en.json"))
for l in [l for l in os.environ["RST_LANGS"].split() if l != "en"]:
    d = json.load(open("%s/g.%s.json" % (t, l)))
    assert len(d["glossary"]) == 5, l
    for a, b in zip(en["glossary"], d["glossary"]):
        assert a["id"] == b["id"] and len(b["text"]) > 30, (l, b)
        assert a["text"] != b["text"], (l, b["id"], "English text")
    assert d["status"]["text"] != en["status"]["text"], (l, d["status"]["text"])
PY

# --- anchored and proven: green -------------------------------------------------------
note "green: proven, journal anchored"
tsa_make
tsa_start
mkdir -p "$T/conf2/profiles" "$T/data/hostd-minutes"
echo minutes >"$T/data/hostd-minutes/m.txt"
cat >"$T/conf2/profiles/hostd-minutes.conf" <<CONF
name = "hostd-minutes";
paths = [ "$T/data/hostd-minutes" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1s"; drill = "1h"; };
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
timestamp = { url = "$TSA_URL"; tsa_ca_file = "$T/tsa/ca.crt"; };
CONF
expect_exit 0 "$RST" -c "$T/conf2" run hostd-minutes	# a backup and a drill, stamped
expect_exit 0 "$RST" -c "$T/conf2" report --format json --out "$T/green.json" hostd-minutes
expect_exit 0 "$RST" -c "$T/conf2" report --out "$T/green.html" hostd-minutes
[ "$(json_get "$T/green.json" 'd["profiles"][0]["journal"]["anchored"]')" = True ] ||
	fail "the journal of hostd-minutes is not anchored"
[ "$(json_get "$T/green.json" 'd["status"]["level"]')" = green ] || fail "anchored and proven is not green"
grep -qF '&#10004;</span> READY: all 1 data set(s) are proven restorable within target' "$T/green.html" ||
	fail "the green box does not say READY"
tsa_stop

# --- an integrity finding: red whatever the verdict -----------------------------------
note "red: a snapshot removed"
s=$(ls -d "$T/repo/snapshots/hosta-registry/"* | head -n 1)
rm -rf "$s"
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/gone.json" hosta-registry
[ "$(json_get "$T/gone.json" 'd["status"]["level"]')" = red ] || fail "an integrity finding is not red"
json_get "$T/gone.json" 'd["status"]["text"]' | grep -qF "NOT READY" || fail "no NOT READY for a missing snapshot"
exit 0
