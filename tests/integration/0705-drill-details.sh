#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A drill's full details (FORMATS.md, journal): every missing and changed
# path and every check's whole output go to STATE/details/NAME/*.drill.jsonl
# (0600), whose sha256 and name the journal record carries; the record keeps
# 20 paths per list and 2 KiB per output.  For a profile with recipients the
# record names no path and carries the truncated details as details_age,
# which the stock age tool decrypts with the profile's identity.
#
# The drill finds 25 changed files in a validly signed snapshot whose index
# was rewritten (wrong hashes) and re-signed with the profile's key.

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl age age-keygen sha256sum base64

d=$T/data
mkdir -p "$d"
for i in $(seq -w 1 30); do echo "record $i" >"$d/f$i.txt"; done

# forge_index SNAPDIR: wrong hashes for f01..f25 in the (plain) index,
# manifest updated and signed again with the test key.
forge_index() {
	index_rewrite "$1" '
n = os.path.basename(e["path"])
if n.startswith("f") and n.endswith(".txt") and int(n[1:3]) <= 25:
    e["sha256"] = "0" * 64'
}

# last_data EXPR: a python EXPR over the data d of the last journal record.
last_data() {
	python3 - "$T/state/journal/$1.jsonl" "$2" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])["data"]
print(eval(sys.argv[2]))
PY
}

CHATTY='{ name = "chatty"; command = "python3 -c '\''print(\"x\" * 5000)'\''; exit 3"; timeout = "30s"; }'

# --- a profile without encryption ---------------------------------------------
mk_profile dd "$d"
printf 'drill = { scratch_dir = "%s/scratch"; rto_target = "1h"; rpo_target = "26h"; checks = ( %s ); };\n' \
	"$T" "$CHATTY" >>"$T/dd.conf"
expect_exit 0 "$RST" backup "$T/dd.conf"
forge_index "$(snapdir dd)"
expect_exit 1 "$RST" drill "$T/dd.conf"

[ "$(last_data dd 'd["changed"]')" = 25 ] || fail "record: changed is $(last_data dd 'd["changed"]'), want 25"
[ "$(last_data dd 'len(d["changed_paths"])')" = 20 ] || fail "record: more or fewer than 20 changed paths"
[ "$(last_data dd 'len(d["checks"][0]["output"])')" = 2048 ] ||
	fail "record: check output is $(last_data dd 'len(d["checks"][0]["output"])') bytes, want 2048"
rel=$(last_data dd 'd["details_file"]')
sha=$(last_data dd 'd["details_sha256"]')
f=$T/state/$rel
[ -f "$f" ] || fail "details file $rel is not in the state dir"
[ "$(stat -c %a "$f")" = 600 ] || fail "details file mode $(stat -c %a "$f"), want 600"
[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$sha" ] || fail "details_sha256 does not match $rel"
python3 - "$f" <<'PY' || fail "details file content"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert recs[0]["kind"] == "drill", recs[0]
changed = sorted(r["path"].rsplit("/", 1)[1] for r in recs if r.get("list") == "changed")
assert changed == ["f%02d.txt" % i for i in range(1, 26)], changed
out = [r for r in recs if r.get("check") == "chatty"]
assert len(out) == 1 and out[0]["output"] == "x" * 5000 + "\n" and out[0]["exit"] == 3, out
PY
ls -A "$T/state/details/dd" | grep -q '^\.drill' && fail "a temporary details file was left behind"
expect_exit 0 "$RST" journal verify "$T/dd.conf"

# --- a profile with recipients ----------------------------------------------------
ensure_keys
r1=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y"
mk_profile de "$d"
printf 'encryption = { recipients = [ "%s" ]; identity_file = "keys/age.key"; };\n' "$r1" >>"$T/de.conf"
printf 'drill = { scratch_dir = "%s/scratch"; rto_target = "1h"; rpo_target = "26h"; checks = ( %s ); };\n' \
	"$T" "$CHATTY" >>"$T/de.conf"
expect_exit 0 "$RST" backup "$T/de.conf"
expect_exit 1 "$RST" drill "$T/de.conf"
line=$(tail -n 1 "$T/state/journal/de.jsonl")
case $line in *record*|*f0*.txt*|*xxxxx*) fail "the encrypted profile's record names a path or holds output: $line" ;; esac
[ "$(last_data de '"changed_paths" in d or "output" in d["checks"][0]')" = False ] ||
	fail "encrypted profile: paths or output in the record"
last_data de 'd["details_age"]' | base64 -d >"$T/details.age" || fail "details_age is not base64"
age -d -i "$T/keys/age.key" -o "$T/details.json" "$T/details.age" || fail "stock age cannot decrypt details_age"
python3 - "$T/details.json" <<'PY' || fail "decrypted details"
import json, sys
d = json.load(open(sys.argv[1]))
assert [c["name"] for c in d["checks"]] == ["chatty"], d
assert len(d["checks"][0]["output"]) == 2048, len(d["checks"][0]["output"])
PY
rel=$(last_data de 'd["details_file"]')
[ "$(sha256sum <"$T/state/$rel" | cut -d' ' -f1)" = "$(last_data de 'd["details_sha256"]')" ] ||
	fail "encrypted profile: details_sha256 does not match"
expect_exit 0 "$RST" journal verify "$T/de.conf"
exit 0
