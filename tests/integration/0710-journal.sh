#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# The hash-chained signed journal (FORMATS.md section 5).
#
#   - after a backup, a verify and a drill, `journal verify` exits 0, and
#     an auditor WITHOUT restorable checks every line with openssl pkeyutl
#     -verify -rawin (body = the line up to ,"sig":" then "}"), the chain with
#     sha256sum (prev of line 1 = sha256 of keys/NAME.pub, prev of line i+1 =
#     sha256 of line i) and the head (count, last, signature)
#   - on fresh copies of the state dir (the local, authoritative copy), each
#     of these is exit 4: a byte edited inside a line's data (the message
#     names the line), a deleted middle line, two lines swapped, the last
#     line removed (head left alone), a torn last line (no final newline;
#     cut mid-line), a line appended and signed with another key (with the
#     head left alone, and with a head forged with that key too)
#   - control: the same append signed with the profile's own key and a head
#     to match verifies (so the forger above builds well-formed records)
#   - an append interrupted between its line and its head (head one line
#     behind, or missing after the first line): kept, reported, head
#     rewritten; two lines behind, or missing after more: 4
#   - the repository's copy: edited -> 4 ("differs"); a prefix of the local
#     journal (its last line removed) -> 0, and it is uploaded again (equal
#     to the local copy afterwards)

. "$(dirname "$0")/lib.sh"
need python3 openssl base64 sha256sum

d=$T/data
mkdir -p "$d"
echo "ledger 2026" >"$d/ledger.txt"
head -c 20000 /dev/urandom >"$d/blob.bin"

mk_profile jr "$d"
printf 'drill = { scratch_dir = "%s/scratch"; rto_target = "1h"; rpo_target = "26h"; };\n' "$T" >>"$T/jr.conf"
P=$T/jr.conf

expect_exit 0 "$RST" backup "$P"
expect_exit 0 "$RST" verify "$P"
expect_exit 0 "$RST" drill "$P"
expect_exit 0 "$RST" journal verify "$P"

J=$T/state/journal/jr.jsonl
H=$T/state/journal/jr.head
[ -f "$J" ] && [ -f "$H" ] || fail "no journal or head in $T/state/journal"
n=$(wc -l <"$J")
[ "$n" -eq 3 ] || fail "expected 3 journal lines (backup, verify, drill), got $n"
kinds=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["kind"] for l in open(sys.argv[1])))' "$J")
[ "$kinds" = "backup verify drill" ] || fail "journal kinds are '$kinds'"
cmp -s "$J" "$T/repo/journal/jr.jsonl" || fail "repository journal differs from the local one"
cmp -s "$H" "$T/repo/journal/jr.head" || fail "repository head differs from the local one"

# --- the auditor, without restorable ---------------------------------------------
note "auditor check with openssl and sha256sum"
PUB=$T/repo/keys/jr.pub
cmp -s "$PUB" "$T/keys/signing.pub" || fail "REPO/keys/jr.pub is not the profile's public key"
A=$T/audit
mkdir -p "$A"

