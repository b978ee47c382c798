#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report: the evidence report's facts, signature and journal record, over a
# profile configured in CONFDIR whose journal was made by real backups,
# drills (one failing: a check that prints hostile text and exits 1) and a
# prune.
#
#   - --format json: every value the report states equals what the
#     journal holds (backup count, failures, sizes and snapshots; drill
#     results, RTOs, RPOs and each check's name, result and exit; the
#     newest good backup and the RPO at --until; failures; retention), the
#     verdict is "restorable within target", the key fingerprint is
#     SHA256 of the public key's DER; the document matches
#     docs/report-schema.json
#   - FILE.sig is 64 bytes and verifies with openssl pkeyutl -rawin; the
#     journal's last record is a report record with FILE's SHA-256, the
#     format and the period, and the journal still verifies
#   - --until just after the first backup: only the records up to then
#     count; a period with no record: no backup, exit 1
#   - the profile by name, by path and "all of CONFDIR" give the same facts;
#     a profile in CONFDIR that does not load is shown as unreadable (its
#     problem listed, not as an integrity failure): exit 1, not 4
#   - without --out: the report on stdout, "not signed" on stderr, no
#     .sig, and its SHA-256 journaled all the same
#   - an RPO over target (rpo_target = "1s", a backup 2 s old) and a
#     profile never drilled: exit 1 with the reasons named
#   - a tampered local journal: exit 4, the report still written, its
#     integrity section names the first bad line; a repository copy that
#     differs from the local journal: exit 4 too
#   - usage: bad --format, --lang, --since; --since after --until; --json
#     without --out; --key with a missing file: exit 2

. "$(dirname "$0")/lib.sh"
need python3 openssl sha256sum

d=$T/data
mkdir -p "$d/sub" "$T/conf/profiles"
echo "civil registry" >"$d/registry.txt"
head -c 200000 /dev/urandom >"$d/sub/scan.bin"
ensure_keys
FLAG=$T/checks-pass
touch "$FLAG"

# The profile, in CONFDIR (absolute paths: libconfig strings, \" inside).
cat >"$T/conf/profiles/rp.conf" <<'EOF'
name = "rp";
paths = [ "@T@/data" ];
repository = "file://@T@/repo";
signing_key = "@T@/keys/signing.pem";
state_dir = "@T@/state";
part_size = "1M";
schedule = { drill = "7d"; };
retention = { keep_last = 2; };
drill = {
  scratch_dir = "@T@/scratch"; rto_target = "1h"; rpo_target = "26h";
  checks = (
    { name = "registry restored";
      command = "cmp \"$RESTORABLE_RESTORED@T@/data/registry.txt\" @T@/data/registry.txt";
      timeout = "30s"; },
    { name = "hostile <b>check</b> & 'name'";
      command = "echo '<script>alert(1)</script> & \"quotes\" | pipe `tick`'; test -e @T@/checks-pass";
      timeout = "30s"; } );
};
EOF
sed -i "s|@T@|$T|g" "$T/conf/profiles/rp.conf"
C=(-c "$T/conf")
J=$T/state/journal/rp.jsonl

# --- the fixture: real backups, drills and a prune --------------------------------
expect_exit 0 "$RST" "${C[@]}" backup rp
expect_exit 0 "$RST" "${C[@]}" drill rp
rm -f "$FLAG"
expect_exit 1 "$RST" "${C[@]}" drill rp
touch "$FLAG"
expect_exit 0 "$RST" "${C[@]}" backup rp
expect_exit 0 "$RST" "${C[@]}" verify rp
expect_exit 0 "$RST" "${C[@]}" backup rp
expect_exit 0 "$RST" "${C[@]}" prune rp
expect_exit 0 "$RST" "${C[@]}" drill rp
[ "$(wc -l <"$J")" -eq 8 ] || fail "fixture: expected 8 journal records, got $(wc -l <"$J")"

