#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# run's notifications, against loopback sinks this test starts (python3: an
# HTTP server that records POST bodies, a minimal SMTP server that records
# mails) and stops by PID.
#
#   - notify on failure+success, a run that succeeds: one POST to the
#     webhook's path, Content-Type application/json, whose JSON names the
#     profile, exit 0 and the backup task, every real to the millisecond
#     (no 17-digit floats); one mail from/to the configured
#     addresses whose Subject names the profile; journal notify records
#     (webhook and smtp) with result pass
#   - a run whose drill fails (exit 1): the POST carries exit 1, the mail
#     Subject names the profile and says it failed
#   - notify on failure only, a run that succeeds: nothing is sent
#   - a webhook on a closed port, a webhook answering HTTP 500, an SMTP
#     server on a closed port: run's exit code is unchanged (0), a warning
#     is printed and the journal has a notify record with result fail
#   - smtp.credentials_file: one line user:password sends; a file of two
#     lines is refused as storage refuses it ("expected one line
#     user:password"), no mail, a notify record with result fail, the
#     password in no output

. "$(dirname "$0")/lib.sh"
need python3
S=$T/sinks
notify_sinks "$S"

# A port nothing listens on: bound, then closed again.
CLOSED=$(free_port)

d=$T/data
mkdir -p "$d"
echo "payroll" >"$d/pay.txt"

# profile NAME ON WEBHOOK SMTP_URL [CHECK_COMMAND]: $T/NAME.conf backing up
# $d daily, drilling weekly (with CHECK_COMMAND, default true), notifying
# on ON (a libconfig list body) to WEBHOOK and SMTP_URL (either may be "").
profile() {
	local name=$1 on=$2 hook=$3 smtp=$4 check=${5:-true}
	mk_profile "$name" "$d"
	{
		printf 'schedule = { backup = "1d"; drill = "7d"; };\n'
		printf 'drill = { scratch_dir = "%s/scratch"; checks = ( { name = "probe"; command = "%s"; timeout = "10s"; } ); };\n' \
			"$T" "$check"
		printf 'notify = { on = [ %s ];\n' "$on"
		[ -n "$hook" ] && printf '  webhook = "%s";\n' "$hook"
		[ -n "$smtp" ] &&
			printf '  smtp = { url = "%s"; from = "backup@example.org"; to = [ "admin@example.org" ]; };\n' "$smtp"
		printf '};\n'
	} >>"$T/$name.conf"
	expect_exit 0 "$RST" check-config "$T/$name.conf"
}

# wait_files DIR GLOB N: wait (up to 5 s) until DIR holds N files matching GLOB.
count_files() {
	find "$1" -maxdepth 1 -name "$2" | wc -l
}
wait_files() {
	local _
	for _ in $(seq 50); do
		[ "$(count_files "$1" "$2")" -ge "$3" ] && break
		sleep 0.1
	done
}

# notify_records NAME: the journal's notify records as "channel:result ..."
notify_records() {
	python3 - "$T/state/journal/$1.jsonl" <<'EOF'
import json, sys
print(" ".join("%s:%s" % (r["data"]["channel"], r["data"]["result"])
               for r in map(json.loads, open(sys.argv[1], "rb")) if r["kind"] == "notify"))
EOF
}

# --- success, both channels -----------------------------------------------------
note "success: webhook and mail"
profile pay '"failure", "success"' "http://127.0.0.1:$HPORT/hook" "smtp://127.0.0.1:$SPORT"
expect_exit 0 "$RST" run "$T/pay.conf"
wait_files "$S/posts" '*.json' 1
wait_files "$S/mails" '*.env' 1
[ "$(count_files "$S/posts" '*.json')" -eq 1 ] || fail "success: $(count_files "$S/posts" '*.json') POSTs, want 1"
[ "$(count_files "$S/mails" '*.env')" -eq 1 ] || fail "success: $(count_files "$S/mails" '*.env') mails, want 1"
python3 - "$S/posts/0001.json" <<'EOF' || fail "success: bad webhook POST: $(cat "$S/posts/0001.json")"
import json, sys
rec = json.load(open(sys.argv[1]))
assert rec["path"] == "/hook", rec["path"]
assert rec["content_type"].startswith("application/json"), rec["content_type"]
body = json.loads(rec["body"])
assert body["profile"] == "pay", body
assert body["exit"] == 0, body
assert "backup" in [t["task"] for t in body["tasks"]], body
import re
reals = re.findall(r'(?<![\w".])-?\d+\.\d+', re.sub(r'"(\\.|[^"\\])*"', '""', rec["body"]))
assert reals and all(len(r.split(".")[1]) <= 3 for r in reals), reals
EOF
python3 - "$S/mails/0001" <<'EOF' || fail "success: bad mail: $(cat "$S/mails/0001.env" "$S/mails/0001.eml")"
import email, json, sys
env = json.load(open(sys.argv[1] + ".env"))
assert "backup@example.org" in env["from"], env
assert any("admin@example.org" in r for r in env["rcpt"]), env
msg = email.message_from_binary_file(open(sys.argv[1] + ".eml", "rb"))
assert "pay" in msg["Subject"].split(), msg["Subject"]
assert "admin@example.org" in msg["To"], msg["To"]
assert "backup@example.org" in msg["From"], msg["From"]
assert '"profile": "pay"' in msg.get_payload() or '"profile":"pay"' in msg.get_payload(), msg.get_payload()
EOF
[ "$(notify_records pay)" = "webhook:pass smtp:pass" ] ||
	fail "success: journal notify records '$(notify_records pay)', want webhook:pass smtp:pass"

