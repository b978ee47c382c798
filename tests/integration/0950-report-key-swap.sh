#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# A fleet report trusts a profile's key only when it is this host's or
# pinned, and compares it with the key the profile's snapshots are signed
# with.  The host "shop" backs up and drills into a shared repository; an
# attacker with write access to the storage (no key) replaces
# keys/shop.pub with their own key and the journal with one they forged
# and signed with it.
#
#   - genuine repository, a host without shop: key_unpinned (exit 1) unless
#     --pin shop=FPR (exit 0) or --pins FILE (exit 0); a malformed pin: 2
#   - key and journal swapped, without a pin: key_unpinned and key_mismatch
#     (the snapshots name another key than the journal's), exit 4
#   - with the genuine pin: key_mismatch (the repository's key is not the
#     pin), exit 4
#   - from the host that holds shop: verified with its local key and its
#     state-dir journal, whose repository copy differs; key_mismatch for
#     keys/shop.pub, exit 4
#   - the genuine key back, the journal deleted from the repository: shop
#     is still covered (its snapshots), journal_missing, exit 4

. "$(dirname "$0")/lib.sh"
need python3 openssl sha256sum

mkdir -p "$T/data" "$T/conf/profiles" "$T/empty"
echo "orders" >"$T/data/orders.csv"
ensure_keys
expect_exit 0 "$RST" keygen --out "$T/keys-evil"

# profile NAME KEYDIR STATE REPO
profile() {
	cat <<EOF
name = "$1";
paths = [ "$T/data" ];
repository = "file://$4";
signing_key = "$2/signing.pem";
state_dir = "$3";
drill = { scratch_dir = "$T/scratch"; rto_target = "1h"; rpo_target = "26h"; };
EOF
}
profile shop "$T/keys" "$T/state" "$T/repo" >"$T/conf/profiles/shop.conf"
profile shop "$T/keys-evil" "$T/state-evil" "$T/repo-evil" >"$T/evil.conf"
URL=file://$T/repo
fpr() {
	echo "SHA256:$(openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -d' ' -f1)"
}
GOOD=$(fpr "$T/keys/signing.pub")
EVIL=$(fpr "$T/keys-evil/signing.pub")

expect_exit 0 "$RST" -c "$T/conf" backup shop
expect_exit 0 "$RST" -c "$T/conf" drill shop

# fleet NAME CODE [OPTION...]: the fleet report from a host without shop.
fleet() {
	expect_exit "$2" "$RST" -c "$T/empty" report --repository "$URL" "${@:3}" \
		--key "$T/keys-evil/signing.pem" --format json --out "$T/$1.json"
}
# codes FILE: "restorable;failed reasons;findings (code/integrity)".
codes() {
	json_get "$1" '"%s;%s;%s" % (d["profiles"][0]["verdict"]["restorable"], ",".join(r["code"] for r in d["profiles"][0]["verdict"]["reasons"] if not r["ok"]), ",".join("%s/%s" % (f["code"], f["integrity"]) for f in d["profiles"][0]["findings"]))'
}

note "genuine repository: pinned or not"
fleet unpinned 1
[ "$(codes "$T/unpinned.json")" = "False;key_unpinned;" ] || fail "unpinned: $(codes "$T/unpinned.json")"
[ "$(json_get "$T/unpinned.json" '[r["text"] for r in d["profiles"][0]["verdict"]["reasons"] if not r["ok"]][0]')" = \
	"the key of shop ($GOOD) is neither configured here nor pinned (--pin): not proven" ] ||
	fail "unpinned: wrong text"
fleet pinned 0 --pin "shop=$GOOD"
[ "$(codes "$T/pinned.json")" = "True;;" ] || fail "pinned: $(codes "$T/pinned.json")"
printf '# pins of the fleet\n\nshop %s\n' "$GOOD" >"$T/pins"
fleet pinfile 0 --pins "$T/pins"
expect_exit 2 "$RST" -c "$T/empty" report --repository "$URL" --pin "shop=SHA256:00" \
	--key "$T/keys-evil/signing.pem" --format json --out "$T/x.json"