# check_facts REPORT.json JOURNAL PROFILE: every fact the report states about
# PROFILE equals what the journal (as it was before the report) holds.
check_facts() {
	python3 - "$@" <<'EOF' || fail "report facts differ from the journal ($1)"
import calendar, json, sys, time
doc = json.load(open(sys.argv[1]))
recs = [json.loads(l) for l in open(sys.argv[2], "rb")]
p = [x for x in doc["profiles"] if x["name"] == sys.argv[3]][0]
since, until = doc["period"]["since"], doc["period"]["until"]
upto = [r for r in recs if r["ts"] <= until]
inp = [r for r in upto if r["ts"] >= since]
kind = lambda k, rs: [r for r in rs if r["kind"] == k]
errs = []
def eq(what, a, b):
    if a != b:
        errs.append("%s: report says %r, journal %r" % (what, a, b))
t = lambda s: calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
sid = lambda s: calendar.timegm(time.strptime(s[:16], "%Y%m%dT%H%M%SZ"))
b, d = kind("backup", inp), kind("drill", inp)
eq("backups.count", p["backups"]["count"], len(b))
eq("backups.failed", p["backups"]["failed"], sum(r["result"] != "pass" for r in b))
eq("backups.bytes", p["backups"]["bytes"], sum(r["data"]["bytes"] for r in b if r["result"] == "pass"))
eq("backups.stored_bytes", p["backups"]["stored_bytes"], sum(r["data"]["stored_bytes"] for r in b if r["result"] == "pass"))
eq("backup items", [(x["ts"], x["snapshot"], x["result"], x["files"], x["bytes"]) for x in p["backups"]["items"]],
   [(r["ts"], r["data"]["snapshot"], r["result"], r["data"]["files"], r["data"]["bytes"]) for r in b])
eq("drills.count", p["drills"]["count"], len(d))
eq("drills.failed", p["drills"]["failed"], sum(r["result"] != "pass" for r in d))
items = p["drills"]["items"]
eq("drill results", [x["result"] for x in items], [r["result"] for r in d])
eq("drill snapshots", [x["snapshot"] for x in items], [r["data"]["snapshot"] for r in d])
eq("drill RTOs", [x["rto_seconds"] for x in items], [r["data"]["rto_seconds"] for r in d])
eq("drill RTO targets", [x.get("rto_target_seconds") for x in items], [r["data"].get("rto_target_seconds") for r in d])
eq("drill RPOs", [x.get("rpo_seconds") for x in items], [r["data"].get("rpo_seconds") for r in d])
eq("drill checks", [[(c["name"], c["result"], c["exit"]) for c in x["checks"]] for x in items],
   [[(c["name"], c["result"], c["exit"]) for c in r["data"]["checks"]] for r in d])
eq("last drill", (p["last_drill"] or {}).get("ts"), d[-1]["ts"] if d else None)
good = [r for r in kind("backup", upto) if r["result"] == "pass"]
newest = max(good, key=lambda r: r["data"]["snapshot"]) if good else None
eq("newest good backup", (p["newest_good_backup"] or {}).get("snapshot"), newest and newest["data"]["snapshot"])
eq("RPO at --until", p["rpo"]["seconds"], newest and float(t(until) - sid(newest["data"]["snapshot"])))
eq("failures", [(f["ts"], f["kind"], f["result"], f["reasons"]) for f in p["failures"]],
   [(r["ts"], r["kind"], r["result"], r["data"].get("reasons", [])) for r in inp if r["result"] != "pass" and r["kind"] != "report"])
eq("verifies", p["verifies"], {"count": len(kind("verify", inp)), "failed": sum(r["result"] != "pass" for r in kind("verify", inp))})
pr = [r for r in kind("prune", upto) if r["result"] == "pass"]
eq("retention.kept", p["retention"]["kept"], len(pr[-1]["data"]["kept"]) if pr else None)
eq("retention.pruned", p["retention"]["pruned"], sum(len(r["data"]["removed"]) for r in kind("prune", inp)))
eq("journal records", p["journal"]["records"], len(recs))
if errs:
    print("\n".join(errs))
    sys.exit(1)
EOF
}

# --- the JSON report equals the journal ------------------------------------------
note "json report against the journal"
cp "$J" "$T/before.jsonl"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/r.json"
check_facts "$T/r.json" "$T/before.jsonl" rp
schema_check "$T/r.json"
json_get "$T/r.json" 'd["profiles"][0]["verdict"]["restorable"]' | grep -qx True ||
	fail "fixture is not 'restorable within target': $(json_get "$T/r.json" 'd["profiles"][0]["verdict"]')"
[ "$(json_get "$T/r.json" 'd["profiles"][0]["drills"]["failed"]')" = 1 ] || fail "the failing drill is not counted"
json_get "$T/r.json" '[c for x in d["profiles"][0]["drills"]["items"] for c in x["checks"] if c["result"] == "fail"][0]["output"]' |
	grep -qF '<script>alert(1)</script> & "quotes"' || fail "the failing check's output is not in the JSON report"
[ "$(json_get "$T/r.json" 'd["integrity"]["verified"]')" = True ] || fail "integrity not verified"
[ "$(json_get "$T/r.json" 'd["profiles"][0]["journal"]["repository_copy"]')" = equal ] ||
	fail "repository copy not reported equal"
