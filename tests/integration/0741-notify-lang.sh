#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
#
# Alerts in the profile's or the site file's language (`lang`), against a
# loopback HTTP sink and a minimal SMTP sink this test starts (python3) and
# stops by PID:
#   - lang = "fr", a run whose drill fails: the webhook's "message" is the
#     French sentence (profile, host, what failed, exit status, the cause:
#     the failed check, its name and exit status from the reason code),
#   - lang = "fr", a run whose backup cannot reach its repository (a closed
#     loopback port): the French sentence of connection_refused, with the
#     host
#     "text" adds what to do, "lang" is "fr"; the mail's Subject (RFC 2047
#     encoded, since it is not ASCII) and first line are that sentence, then
#     "Que faire : ...", then the JSON summary
#   - the site file's lang = "de" for a profile without its own (German),
#     also for a profile that does not load; a profile's lang = "sv" wins
#     over the site's
#   - notify test in Dutch; the dead-man alert in French, with its advice
#   - a bad lang (profile or site file): exit 2 naming the file and line,
#     with what was probably meant

. "$(dirname "$0")/lib.sh"
need python3
S=$T/sinks
notify_sinks "$S"
HOST=$(hostname)

# newest DIR EXT: the newest file DIR/*.EXT, after waiting up to 5 s for
# COUNT (default 1) of them.
newest() {
	local _
	for _ in $(seq 50); do
		[ "$(find "$1" -name "*.$2" | wc -l)" -ge "${3:-1}" ] && break
		sleep 0.1
	done
	find "$1" -name "*.$2" | LC_ALL=C sort | tail -n 1
}
clear_sinks() { rm -f "$S"/posts/* "$S"/mails/*; }
# last_post WHAT: the newest webhook POST's file in $post (fails saying
# "no WHAT" when none came).
last_post() {
	post=$(newest "$S/posts" json)
	[ -n "$post" ] || fail "no $1"
}
# alert FIELD: FIELD ("message", "text") of the alert $post carries.
alert() {
	json_get "$post" "json.loads(d[\"body\"])[\"$1\"]"
}

d=$T/data
mkdir -p "$d"
echo "acte de naissance" >"$d/acte.txt"
C=$T/conf
mkdir -p "$C/profiles"
ensure_keys
# profile NAME [EXTRA...]: CONFDIR/profiles/NAME.conf, backed up daily,
# drilled weekly with a check that fails; EXTRA lines appended.
profile() {
	local name=$1 line
	shift
	cat >"$C/profiles/$name.conf" <<EOF
name = "$name";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "1d"; drill = "7d"; };
drill = { scratch_dir = "$T/scratch";
  checks = ( { name = "ouvrir"; command = "false"; timeout = "10s"; } ); };
EOF
	for line in "$@"; do
		printf '%s\n' "$line" >>"$C/profiles/$name.conf"
	done
}

note "lang = fr: webhook and mail in French"
profile registre 'lang = "fr";' \
	"notify = { webhook = \"http://127.0.0.1:$HPORT/fr\";
  smtp = { url = \"smtp://127.0.0.1:$SPORT\"; from = \"sauvegarde@mairie.example\"; to = [ \"it@mairie.example\" ]; }; };"
expect_exit 0 "$RST" -c "$C" check-config registre
expect_exit 1 "$RST" -c "$C" run registre
post=$(newest "$S/posts" json)
mail=$(newest "$S/mails" eml)
[ -n "$post" ] || fail "no webhook POST for the failing run"
[ -n "$mail" ] || fail "no mail for the failing run"
python3 - "$post" "$mail" "$HOST" <<'PYEOF' || fail "the French alert is wrong: $(cat "$post"; cat "$mail")"
import email, email.header, json, sys
post, mail, host = sys.argv[1:4]
rec = json.load(open(post))
assert rec["path"] == "/fr", rec
b = json.loads(rec["body"])
want = "registre sur %s : échec de l'exercice de restauration (code de sortie 1) : " % host
assert b["lang"] == "fr", b
assert b["message"].startswith(want), b["message"]
assert b["message"] == want + "le contrôle « ouvrir » s'est terminé avec le code 1", b["message"]
first, todo = b["text"].split("\n")
assert first == b["message"], b["text"]
assert todo.startswith("Que faire : un exercice de restauration"), todo
assert b["exit"] == 1 and b["profile"] == "registre", b
raw = open(mail, "rb").read()
head = raw.split(b"\r\n\r\n", 1)[0]
assert b"Subject: =?UTF-8?B?" in head, head
assert all(c < 0x80 for c in head), "8-bit bytes in the mail header"
m = email.message_from_bytes(raw)
subj = str(email.header.make_header(email.header.decode_header(m["Subject"])))
assert subj == "restorable: " + b["message"], subj
assert m.get_content_charset() == "utf-8", m["Content-Type"]
body = m.get_payload(decode=True).decode("utf-8")
lines = body.split("\n")
assert lines[0].rstrip("\r") == b["message"], lines[:3]
assert any(l.startswith("Que faire : ") for l in lines), body
j = json.loads(body[body.index("\n{") + 1:])
assert j["profile"] == "registre" and j["exit"] == 1 and j["lang"] == "fr", j
PYEOF

note "lang = fr: a refused connection told from its reason code"
clear_sinks
port=$(free_port)
profile injoignable 'lang = "fr";' "notify = { webhook = \"http://127.0.0.1:$HPORT/fr\"; };"
sed -i '/^repository = /d' "$C/profiles/injoignable.conf"
echo "repository = { url = \"webdav+http://127.0.0.1:$port/repo\"; retries = 1; timeout = \"5s\"; };" \
	>>"$C/profiles/injoignable.conf"
expect_exit 3 "$RST" -c "$C" run injoignable
last_post "webhook POST for the unreachable repository"
python3 - "$post" "$HOST" "$port" <<'PYEOF' || fail "the French cause is wrong: $(cat "$post")"
import json, sys
post, host, port = sys.argv[1:4]
b = json.loads(json.load(open(post))["body"])
want = ("injoignable sur %s : échec de la sauvegarde (code de sortie 3) : "
        "connexion refusée par 127.0.0.1:%s" % (host, port))
assert b["message"] == want, b["message"]
PYEOF
rm "$C/profiles/injoignable.conf"

note "the site file's lang = de for profiles without their own"
clear_sinks
rm "$C/profiles/registre.conf"
cat >"$C/restorable.conf" <<EOF
notify = { webhook = "http://127.0.0.1:$HPORT/site"; };
lang = "de";
EOF
profile kasse
expect_exit 1 "$RST" -c "$C" run kasse
last_post "site alert for kasse"
alert message |
	grep -qxF "kasse auf $HOST: Wiederherstellungsübung fehlgeschlagen (Exit-Code 1): Prüfung „ouvrir“ endete mit Exit-Status 1" ||
	fail "the German alert is wrong: $(cat "$post")"
alert text | grep -q '^Was zu tun ist: ' ||
	fail "the German alert has no advice: $(cat "$post")"

note "a profile that does not load alerts in the site's language"
clear_sinks
rm "$C/profiles/kasse.conf"
profile kaputt 'signing_kee = "x";'
expect_exit 2 "$RST" -c "$C" run kaputt
last_post "site alert for the broken profile"
alert message |
	grep -qE "kaputt.* auf $HOST: Lauf fehlgeschlagen \(Exit-Code 2\): .*signing_kee" ||
	fail "the German alert for a broken profile is wrong: $(cat "$post")"

note "the profile's lang wins over the site's"
clear_sinks
rm "$C/profiles/kaputt.conf"
profile arkiv 'lang = "sv";'
expect_exit 1 "$RST" -c "$C" run arkiv
last_post "site alert for arkiv"
alert message |
	grep -qxF "arkiv på $HOST: återställningsövningen misslyckades (slutkod 1): kontrollen ”ouvrir” avslutades med slutstatus 1" ||
	fail "the Swedish alert is wrong: $(cat "$post")"

note "notify test in Dutch"
clear_sinks
profile archief 'lang = "nl";'
expect_exit 0 "$RST" -c "$C" notify test archief
last_post "alert from notify test"
alert message |
	grep -qF "archief op $HOST: testmelding van \`restorable notify test\`; er is niets mislukt" ||
	fail "the Dutch test alert is wrong: $(cat "$post")"

note "the dead-man alert in French"
clear_sinks
rm "$C/profiles/archief.conf" "$C/profiles/arkiv.conf"
cat >"$C/profiles/etat.conf" <<EOF
name = "etat";
paths = [ "$d" ];
repository = "file://$T/repo";
signing_key = "$T/keys/signing.pem";
state_dir = "$T/state";
schedule = { backup = "7d"; };
drill = { scratch_dir = "$T/scratch"; rpo_target = "1h"; };
lang = "fr";
EOF
expect_exit 0 "$RST" -c "$C" run --now 2026-12-01T00:00:00Z etat
clear_sinks
expect_exit 0 "$RST" -c "$C" run --now 2026-12-03T00:00:00Z etat
last_post "dead-man alert"
alert message |
	grep -qxF "etat : aucune sauvegarde réussie depuis 48 h (la dernière : 2026-12-01T00:00:00Z ; rpo_target 1 h)" ||
	fail "the French dead-man alert is wrong: $(cat "$post")"
alert text |
	grep -qF 'Que faire : vérifiez que cron ou le minuteur systemd appelle toujours `restorable run`, puis lancez `restorable backup etat`' ||
	fail "the French dead-man advice is wrong: $(cat "$post")"
rm "$C/profiles/etat.conf"

note "a bad lang: exit 2 naming the file and line"
profile slecht 'lang = "french";'
expect_exit 2 "$RST" -c "$C" check-config slecht
expect_stderr 'slecht\.conf:9: lang: unknown language "french" \(did you mean fr\?\)'
expect_exit 2 "$RST" -c "$C" run slecht
expect_stderr 'slecht\.conf:9: lang: unknown language "french"'
rm "$C/profiles/slecht.conf"
profile gut
expect_exit 0 "$RST" -c "$C" check-config gut
sed -i 's/^lang = "de";/lang = "xx";/' "$C/restorable.conf"
expect_exit 2 "$RST" -c "$C" check-config gut
expect_stderr "restorable\\.conf:2: lang: unknown language \"xx\" \\(one of $(languages | sed 's/ /, /g')\\)"
exit 0