expect_stderr "--pin: not NAME=SHA256:"
printf 'shop=%s\n' "$GOOD" >"$T/badpins"
expect_exit 2 "$RST" -c "$T/empty" report --repository "$URL" --pins "$T/badpins" \
	--key "$T/keys-evil/signing.pem" --format json --out "$T/x.json"
expect_stderr "badpins line 1"

note "key and journal swapped by whoever controls the storage"
expect_exit 0 "$RST" backup "$T/evil.conf"
cp "$T/repo-evil/keys/shop.pub" "$T/repo/keys/shop.pub"
cp "$T/repo-evil/journal/shop.jsonl" "$T/repo/journal/shop.jsonl"
cp "$T/repo-evil/journal/shop.head" "$T/repo/journal/shop.head"
fleet swapped 4
python3 - "$T/swapped.json" "$EVIL" "$GOOD" <<'EOF' || fail "swapped, no pin"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert p["key_fingerprint"] == sys.argv[2] and p["journal"]["verified"] is True, p
assert p["verdict"]["restorable"] is False, p["verdict"]
bad = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert "key_unpinned" in bad, bad
f = [(x["code"], x["integrity"]) for x in p["findings"]]
assert ("key_mismatch", True) in f, f
t = [x["text"] for x in p["findings"] if x["code"] == "key_mismatch"][0]
assert t == "snapshots of shop are signed by another key than the journal's (%s)" % sys.argv[2], t
assert d["integrity"]["verified"] is False and d["integrity"]["findings"] >= 1, d["integrity"]
EOF
expect_exit 4 "$RST" -c "$T/empty" report --repository "$URL" \
	--key "$T/keys-evil/signing.pem" --format md --out "$T/swapped.md"
grep -q "snapshots of shop are signed by another key than the journal's" "$T/swapped.md" ||
	fail "swapped.md: key_mismatch is not shown"
grep -q "is neither configured here nor pinned" "$T/swapped.md" || fail "swapped.md: key_unpinned is not shown"

note "swapped, with the genuine pin"
fleet swappedpin 4 --pin "shop=$GOOD"
python3 - "$T/swappedpin.json" "$EVIL" "$GOOD" <<'EOF' || fail "swapped, pinned"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["verdict"]["restorable"] is False, p["verdict"]
bad = [r["code"] for r in p["verdict"]["reasons"] if not r["ok"]]
assert "key_mismatch" in bad and "key_unpinned" not in bad, bad
t = [x["text"] for x in p["findings"] if x["code"] == "key_mismatch"][0]
assert t == "key mismatch: keys/shop.pub in the repository is %s, the pin is %s" % (sys.argv[2], sys.argv[3]), t
EOF

note "swapped, from the host that holds shop"
expect_exit 4 "$RST" -c "$T/conf" report --repository "$URL" --format json --out "$T/local.json"
python3 - "$T/local.json" "$GOOD" <<'EOF' || fail "swapped, local profile"
import json, sys
p = json.load(open(sys.argv[1]))["profiles"][0]
assert p["source"] == "local" and p["key_fingerprint"] == sys.argv[2], p["key_fingerprint"]
assert p["journal"]["repository_copy"] == "differs" and p["journal"]["verified"] is False, p["journal"]
f = [(x["code"], x["integrity"]) for x in p["findings"]]
assert ("key_mismatch", True) in f, f
assert "not this host's key" in [x["text"] for x in p["findings"] if x["code"] == "key_mismatch"][0]
assert p["verdict"]["restorable"] is False, p["verdict"]
EOF

note "the journal deleted from the repository: the fleet report still finds shop"
cp "$T/keys/signing.pub" "$T/repo/keys/shop.pub"
rm -f "$T/repo/journal/shop.jsonl" "$T/repo/journal/shop.head"
fleet nojournal 4 --pin "shop=$GOOD"
python3 - "$T/nojournal.json" <<'EOF' || fail "fleet, journal deleted"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["profiles"][0]
assert p["name"] == "shop" and p["journal"]["verified"] is False and p["journal"]["records"] == 0, p["journal"]
assert [(f["code"], f["integrity"]) for f in p["findings"]] == [("journal_missing", True)], p["findings"]
assert p["findings"][0]["text"] == "the journal of shop is missing while the repository holds 1 snapshot", p["findings"]
assert p["verdict"]["restorable"] is False, p["verdict"]
EOF
exit 0
