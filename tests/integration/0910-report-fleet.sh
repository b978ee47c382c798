#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# report --repository: one report over every journal of a shared
# repository (DESIGN.md "Scale"), each verified with its keys/NAME.pub.
# Two hosts share file://$T/repo: hq-payroll (configured in CONFDIR here,
# its own key) and branch-mail (another host: its own key, profile and
# state dir, not in CONFDIR).
#
#   - --repository URL with no local profile: --key is required (exit 2);
#     with --key: both journals, each with its own key fingerprint, its
#     facts equal to its repository journal, source "repository", signed
#     with --key, and no journal gets a record
#   - --repository PROFILE (hq-payroll, by name in CONFDIR): hq-payroll is
#     local, is signed for with its key by default and gets the report
#     record (the report's SHA-256); branch-mail's journal is untouched
#   - PROFILE operands pick journals from the repository
#   - a journal caught mid-rewrite (only NAME.jsonl.tmp-*) is still read
#   - a tampered line in branch-mail's repository journal: exit 4, it is
#     named with its first bad line and hq-payroll still verifies; its
#     keys/NAME.pub missing: exit 4, unreadable
#   - a repository without journals and an unknown scheme: exit 2

. "$(dirname "$0")/lib.sh"
need python3 openssl sha256sum

mkdir -p "$T/hq" "$T/branch" "$T/conf/profiles"
echo "salaries" >"$T/hq/payroll.csv"
echo "mailbox" >"$T/branch/inbox.mbox"
ensure_keys
expect_exit 0 "$RST" keygen --out "$T/keys-branch"

# profile NAME DATA KEYDIR STATE: a profile text with a drill group.
profile() {
	cat <<EOF
name = "$1";
paths = [ "$2" ];
repository = "file://$T/repo";
signing_key = "$3/signing.pem";
state_dir = "$4";
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
}
profile hq-payroll "$T/hq" "$T/keys" "$T/state" >"$T/conf/profiles/hq-payroll.conf"
profile branch-mail "$T/branch" "$T/keys-branch" "$T/state-branch" >"$T/branch.conf"
C=(-c "$T/conf")

expect_exit 0 "$RST" "${C[@]}" backup hq-payroll
expect_exit 0 "$RST" "${C[@]}" drill hq-payroll
expect_exit 0 "$RST" backup "$T/branch.conf"
expect_exit 0 "$RST" backup "$T/branch.conf"
expect_exit 0 "$RST" drill "$T/branch.conf"
RJ=$T/repo/journal
[ -f "$RJ/hq-payroll.jsonl" ] && [ -f "$RJ/branch-mail.jsonl" ] || fail "fixture: journals not in the repository"

