#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Encryption at rest in the age v1 format, checked against the stock age
# tool both ways: a snapshot encrypted to two recipients decrypts with
# `age -d` for each identity, a passphrase snapshot decrypts with `age -d`
# and the passphrase, data encrypted by `age -r` / `age -p` decrypts with
# restorable; verify needs no key, verify --deep and restore need it; no
# file name is readable anywhere in the repository or the journal; wrong
# identity, flipped byte and truncation are exit 4; secrets stay out of
# the output.

. "$(dirname "$0")/lib.sh"
need age age-keygen zstd tar openssl

data=$T/data
mkdir -p "$data/Confidential-Payroll" "$data/empty dir"
head -c 200000 /dev/urandom >"$data/Confidential-Payroll/salaries-2026.bin"
printf 'Jane Example, 4200 EUR\n' >"$data/Confidential-Payroll/Secret-Employee-List.csv"
: >"$data/zero.txt"
ln -s Confidential-Payroll/Secret-Employee-List.csv "$data/link"

# Run CMD under a pseudo-terminal, typing PASS at each passphrase prompt
# (age reads passphrases from the terminal only).
cat >"$T/agepty.py" <<'PY'
import os, pty, sys
pw = sys.argv[1].encode() + b"\n"
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
buf = b""
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    buf += chunk
    if b"passphrase" in buf.lower():
        buf = b""
        os.write(fd, pw)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
agepty() { python3 "$T/agepty.py" "$@"; }

ensure_keys
age-keygen -o "$T/second.key" 2>/dev/null
chmod 600 "$T/second.key"
r1=$(age-keygen -y "$T/keys/age.key") || fail "age-keygen -y rejects keygen's age.key"
r2=$(age-keygen -y "$T/second.key")
case $r1 in age1*) ;; *) fail "bad recipient from age.key: $r1" ;; esac
[ "$(stat -c %a "$T/keys/age.key")" = 600 ] || fail "age.key is not 0600"

# --- two recipients ---------------------------------------------------------
mk_profile enc "$data"
printf 'encryption = { recipients = [ "%s", "%s" ]; identity_file = "keys/age.key"; };\n' \
	"$r1" "$r2" >>"$T/enc.conf"
expect_exit 0 "$RST" backup "$T/enc.conf"
S=$(snapdir enc)
ls "$S" >"$T/objects"
grep -qx 'index.jsonl.zst.age' "$T/objects" || fail "no index.jsonl.zst.age"
grep -qx 'stream.pax.zst.age.000000' "$T/objects" || fail "no stream.pax.zst.age.000000"
grep -q '^stream.pax.zst.0' "$T/objects" && fail "plaintext part names in an encrypted snapshot"
python3 - "$S/manifest.json" <<'PY' || fail "manifest of an encrypted snapshot"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["stream"]["encryption"] == "age", m["stream"]
assert "sources" not in m, "sources leak the paths"
PY

for key in "$T/keys/age.key" "$T/second.key"; do
	rm -rf "$T/x" && mkdir "$T/x"
	cat "$S"/stream.pax.zst.age.* | age -d -i "$key" | zstd -dc | tar -xf - -C "$T/x" ||
		fail "stock age -d -i $key | zstd -dc | tar -x failed"
	# GNU tar keeps its own idea of directory times: compare content.
	diff -r --no-dereference "$data" "$T/x$data" >&2 ||
		fail "age -d with $(basename "$key"): trees differ"
done

# verify needs no key at all: a profile with only the public signing key.
{
	printf 'name = "enc";\npaths = [ "%s" ];\n' "$data"
	printf 'repository = "file://%s/repo";\n' "$T"
	printf 'verify_key = "keys/signing.pub";\nstate_dir = "%s/state-nokey";\n' "$T"
	printf 'encryption = { recipients = [ "%s" ]; };\n' "$r1"
} >"$T/nokey.conf"
expect_exit 0 "$RST" verify "$T/nokey.conf"
expect_exit 2 "$RST" verify --deep "$T/nokey.conf"
expect_exit 0 "$RST" verify --deep "$T/enc.conf"
expect_exit 0 "$RST" restore "$T/enc.conf" latest --target "$T/r1"
same_tree "$data" "$T/r1$data" "restore"

# No plaintext name anywhere in the repository or the journal.
for needle in Confidential-Payroll Secret-Employee-List salaries-2026 "empty dir"; do
	if grep -rlaF "$needle" "$T/repo" "$T/state" >"$T/leak"; then
		cat "$T/leak" >&2
		fail "file name '$needle' readable in the repository or journal"
	fi
done

# The wrong identity: exit 4, "no identity matches", nothing extracted.
age-keygen -o "$T/stranger.key" 2>/dev/null
chmod 600 "$T/stranger.key"
sed "s#keys/age.key#stranger.key#" "$T/enc.conf" >"$T/stranger.conf"
expect_exit 4 "$RST" restore "$T/stranger.conf" latest --target "$T/r2"
expect_stderr 'no identity matches'
[ -z "$(find "$T/r2" -type f 2>/dev/null)" ] || fail "files extracted with the wrong identity"
expect_exit 4 "$RST" verify --deep "$T/stranger.conf"
expect_stderr 'no identity matches'