# audit_sig TEXT WHAT: TEXT ends with ,"sig":"<88 b64>"}; its body verifies.
audit_sig() {
	local text=$1 what=$2 sig
	case $text in
	*',"sig":"'????????????????????????????????????????????????????????????????????????????????????????'"}') ;;
	*) fail "auditor: $what does not end with ,\"sig\":\"<88 base64 chars>\"}" ;;
	esac
	sig=${text##*,\"sig\":\"}
	sig=${sig%\"\}}
	printf '%s}' "${text%,\"sig\":\"*}" >"$A/body"
	printf '%s' "$sig" | base64 -d >"$A/sig" || fail "auditor: $what: sig is not base64"
	[ "$(stat -c %s "$A/sig")" -eq 64 ] || fail "auditor: $what: sig is not 64 bytes"
	openssl pkeyutl -verify -pubin -inkey "$PUB" -rawin -in "$A/body" -sigfile "$A/sig" \
		>"$A/out" 2>&1 || { cat "$A/out" >&2; fail "auditor: $what: signature does not verify"; }
}

want_prev=$(sha256sum "$PUB" | cut -d' ' -f1)
i=0
while IFS= read -r line; do
	i=$((i + 1))
	audit_sig "$line" "line $i"
	prev=${line#*\"prev\":\"}
	prev=${prev%%\"*}
	[ "$prev" = "$want_prev" ] || fail "auditor: line $i: prev $prev, want $want_prev"
	seq=${line#*\"seq\":}
	seq=${seq%%,*}
	[ "$seq" = $((i - 1)) ] || fail "auditor: line $i: seq $seq, want $((i - 1))"
	want_prev=$(printf '%s' "$line" | sha256sum | cut -d' ' -f1)
done <"$J"
[ "$i" -eq 3 ] || fail "auditor: read $i lines"
head_line=$(cat "$H")
audit_sig "$head_line" "head"
[ "$(python3 -c 'import json,sys; h=json.load(open(sys.argv[1])); print(h["count"], h["last"])' "$H")" = "3 $want_prev" ] ||
	fail "auditor: head $(cat "$H") does not match count 3 and last $want_prev"

# Negative control of the auditor's own method: line 1 with its own sig
# but an edited body fails.
line=$(head -n 1 "$J")
audit_sig "$line" "line 1 again"
line=${line/\"seq\":0,/\"seq\":7,}
printf '%s}' "${line%,\"sig\":\"*}" >"$A/body"
case $line in *'"seq":7,'*) ;; *) fail "test setup: edit of line 1 failed" ;; esac
if openssl pkeyutl -verify -pubin -inkey "$PUB" -rawin -in "$A/body" -sigfile "$A/sig" >/dev/null 2>&1; then
	fail "auditor: an edited line verifies with openssl"
fi

# --- tampering with the local journal: 4 ----------------------------------------
# fresh CASE: a copy of the state dir and of the repository, and a profile
# $T/CASE.conf using them; sets P, J (the local journal) and RJ (the copy's).
fresh() {
	rm -rf "$T/st-$1" "$T/r-$1"
	cp -a "$T/state" "$T/st-$1" && cp -a "$T/repo" "$T/r-$1" || fail "cp -a failed"
	sed -e "s|^repository = .*|repository = \"file://$T/r-$1\";|" \
		-e "s|^state_dir = .*|state_dir = \"$T/st-$1\";|" "$T/jr.conf" >"$T/$1.conf"
	P=$T/$1.conf
	J=$T/st-$1/journal/jr.jsonl
	H=$T/st-$1/journal/jr.head
	RJ=$T/r-$1/journal/jr.jsonl
}

# forge_append FILE KEY [HEADKEY]: append a backup record to journal FILE
# (seq and prev continuing its chain) signed with KEY; with HEADKEY, also
# rewrite the head beside FILE to match, signed with HEADKEY.
forge_append() {
	python3 - "$@" <<'EOF' || fail "forge_append $* failed"
import base64, hashlib, json, os, subprocess, sys, tempfile

path, key = sys.argv[1], sys.argv[2]
headkey = sys.argv[3] if len(sys.argv) > 3 else None
lines = open(path, "rb").read().split(b"\n")
assert lines[-1] == b"", "journal does not end with a newline"
lines = lines[:-1]
last = json.loads(lines[-1])

def sign(body, k):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(body)
    try:
        return base64.b64encode(subprocess.run(
            ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", k, "-in", f.name],
            stdout=subprocess.PIPE, check=True).stdout).decode()
    finally:
        os.unlink(f.name)

def signed(obj, k):
    body = json.dumps(obj, separators=(",", ":")).encode()
    return body[:-1] + b',"sig":"' + sign(body, k).encode() + b'"}'

rec = {"v": 1, "seq": last["seq"] + 1, "ts": "2026-12-24T23:59:59Z",
       "prev": hashlib.sha256(lines[-1]).hexdigest(), "kind": "backup",
       "host": "elsewhere", "user": "mallory", "result": "pass", "exit": 0,
       "data": {"snapshot": "20261224T235959Z-000000", "manifest_sha256": "0" * 64,
                "files": 1, "bytes": 1, "stored_bytes": 1, "seconds": 0.001,
                "incomplete": False}}
line = signed(rec, key)
with open(path, "ab") as f:
    f.write(line + b"\n")
if headkey:
    head = {"v": 1, "count": len(lines) + 1, "last": hashlib.sha256(line).hexdigest()}
    hpath = os.path.join(os.path.dirname(path), os.path.basename(path)[:-len(".jsonl")] + ".head")
    with open(hpath, "wb") as f:
        f.write(signed(head, headkey) + b"\n")
EOF
}

# rewrite_lines FILE PYEXPR: FILE's lines (list L of bytes, without LF) become
# PYEXPR's list; the result is written with an LF after every line.
rewrite_lines() {
	python3 - "$1" "$2" <<'EOF'
import sys
L = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
L = eval(sys.argv[2])
open(sys.argv[1], "wb").write(b"".join(l + b"\n" for l in L))
EOF
}

note "a byte edited inside line 2's data"
fresh edit
python3 - "$J" <<'EOF' || fail "edit failed"
import sys
p = sys.argv[1]
L = open(p, "rb").read().split(b"\n")
i = L[1].index(b'"data":{')
while not L[1][i:i + 1].isdigit():
    i += 1
d = L[1][i:i + 1]
L[1] = L[1][:i] + (b"1" if d != b"1" else b"2") + L[1][i + 1:]
open(p, "wb").write(b"\n".join(L))
EOF
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 2([^0-9]|$)"

note "a middle line deleted"
fresh delete
rewrite_lines "$J" '[L[0], L[2]]'
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 2([^0-9]|$)"

note "two lines swapped"
fresh swap
rewrite_lines "$J" '[L[0], L[2], L[1]]'
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 2([^0-9]|$)"

note "last line removed, head left alone"
fresh truncate
rewrite_lines "$J" 'L[:-1]'
expect_exit 4 "$RST" journal verify "$P"

note "torn last line: no final newline"
fresh torn-lf
truncate_file "$J" -1
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 3"

note "torn last line: cut mid-line"
fresh torn-mid
truncate_file "$J" -100
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 3"

note "control: an append signed with the profile's key, head to match"
fresh control
forge_append "$J" "$T/keys/signing.pem" "$T/keys/signing.pem"
expect_exit 0 "$RST" journal verify "$P"
[ "$(wc -l <"$J")" -eq 4 ] || fail "control: journal has $(wc -l <"$J") lines"

expect_exit 0 "$RST" keygen --out "$T/keys2"
note "an append signed with another key, head left alone"
fresh forged
forge_append "$J" "$T/keys2/signing.pem"
expect_exit 4 "$RST" journal verify "$P"

note "an append and a head both signed with another key"
fresh forged-head
forge_append "$J" "$T/keys2/signing.pem" "$T/keys2/signing.pem"
expect_exit 4 "$RST" journal verify "$P"

note "an append signed with another key, head re-signed with the profile's key"
fresh forged-line
forge_append "$J" "$T/keys2/signing.pem" "$T/keys/signing.pem"
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "line 4"

# --- an append interrupted between its line and its head -------------------------
# The line is written first, then the head: a crash in between leaves the
# head one line behind.  That line is signed with the key, so the next
# command keeps it, says so, and brings the head up to date; a head two
# lines behind is still a truncated or forged journal.
note "head one line behind (interrupted append)"
fresh head-lag
cp "$H" "$T/head-before"
expect_exit 0 "$RST" verify "$P"
cp "$T/head-before" "$H"
expect_exit 0 "$RST" journal verify "$P"
expect_stderr "interrupted before its head"
cmp -s "$H" "$T/head-before" && fail "the lagging head was not brought up to date"
expect_exit 0 "$RST" journal verify "$P"

note "head two lines behind"
fresh head-lag2
cp "$H" "$T/head-before"
expect_exit 0 "$RST" verify "$P"
expect_exit 0 "$RST" verify "$P"
cp "$T/head-before" "$H"
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "head says"

note "head missing after the first line (interrupted first append)"
rm -rf "$T/st-first" && mkdir -p "$T/st-first"
sed -e "s|^state_dir = .*|state_dir = \"$T/st-first\";|" \
	-e "s|^repository = .*|repository = \"file://$T/r-first\";|" "$T/jr.conf" >"$T/first.conf"
expect_exit 0 "$RST" backup "$T/first.conf"
[ "$(wc -l <"$T/st-first/journal/jr.jsonl")" -eq 1 ] || fail "test setup: first journal is not one line"
rm "$T/st-first/journal/jr.head"
expect_exit 0 "$RST" journal verify "$T/first.conf"
expect_stderr "interrupted before its head"
[ -f "$T/st-first/journal/jr.head" ] || fail "the missing head was not written again"

note "head missing after more lines"
expect_exit 0 "$RST" verify "$T/first.conf"
[ "$(wc -l <"$T/st-first/journal/jr.jsonl")" -gt 1 ] || fail "test setup: journal did not grow"
rm "$T/st-first/journal/jr.head"
expect_exit 4 "$RST" journal verify "$T/first.conf"
expect_stderr "head file missing"

# --- the repository's copy ----------------------------------------------------
note "repository copy edited"
fresh repo-edit
sed -i '2s/"user":"[^"]*"/"user":"someone"/' "$RJ"
cmp -s "$J" "$RJ" && fail "test setup: the sed left the repository journal unchanged"
expect_exit 4 "$RST" journal verify "$P"
expect_stderr "differs"

note "repository copy is a prefix"
fresh repo-prefix
rewrite_lines "$RJ" 'L[:-1]'
[ "$(wc -l <"$RJ")" -eq 2 ] || fail "test setup: prefix has $(wc -l <"$RJ") lines"
expect_exit 0 "$RST" journal verify "$P"
cmp -s "$J" "$RJ" || fail "repository journal not uploaded again after journal verify"
cmp -s "$H" "$T/r-repo-prefix/journal/jr.head" || fail "repository head not uploaded again"
expect_exit 0 "$RST" journal verify "$P"

# The original is untouched and still verifies.
expect_exit 0 "$RST" journal verify "$T/jr.conf"
exit 0