# fleet_facts REPORT: for each profile, the counts and drill values the
# report states equal its repository journal (as saved in $T/before).
fleet_facts() {
	python3 - "$1" "$T/before" <<'EOF' || fail "fleet report facts differ from the journals"
import json, os, sys
doc = json.load(open(sys.argv[1]))
errs = []
for p in doc["profiles"]:
    recs = [json.loads(l) for l in open(os.path.join(sys.argv[2], p["name"] + ".jsonl"), "rb")]
    b = [r for r in recs if r["kind"] == "backup"]
    d = [r for r in recs if r["kind"] == "drill"]
    got = (p["backups"]["count"], p["backups"]["failed"], [x["snapshot"] for x in p["backups"]["items"]],
           [(x["result"], x["rto_seconds"]) for x in p["drills"]["items"]], p["journal"]["records"])
    want = (len(b), sum(r["result"] != "pass" for r in b), [r["data"]["snapshot"] for r in b],
            [(r["result"], r["data"]["rto_seconds"]) for r in d], len(recs))
    if got != want:
        errs.append("%s: report %r, journal %r" % (p["name"], got, want))
if errs:
    print("\n".join(errs)); sys.exit(1)
EOF
}
save_journals() {
	rm -rf "$T/before" && mkdir -p "$T/before" && cp "$RJ"/*.jsonl "$T/before/"
}
fpr() {
	echo "SHA256:$(openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1)"
}
HQ_FPR=$(fpr "$T/keys/signing.pub")
BR_FPR=$(fpr "$T/keys-branch/signing.pub")
URL=file://$T/repo
# Keys neither local nor pinned never make a profile restorable.
PINS=(--pin "hq-payroll=$HQ_FPR" --pin "branch-mail=$BR_FPR")

# --- by URL ------------------------------------------------------------------------
note "by URL"
expect_exit 2 "$RST" -c "$T/empty" report --repository "$URL" --out "$T/f.html"
expect_stderr 'sign with --key'
save_journals
expect_exit 1 "$RST" -c "$T/empty" report --repository "$URL" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/unpinned.json"
[ "$(json_get "$T/unpinned.json" '[[r["code"] for r in p["verdict"]["reasons"] if not r["ok"]] for p in d["profiles"]]')" = \
	"[['key_unpinned'], ['key_unpinned']]" ] || fail "keys neither local nor pinned: not key_unpinned"
expect_exit 0 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/f.json"
fleet_facts "$T/f.json"
python3 - "$T/f.json" "$HQ_FPR" "$BR_FPR" "$URL" <<'EOF' || fail "fleet report by URL"
import json, sys
d = json.load(open(sys.argv[1]))
ps = {p["name"]: p for p in d["profiles"]}
assert sorted(ps) == ["branch-mail", "hq-payroll"], sorted(ps)
assert ps["hq-payroll"]["key_fingerprint"] == sys.argv[2], ps["hq-payroll"]["key_fingerprint"]
assert ps["branch-mail"]["key_fingerprint"] == sys.argv[3]
assert all(p["source"] == "repository" and p["verdict"]["restorable"] for p in ps.values()), ps
assert all(p["targets"]["source"] == "journal" and p["targets"]["rto_seconds"] == 3600 for p in ps.values())
sc = {k: d["scope"][k] for k in ("mode", "repository", "profiles", "found", "named", "left_out")}
assert sc == {"mode": "repository", "repository": sys.argv[4], "profiles": ["branch-mail", "hq-payroll"],
              "found": ["branch-mail", "hq-payroll"], "named": None, "left_out": []}, d["scope"]
assert d["signing_key"] == sys.argv[3] and d["integrity"]["verified"], d["integrity"]
EOF
openssl pkeyutl -verify -pubin -inkey "$T/keys-branch/signing.pub" -rawin -in "$T/f.json" \
	-sigfile "$T/f.json.sig" >/dev/null || fail "the fleet report's signature does not verify"
cmp -s "$RJ/hq-payroll.jsonl" "$T/before/hq-payroll.jsonl" &&
	cmp -s "$RJ/branch-mail.jsonl" "$T/before/branch-mail.jsonl" ||
	fail "a journal changed although no covered profile is local"
expect_exit 0 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/one.json" branch-mail
[ "$(json_get "$T/one.json" '[p["name"] for p in d["profiles"]]')" = "['branch-mail']" ] ||
	fail "a PROFILE operand does not pick its journal"

# --- by PROFILE ----------------------------------------------------------------------
note "by PROFILE"
save_journals
expect_exit 0 "$RST" "${C[@]}" report --repository hq-payroll --pin "branch-mail=$BR_FPR" \
	--format json --out "$T/p.json"
fleet_facts "$T/p.json"
[ "$(json_get "$T/p.json" '{p["name"]: p["source"] for p in d["profiles"]}')" = \
	"{'branch-mail': 'repository', 'hq-payroll': 'local'}" ] || fail "hq-payroll is not local"
[ "$(json_get "$T/p.json" 'd["signing_key"]')" = "$HQ_FPR" ] || fail "not signed with hq-payroll's key by default"
openssl pkeyutl -verify -pubin -inkey "$T/keys/signing.pub" -rawin -in "$T/p.json" \
	-sigfile "$T/p.json.sig" >/dev/null || fail "p.json.sig does not verify with hq-payroll's key"
python3 - "$T/state/journal/hq-payroll.jsonl" "$(sha256sum "$T/p.json" | cut -d' ' -f1)" <<'EOF' ||
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert r["kind"] == "report" and r["data"]["sha256"] == sys.argv[2], r
EOF
	fail "hq-payroll's journal does not end with the report record"
cmp -s "$RJ/branch-mail.jsonl" "$T/before/branch-mail.jsonl" || fail "branch-mail's journal changed"
cmp -s "$RJ/hq-payroll.jsonl" "$T/state/journal/hq-payroll.jsonl" || fail "hq-payroll's record not mirrored"
expect_exit 0 "$RST" "${C[@]}" journal verify hq-payroll

# --- a journal caught between delete and rename ----------------------------------------
note "temp copy"
mv "$RJ/branch-mail.jsonl" "$RJ/branch-mail.jsonl.tmp-a1b2c3"
expect_exit 0 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/tmp.json"
[ "$(json_get "$T/tmp.json" '[p["journal"]["verified"] for p in d["profiles"]]')" = "[True, True]" ] ||
	fail "the newest journal/NAME.jsonl.tmp-* is not read"
mv "$RJ/branch-mail.jsonl.tmp-a1b2c3" "$RJ/branch-mail.jsonl"

# --- integrity ---------------------------------------------------------------------------
note "tampered repository journal"
cp "$RJ/branch-mail.jsonl" "$T/branch.good"
python3 - "$RJ/branch-mail.jsonl" <<'EOF'
import sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
lines[1] = lines[1].replace(b'"files":1', b'"files":7', 1)
open(sys.argv[1], "wb").write(b"\n".join(lines))
EOF
expect_exit 4 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/bad.json"
python3 - "$T/bad.json" <<'EOF' || fail "tampered fleet journal: wrong integrity section"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["integrity"]["broken"] == 1, d["integrity"]
pr = d["integrity"]["problems"][0]
assert pr["profile"] == "branch-mail" and pr["first_bad_line"] == 2, pr
ps = {p["name"]: p for p in d["profiles"]}
assert ps["hq-payroll"]["journal"]["verified"] and not ps["branch-mail"]["journal"]["verified"]
assert ps["branch-mail"]["journal"]["records"] == 1, ps["branch-mail"]["journal"]
EOF
expect_exit 4 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format html \
	--key "$T/keys-branch/signing.pem" --out "$T/bad.html"
grep -qF 'class="banner bad"' "$T/bad.html" || fail "no red banner in the fleet HTML"
cp "$T/branch.good" "$RJ/branch-mail.jsonl"
mv "$T/repo/keys/branch-mail.pub" "$T/branch-mail.pub"
expect_exit 4 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format json \
	--key "$T/keys-branch/signing.pem" --out "$T/nokey.json"
[ "$(json_get "$T/nokey.json" '[p["unreadable"] for p in d["profiles"]]')" = "[True, False]" ] ||
	fail "a journal without its key is not unreadable"
mv "$T/branch-mail.pub" "$T/repo/keys/branch-mail.pub"
expect_exit 0 "$RST" -c "$T/empty" report --repository "$URL" "${PINS[@]}" --format md \
	--key "$T/keys-branch/signing.pem" --out "$T/ok.md"

# --- errors --------------------------------------------------------------------------------
note "errors"
mkdir -p "$T/emptyrepo"
expect_exit 2 "$RST" -c "$T/empty" report --repository "file://$T/emptyrepo" --key "$T/keys/signing.pem"
expect_stderr 'no journal'
expect_exit 2 "$RST" -c "$T/empty" report --repository "gopher://example.invalid/x" --key "$T/keys/signing.pem"
expect_exit 0 "$RST" "${C[@]}" journal verify hq-payroll
exit 0