# --- failure, both channels -------------------------------------------------------
note "failure: webhook and mail"
profile payfail '"failure", "success"' "http://127.0.0.1:$HPORT/hook" "smtp://127.0.0.1:$SPORT" false
expect_exit 1 "$RST" run "$T/payfail.conf"
wait_files "$S/posts" '*.json' 2
wait_files "$S/mails" '*.env' 2
[ "$(count_files "$S/posts" '*.json')" -eq 2 ] || fail "failure: no webhook POST"
[ "$(count_files "$S/mails" '*.env')" -eq 2 ] || fail "failure: no mail"
python3 - "$S/posts/0002.json" <<'EOF' || fail "failure: bad webhook POST: $(cat "$S/posts/0002.json")"
import json, sys
body = json.loads(json.load(open(sys.argv[1]))["body"])
assert body["profile"] == "payfail" and body["exit"] == 1, body
EOF
python3 - "$S/mails/0002.eml" <<'EOF' || fail "failure: bad mail: $(cat "$S/mails/0002.eml")"
import email, email.header, sys
s = email.message_from_binary_file(open(sys.argv[1], "rb"))["Subject"]
s = str(email.header.make_header(email.header.decode_header(s)))
assert "payfail" in s.split(), s
assert "fail" in s.lower() and "1" in s, s
EOF

# --- on = failure only, a success: nothing sent --------------------------------------
note "on failure only: a success sends nothing"
profile quiet '"failure"' "http://127.0.0.1:$HPORT/hook" "smtp://127.0.0.1:$SPORT"
expect_exit 0 "$RST" run "$T/quiet.conf"
sleep 0.5
[ "$(count_files "$S/posts" '*.json')" -eq 2 ] || fail "on failure only: a successful run POSTed"
[ "$(count_files "$S/mails" '*.env')" -eq 2 ] || fail "on failure only: a successful run sent mail"
[ -z "$(notify_records quiet)" ] || fail "on failure only: journal has notify records $(notify_records quiet)"

# --- unreachable or failing receivers: the run's own code stands ------------------------
note "webhook on a closed port"
profile closed '"failure", "success"' "http://127.0.0.1:$CLOSED/hook" ""
expect_exit 0 "$RST" run "$T/closed.conf"
expect_stderr "notif"
[ "$(notify_records closed)" = "webhook:fail" ] ||
	fail "closed port: journal notify records '$(notify_records closed)', want webhook:fail"
python3 - "$T/state/journal/closed.jsonl" <<'EOF' || fail "closed port: the notify record is not last or has no reasons"
import json, sys
r = json.loads(open(sys.argv[1], "rb").read().splitlines()[-1])
assert r["kind"] == "notify" and r["result"] in ("fail", "error") and r["exit"] != 0, r
assert r["data"]["result"] == "fail" and r["data"]["reasons"], r
EOF

note "webhook answering HTTP 500"
profile h500 '"failure", "success"' "http://127.0.0.1:$HPORT/fail" ""
expect_exit 0 "$RST" run "$T/h500.conf"
expect_stderr "500"
[ "$(notify_records h500)" = "webhook:fail" ] ||
	fail "HTTP 500: journal notify records '$(notify_records h500)', want webhook:fail"

note "SMTP on a closed port"
profile smtpclosed '"failure", "success"' "" "smtp://127.0.0.1:$CLOSED"
expect_exit 0 "$RST" run "$T/smtpclosed.conf"
[ "$(notify_records smtpclosed)" = "smtp:fail" ] ||
	fail "SMTP closed port: journal notify records '$(notify_records smtpclosed)', want smtp:fail"

note "SMTP credentials: one line user:password (as for storage), or no mail"
profile smtpcred '"failure", "success"' "" "smtp://127.0.0.1:$SPORT"
sed -i "s|to = \\[ \"admin@example.org\" \\];|& credentials_file = \"$T/smtp.cred\";|" "$T/smtpcred.conf"
grep -q "credentials_file" "$T/smtpcred.conf" || fail "smtpcred.conf has no credentials_file"
printf 'mailer:s3cret-one\n' >"$T/smtp.cred"
chmod 600 "$T/smtp.cred"
mails=$(count_files "$S/mails" '*.env')
expect_exit 0 "$RST" run "$T/smtpcred.conf"
wait_files "$S/mails" '*.env' $((mails + 1))
[ "$(notify_records smtpcred)" = "smtp:pass" ] ||
	fail "one-line credentials: journal notify records '$(notify_records smtpcred)', want smtp:pass"
printf 'mailer:s3cret-two\nsecond:line\n' >"$T/smtp.cred"
mails=$(count_files "$S/mails" '*.env')
expect_exit 0 "$RST" run --now "$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%SZ)" "$T/smtpcred.conf"
expect_stderr "smtp.cred: expected one line user:password"
[ "$(notify_records smtpcred)" = "smtp:pass smtp:fail" ] ||
	fail "two-line credentials: journal notify records '$(notify_records smtpcred)', want smtp:pass smtp:fail"
sleep 0.3
[ "$(count_files "$S/mails" '*.env')" -eq "$mails" ] || fail "two-line credentials: a mail was sent"
! grep -q "s3cret" "$ERR" "$OUT" "$T/state/journal/smtpcred.jsonl" || fail "the SMTP password leaked"

note "a failing run with an unreachable webhook keeps its exit 1"
profile both-bad '"failure"' "http://127.0.0.1:$CLOSED/hook" "" false
expect_exit 1 "$RST" run "$T/both-bad.conf"
[ "$(notify_records both-bad)" = "webhook:fail" ] ||
	fail "failing run: journal notify records '$(notify_records both-bad)', want webhook:fail"

expect_exit 0 "$RST" journal verify "$T/closed.conf"
exit 0