fpr="SHA256:$(openssl pkey -pubin -in "$T/keys/signing.pub" -outform DER | sha256sum | cut -d' ' -f1)"
[ "$(json_get "$T/r.json" 'd["profiles"][0]["key_fingerprint"]')" = "$fpr" ] || fail "journal key fingerprint is not $fpr"
[ "$(json_get "$T/r.json" 'd["signing_key"]')" = "$fpr" ] || fail "report key fingerprint is not $fpr"

note "signature and journal record"
[ "$(stat -c %s "$T/r.json.sig")" -eq 64 ] || fail "r.json.sig is not 64 bytes"
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin -in "$T/r.json" \
	-sigfile "$T/r.json.sig" >/dev/null || fail "openssl does not verify r.json.sig"
cp "$T/r.json" "$T/forged.json"
printf ' ' >>"$T/forged.json"
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin -in "$T/forged.json" \
	-sigfile "$T/r.json.sig" >/dev/null 2>&1 && fail "the signature verifies a changed report"
sha=$(sha256sum "$T/r.json" | cut -d' ' -f1)
[ "$(wc -l <"$J")" -eq 9 ] || fail "no report record appended"
python3 - "$J" "$sha" <<'EOF' || fail "the journal's last record is not the report's"
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
d = r["data"]
assert r["kind"] == "report" and r["result"] == "pass", r
assert d["sha256"] == sys.argv[2], (d["sha256"], sys.argv[2])
assert d["format"] == "json" and set(d["period"]) == {"since", "until"}, d
EOF
expect_exit 0 "$RST" "${C[@]}" journal verify rp

# --- periods ---------------------------------------------------------------------
note "periods"
first_ts=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["ts"])' "$J")
cp "$J" "$T/before.jsonl"
# (0 or 1: the first drill may share the first backup's second)
"$RST" "${C[@]}" report --format json --until "$first_ts" --out "$T/early.json" 2>"$ERR"
rc=$?
[ "$rc" -le 1 ] || { cat "$ERR" >&2; fail "report --until $first_ts exited $rc"; }
check_facts "$T/early.json" "$T/before.jsonl" rp
[ "$(json_get "$T/early.json" 'd["period"]["until"]')" = "$first_ts" ] || fail "--until $first_ts not kept"
cp "$J" "$T/before.jsonl"
expect_exit 1 "$RST" "${C[@]}" report --format json --since 2000-01-01 --until 2000-01-31 --out "$T/old.json"
check_facts "$T/old.json" "$T/before.jsonl" rp
json_get "$T/old.json" '[r["code"] for r in d["profiles"][0]["verdict"]["reasons"]]' | grep -q no_backup ||
	fail "an empty period does not say no_backup"
[ "$(json_get "$T/old.json" 'd["period"]["until"]')" = 2000-01-31T23:59:59Z ] || fail "--until DATE is not the end of that day"
expect_exit 0 "$RST" "${C[@]}" report --format json --since 2026-01-01T10:00:00+02:00 --out "$T/tz.json"
[ "$(json_get "$T/tz.json" 'd["period"]["since"]')" = 2026-01-01T08:00:00Z ] || fail "an RFC 3339 offset is not applied"

# --- by name, by path, all of CONFDIR ---------------------------------------------
note "profile selection"
cp "$J" "$T/before.jsonl"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/all.json" rp
check_facts "$T/all.json" "$T/before.jsonl" rp
cp "$J" "$T/before.jsonl"
expect_exit 0 "$RST" report --format json --out "$T/path.json" "$T/conf/profiles/rp.conf"
check_facts "$T/path.json" "$T/before.jsonl" rp

# --- standard output --------------------------------------------------------------
note "stdout"
expect_exit 0 "$RST" "${C[@]}" report --format md
expect_stdout '^# Backup and restore evidence report'
expect_stderr 'not signed'
python3 - "$J" "$(sha256sum <"$OUT" | cut -d' ' -f1)" <<'EOF' || fail "the stdout report's sha256 is not journaled"
import json, sys
d = json.loads(open(sys.argv[1]).read().splitlines()[-1])["data"]
assert d["sha256"] == sys.argv[2] and d["format"] == "md", d
EOF

