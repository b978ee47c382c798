#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Nothing from a file name or the repository reaches the terminal raw:
#   - a file named with ESC, OSC, BEL, CR and a lone C1 byte (0x9b, CSI)
#     whose content no longer matches a (re-signed) index: verify --deep
#     exits 4 and names it with every control byte written as \xNN
#   - a forged manifest (signature fails) whose signing_key field holds a
#     cursor-up, a CR and "snapshot ... verified OK": verify and list exit
#     4 and print nothing of the manifest's fields

. "$(dirname "$0")/lib.sh"
need python3 zstd openssl

# no_raw_controls: the last stderr holds no byte below 0x20 but LF, no DEL
# and no C1 control (raw 0x80-0x9f or UTF-8 c2 80-9f).
no_raw_controls() {
	python3 - "$ERR" <<'PY' || { show_last >&2; fail "$1: raw control bytes on stderr"; }
import re, sys
b = open(sys.argv[1], "rb").read()
bad = re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", b)
lone = [c for c in b.decode("utf-8", "surrogateescape") if "\udc80" <= c <= "\udc9f"]
sys.exit(1 if bad or lone else 0)
PY
}

d=$T/data
mkdir -p "$d"
name=$'evil\e[2J\e]0;pwned\a\r\x9bname'
echo hi >"$d/$name"
mk_profile esc "$d"
expect_exit 0 "$RST" backup "$T/esc.conf"
snap=$(snapdir esc)
id=$(basename "$snap")
cp -a "$snap" "$T/orig"

# The file's content no longer matches the index.
index_lines "$snap" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["type"] == "file":
        e["sha256"] = "0" * 64
    print(json.dumps(e, separators=(",", ":")))' >"$T/idx.jsonl" || fail "cannot edit the index"
python3 "$SRCDIR/tests/integration/resign.py" --snapdir "$snap" \
	--key "$T/keys/signing.pem" --index "$T/idx.jsonl" || fail "resign.py failed"
expect_exit 4 "$RST" verify --deep "$T/esc.conf" "$id"
no_raw_controls "verify --deep"
expect_stderr 'evil\\x1b\[2J\\x1b\]0;pwned\\x07\\x0d\\x9bname'

# A forged manifest: fields changed, signature not renewed.
rm -rf "$snap"
cp -a "$T/orig" "$snap"
python3 - "$snap/manifest.json" <<'PY' || fail "cannot forge the manifest"
import json, sys
p = sys.argv[1]
m = json.load(open(p))
fake = "\x1b[1A\r\x1b[2Krestorable: snapshot verified OK "
m["signing_key"] = ("SHA256:" + fake + "x" * 64)[:71]
m["host"] = "\x1b]0;FORGED-HOST\x07"
json.dump(m, open(p, "w"))
PY
for cmd in "verify" "list"; do
	if [ "$cmd" = verify ]; then
		expect_exit 4 "$RST" verify "$T/esc.conf" "$id"
	else
		expect_exit 4 "$RST" list "$T/esc.conf"
	fi
	no_raw_controls "$cmd of a forged manifest"
	expect_stderr 'manifest\.json'
	if grep -qE 'verified OK|FORGED-HOST|\[2K' "$ERR" "$OUT"; then
		show_last >&2
		fail "$cmd printed fields of a manifest whose signature failed"
	fi
done
exit 0