# A group-readable identity file is refused before anything runs.
chmod 640 "$T/stranger.key"
expect_exit 2 "$RST" restore "$T/stranger.conf" latest --target "$T/r3"
expect_stderr 'stranger.key'

# Flipped byte and truncation of encrypted objects: exit 4 naming them.
cp -a "$T/repo" "$T/repo.good"
size=$(stat -c %s "$S/stream.pax.zst.age.000000")
flip_byte "$S/stream.pax.zst.age.000000" $((size / 2))
expect_exit 4 "$RST" verify "$T/enc.conf"
expect_stderr 'stream.pax.zst.age.000000'
expect_exit 4 "$RST" restore "$T/enc.conf" latest --target "$T/r4"
rm -rf "$T/repo" && cp -a "$T/repo.good" "$T/repo"
truncate_file "$S/index.jsonl.zst.age" 40
expect_exit 4 "$RST" verify "$T/enc.conf"
expect_stderr 'index.jsonl.zst.age'
rm -rf "$T/repo" && cp -a "$T/repo.good" "$T/repo"

# --- passphrase (scrypt), from a file and from the environment --------------
pass='correct horse battery staple'
printf '%s\n' "$pass" >"$T/pass.txt"
chmod 600 "$T/pass.txt"
mk_profile pp "$data"
echo 'encryption = { passphrase_file = "pass.txt"; };' >>"$T/pp.conf"
expect_exit 0 "$RST" backup "$T/pp.conf"
P=$(snapdir pp)
head -c 200 "$P/stream.pax.zst.age.000000" | grep -qa '^-> scrypt ' ||
	fail "passphrase snapshot has no scrypt stanza"
cat "$P"/stream.pax.zst.age.* >"$T/pp.age"
agepty "$pass" age -d -o "$T/pp.tar.zst" "$T/pp.age" >/dev/null ||
	fail "stock age -d with the passphrase failed"
rm -rf "$T/y" && mkdir "$T/y"
zstd -dc "$T/pp.tar.zst" | tar -xf - -C "$T/y" || fail "zstd | tar of age -d output"
diff -r --no-dereference "$data" "$T/y$data" >&2 || fail "age -d passphrase: trees differ"
expect_exit 0 "$RST" verify --deep "$T/pp.conf"
grep -rqaF "$pass" "$T/repo" "$T/state" "$OUT" "$ERR" && fail "passphrase leaked"

sed 's#passphrase_file = "pass.txt"#passphrase_env = "RST_TEST_PASS"#' "$T/pp.conf" >"$T/ppenv.conf"
RST_TEST_PASS=$pass expect_exit 0 "$RST" --json restore "$T/ppenv.conf" latest --target "$T/r5"
same_tree "$data" "$T/r5$data" "passphrase_env restore"
grep -qF "$pass" "$OUT" "$ERR" && fail "passphrase in the output"
RST_TEST_PASS='wrong horse' expect_exit 4 "$RST" restore "$T/ppenv.conf" latest --target "$T/r6"
expect_stderr 'no identity matches'
grep -qF 'wrong horse' "$ERR" && fail "passphrase in the error message"
expect_exit 2 "$RST" restore "$T/ppenv.conf" latest --target "$T/r7"

# --- data encrypted by the stock tool decrypts with restorable's reader -----
# Re-encrypt a snapshot's zstd stream with `age -r` / `age -p`, put it in
# place of the parts, fix the manifest's hashes, re-sign it with openssl,
# and restore with restorable.
restage() {
	local s=$1
	rm -f "$s"/stream.pax.zst.age.*
	cp "$T/stock.age" "$s/stream.pax.zst.age.000000"
	python3 - "$s" <<'PY' || fail "rewriting the manifest"
import hashlib, json, os, sys
s = sys.argv[1]
data = open(os.path.join(s, "stream.pax.zst.age.000000"), "rb").read()
h = hashlib.sha256(data).hexdigest()
m = json.load(open(os.path.join(s, "manifest.json")))
m["parts"] = [{"name": "stream.pax.zst.age.000000", "size": len(data), "sha256": h}]
m["stream"]["size"] = len(data)
m["stream"]["sha256"] = h
open(os.path.join(s, "manifest.json"), "w").write(json.dumps(m, indent=2) + "\n")
PY
	resign_manifest "$s"
}
cat "$S"/stream.pax.zst.age.* | age -d -i "$T/keys/age.key" >"$T/plain.zst" || fail "age -d"
age -r "$r1" -o "$T/stock.age" "$T/plain.zst" || fail "age -r"
restage "$S"
expect_exit 0 "$RST" restore "$T/enc.conf" latest --target "$T/r8"
same_tree "$data" "$T/r8$data" "restore of age -r data"

agepty "$pass" age -p -o "$T/stock.age" "$T/pp.tar.zst" >/dev/null || fail "age -p"
restage "$P"
expect_exit 0 "$RST" restore "$T/pp.conf" latest --target "$T/r9"
same_tree "$data" "$T/r9$data" "restore of age -p data"

echo "encryption: stock age interop both ways, keys, leaks and tampering checked"