# --- verdicts that fail ------------------------------------------------------------
note "RPO over target, never drilled"
sed -e 's/rpo_target = "26h"/rpo_target = "1s"/' "$T/conf/profiles/rp.conf" >"$T/conf/profiles/tight.conf"
sed -i 's/^name = "rp";/name = "tight";/' "$T/conf/profiles/tight.conf"
expect_exit 0 "$RST" "${C[@]}" backup tight
sleep 2
expect_exit 1 "$RST" "${C[@]}" report --format json --out "$T/tight.json" tight
python3 - "$T/tight.json" <<'EOF' || fail "tight: wrong verdict reasons"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
codes = [r["code"] for r in p["verdict"]["reasons"]]
assert not p["verdict"]["restorable"], p["verdict"]
assert "rpo_exceeded" in codes and "no_drill" in codes, codes
assert p["rpo"]["seconds"] >= 2 and p["rpo"]["within_target"] is False, p["rpo"]
EOF
expect_exit 1 "$RST" "${C[@]}" report --format json --out "$T/both.json"
[ "$(json_get "$T/both.json" '[p["name"] for p in d["profiles"]]')" = "['rp', 'tight']" ] ||
	fail "all of CONFDIR: $(json_get "$T/both.json" '[p["name"] for p in d["profiles"]]')"
[ "$(json_get "$T/both.json" 'd["summary"]')" = "{'profiles': 2, 'restorable': 1}" ] || fail "summary: $(json_get "$T/both.json" 'd["summary"]')"

note "a profile in CONFDIR that does not load"
echo 'name = "zz-broken"; nonsense' >"$T/conf/profiles/zz-broken.conf"
expect_exit 1 "$RST" "${C[@]}" report --format json --out "$T/broken.json"
expect_stderr 'zz-broken.conf:[0-9]+: '
schema_check "$T/broken.json"
python3 - "$T/broken.json" <<'EOF' || fail "an unreadable profile: wrong report"
import json, sys
d = json.load(open(sys.argv[1]))
i, ps = d["integrity"], {p["name"]: p for p in d["profiles"]}
assert i["verified"] is False and i["broken"] == 0, i
assert [(x["profile"], x["integrity_failure"]) for x in i["problems"]] == [("zz-broken", False)], i
assert ps["zz-broken"]["unreadable"] and not ps["zz-broken"]["verdict"]["restorable"], ps["zz-broken"]
assert ps["rp"]["journal"]["verified"], ps["rp"]["journal"]
EOF
rm -f "$T/conf/profiles/zz-broken.conf"

# --- a tampered journal -------------------------------------------------------------
note "tampered journal"
cp -a "$T/state" "$T/state.good"
python3 - "$J" <<'EOF'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
lines[2] = lines[2].replace(b'"result":"fail"', b'"result":"pass"', 1)
open(sys.argv[1], "wb").write(b"\n".join(lines))
EOF
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/bad.json" rp
[ -s "$T/bad.json" ] && [ -s "$T/bad.json.sig" ] || fail "no report written for a tampered journal"
schema_check "$T/bad.json"
python3 - "$T/bad.json" <<'EOF' || fail "tampered journal: wrong integrity section"
import json, sys
d = json.load(open(sys.argv[1]))
i, p = d["integrity"], d["profiles"][0]
assert i["verified"] is False and i["broken"] == 1, i
assert i["problems"][0]["profile"] == "rp" and i["problems"][0]["first_bad_line"] == 3, i
assert '"result":"pass"' in i["problems"][0]["first_bad_text"], i
assert p["journal"]["records"] == 2 and not p["verdict"]["restorable"], p["journal"]
EOF
rm -rf "$T/state" && cp -a "$T/state.good" "$T/state"
printf 'x' >>"$T/repo/journal/rp.jsonl"
expect_exit 4 "$RST" "${C[@]}" report --format json --out "$T/repo.json" rp
[ "$(json_get "$T/repo.json" 'd["profiles"][0]["journal"]["repository_copy"]')" = differs ] ||
	fail "a changed repository copy is not reported as differing"
cp "$J" "$T/repo/journal/rp.jsonl"
expect_exit 0 "$RST" "${C[@]}" report --format json --out "$T/fixed.json" rp

# --- usage ----------------------------------------------------------------------------
note "usage errors"
expect_exit 2 "$RST" "${C[@]}" report --format xml
expect_stderr 'format'
expect_exit 2 "$RST" "${C[@]}" report --lang xx
expect_stderr 'lang'
expect_exit 2 "$RST" "${C[@]}" report --since yesterday
expect_exit 2 "$RST" "${C[@]}" report --since 2026-02-01 --until 2026-01-01
expect_exit 2 "$RST" "${C[@]}" --json report --format json
expect_exit 2 "$RST" "${C[@]}" report --key "$T/no-such.pem" --out "$T/x.html"
expect_exit 2 "$RST" "${C[@]}" report no-such-profile --out "$T/x.html"
expect_exit 0 "$RST" "${C[@]}" --json report --format json --out "$T/j.json" rp
expect_stdout '"sha256"'
expect_exit 0 "$RST" "${C[@]}" journal verify rp
exit 0
