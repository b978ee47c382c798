/* SPDX-License-Identifier: ISC */
/*
 * The alert catalogue: one row per message, one column per language.  A
 * language added to restorable/lang.h without its column here fails
 * rst_alert_text_check(), which the unit tests run.
 */
#include "config.h"

#include <string.h>

#include "alert_text.h"

static const char *const text[AM_COUNT][RST_LANG_COUNT] = {
	/* a task failed: profile, host, task, exit status, cause */
	[AM_FAILED] = {
		[RST_LANG_EN] = "{1} on {2}: {3} failed (exit {4}): {5}",
		[RST_LANG_FR] =
		    "{1} sur {2} : échec de {3} (code de sortie {4}) : {5}",
		[RST_LANG_NL] =
		    "{1} op {2}: {3} mislukt (afsluitcode {4}): {5}",
		[RST_LANG_SV] =
		    "{1} på {2}: {3} misslyckades (slutkod {4}): {5}",
		[RST_LANG_DE] =
		    "{1} auf {2}: {3} fehlgeschlagen (Exit-Code {4}): {5}",
	},
	/* the same without a cause */
	[AM_FAILED_BARE] = {
		[RST_LANG_EN] = "{1} on {2}: {3} failed (exit {4})",
		[RST_LANG_FR] =
		    "{1} sur {2} : échec de {3} (code de sortie {4})",
		[RST_LANG_NL] = "{1} op {2}: {3} mislukt (afsluitcode {4})",
		[RST_LANG_SV] = "{1} på {2}: {3} misslyckades (slutkod {4})",
		[RST_LANG_DE] =
		    "{1} auf {2}: {3} fehlgeschlagen (Exit-Code {4})",
	},
	/* every task passed: profile, host */
	[AM_DONE] = {
		[RST_LANG_EN] = "{1} on {2}: done, every task passed",
		[RST_LANG_FR] =
		    "{1} sur {2} : terminé, toutes les tâches ont réussi",
		[RST_LANG_NL] = "{1} op {2}: klaar, alle taken geslaagd",
		[RST_LANG_SV] = "{1} på {2}: klart, alla uppgifter lyckades",
		[RST_LANG_DE] =
		    "{1} auf {2}: fertig, alle Aufgaben erfolgreich",
	},
	/* dead-man: profile, hours, last good backup, rpo_target hours */
	[AM_NO_GOOD_SINCE] = {
		[RST_LANG_EN] =
		    "{1}: no good backup for {2} h (since {3}; rpo_target "
		    "{4} h)",
		[RST_LANG_FR] =
		    "{1} : aucune sauvegarde réussie depuis {2} h (la "
		    "dernière : {3} ; rpo_target {4} h)",
		[RST_LANG_NL] =
		    "{1}: al {2} uur geen geslaagde back-up (sinds {3}; "
		    "rpo_target {4} uur)",
		[RST_LANG_SV] =
		    "{1}: ingen lyckad säkerhetskopia på {2} h (sedan {3}; "
		    "rpo_target {4} h)",
		[RST_LANG_DE] =
		    "{1}: seit {2} h keine erfolgreiche Sicherung (letzte: "
		    "{3}; rpo_target {4} h)",
	},
	/* dead-man without any good backup: profile, rpo_target hours */
	[AM_NO_GOOD_EVER] = {
		[RST_LANG_EN] = "{1}: no good backup at all (rpo_target {2} h)",
		[RST_LANG_FR] =
		    "{1} : aucune sauvegarde réussie (rpo_target {2} h)",
		[RST_LANG_NL] =
		    "{1}: nog geen enkele geslaagde back-up (rpo_target "
		    "{2} uur)",
		[RST_LANG_SV] =
		    "{1}: ingen lyckad säkerhetskopia alls (rpo_target {2} "
		    "h)",
		[RST_LANG_DE] =
		    "{1}: noch keine erfolgreiche Sicherung (rpo_target "
		    "{2} h)",
	},
	/* notify test: profile, host */
	[AM_TEST] = {
		[RST_LANG_EN] =
		    "{1} on {2}: test alert from `restorable notify test`; "
		    "nothing failed",
		[RST_LANG_FR] =
		    "{1} sur {2} : alerte de test envoyée par `restorable "
		    "notify test` ; rien n'a échoué",
		[RST_LANG_NL] =
		    "{1} op {2}: testmelding van `restorable notify test`; "
		    "er is niets mislukt",
		[RST_LANG_SV] =
		    "{1} på {2}: testlarm från `restorable notify test`; "
		    "inget har misslyckats",
		[RST_LANG_DE] =
		    "{1} auf {2}: Testalarm von `restorable notify test`; "
		    "nichts ist fehlgeschlagen",
	},
	/* the advice line: advice */
	[AM_WHAT_TO_DO] = {
		[RST_LANG_EN] = "What to do: {1}.",
		[RST_LANG_FR] = "Que faire : {1}.",
		[RST_LANG_NL] = "Wat te doen: {1}.",
		[RST_LANG_SV] = "Vad du ska göra: {1}.",
		[RST_LANG_DE] = "Was zu tun ist: {1}.",
	},
	/* task names, as the subject of FAILED */
	[AM_TASK_BACKUP] = {
		[RST_LANG_EN] = "backup",
		[RST_LANG_FR] = "la sauvegarde",
		[RST_LANG_NL] = "back-up",
		[RST_LANG_SV] = "säkerhetskopieringen",
		[RST_LANG_DE] = "Sicherung",
	},
	[AM_TASK_DRILL] = {
		[RST_LANG_EN] = "drill",
		[RST_LANG_FR] = "l'exercice de restauration",
		[RST_LANG_NL] = "hersteloefening",
		[RST_LANG_SV] = "återställningsövningen",
		[RST_LANG_DE] = "Wiederherstellungsübung",
	},
	[AM_TASK_PRUNE] = {
		[RST_LANG_EN] = "prune",
		[RST_LANG_FR] = "l'élagage",
		[RST_LANG_NL] = "opschoning",
		[RST_LANG_SV] = "rensningen",
		[RST_LANG_DE] = "Bereinigung",
	},
	[AM_TASK_RUN] = {
		[RST_LANG_EN] = "run",
		[RST_LANG_FR] = "l'exécution",
		[RST_LANG_NL] = "run",
		[RST_LANG_SV] = "körningen",
		[RST_LANG_DE] = "Lauf",
	},
	/* what to do, by exit status */
	[AM_ADVICE_OK] = {
		[RST_LANG_EN] = "nothing",
		[RST_LANG_FR] = "rien",
		[RST_LANG_NL] = "niets",
		[RST_LANG_SV] = "ingenting",
		[RST_LANG_DE] = "nichts",
	},
	[AM_ADVICE_1] = {
		[RST_LANG_EN] =
		    "a drill, a check or a restore failed: read the "
		    "messages above and the drill's details, then repair "
		    "the data set or its check",
		[RST_LANG_FR] =
		    "un exercice de restauration, une vérification ou une "
		    "restauration a échoué : lisez les messages ci-dessus "
		    "et le détail de l'exercice, puis réparez les données "
		    "ou leur vérification",
		[RST_LANG_NL] =
		    "een hersteloefening, een controle of een herstel is "
		    "mislukt: lees de meldingen hierboven en de details "
		    "van de oefening en herstel dan de gegevens of hun "
		    "controle",
		[RST_LANG_SV] =
		    "en återställningsövning, en kontroll eller en "
		    "återställning misslyckades: läs meddelandena ovan och "
		    "övningens detaljer, reparera sedan datamängden eller "
		    "dess kontroll",
		[RST_LANG_DE] =
		    "eine Wiederherstellungsübung, eine Prüfung oder eine "
		    "Wiederherstellung ist fehlgeschlagen: lesen Sie die "
		    "Meldungen oben und die Details der Übung und "
		    "reparieren Sie dann die Daten oder ihre Prüfung",
	},
	[AM_ADVICE_2] = {
		[RST_LANG_EN] =
		    "the profile or the command is wrong: run `restorable "
		    "check-config`",
		[RST_LANG_FR] =
		    "le profil ou la commande est incorrect : lancez "
		    "`restorable check-config`",
		[RST_LANG_NL] =
		    "het profiel of de opdracht is onjuist: voer "
		    "`restorable check-config` uit",
		[RST_LANG_SV] =
		    "profilen eller kommandot är felaktigt: kör "
		    "`restorable check-config`",
		[RST_LANG_DE] =
		    "das Profil oder der Befehl ist fehlerhaft: führen Sie "
		    "`restorable check-config` aus",
	},
	[AM_ADVICE_3] = {
		[RST_LANG_EN] =
		    "the repository, the network or a disk failed: run "
		    "`restorable check-config --connect`, check free space "
		    "and credentials",
		[RST_LANG_FR] =
		    "le dépôt, le réseau ou un disque a échoué : lancez "
		    "`restorable check-config --connect`, vérifiez "
		    "l'espace libre et les identifiants",
		[RST_LANG_NL] =
		    "de opslagplaats, het netwerk of een schijf faalde: "
		    "voer `restorable check-config --connect` uit, "
		    "controleer de vrije ruimte en de inloggegevens",
		[RST_LANG_SV] =
		    "lagringsplatsen, nätverket eller en disk fallerade: "
		    "kör `restorable check-config --connect`, kontrollera "
		    "ledigt utrymme och inloggningsuppgifter",
		[RST_LANG_DE] =
		    "das Repository, das Netzwerk oder ein Datenträger ist "
		    "ausgefallen: führen Sie `restorable check-config "
		    "--connect` aus, prüfen Sie freien Speicher und "
		    "Zugangsdaten",
	},
	[AM_ADVICE_4] = {
		[RST_LANG_EN] =
		    "an integrity check failed: trust none of the affected "
		    "snapshots, run `restorable verify --deep` and look "
		    "for tampering or damaged storage",
		[RST_LANG_FR] =
		    "un contrôle d'intégrité a échoué : ne vous fiez à "
		    "aucun des instantanés concernés, lancez `restorable "
		    "verify --deep` et cherchez une altération ou un "
		    "stockage endommagé",
		[RST_LANG_NL] =
		    "een integriteitscontrole is mislukt: vertrouw geen "
		    "van de betrokken snapshots, voer `restorable verify "
		    "--deep` uit en zoek naar manipulatie of beschadigde "
		    "opslag",
		[RST_LANG_SV] =
		    "en integritetskontroll misslyckades: lita inte på "
		    "någon av de berörda ögonblicksbilderna, kör "
		    "`restorable verify --deep` och leta efter "
		    "manipulation eller skadad lagring",
		[RST_LANG_DE] =
		    "eine Integritätsprüfung ist fehlgeschlagen: vertrauen "
		    "Sie keinem der betroffenen Snapshots, führen Sie "
		    "`restorable verify --deep` aus und suchen Sie nach "
		    "Manipulation oder beschädigtem Speicher",
	},
	[AM_ADVICE_5] = {
		[RST_LANG_EN] =
		    "the profile's lock is held too long: look for a stuck "
		    "restorable process (named above)",
		[RST_LANG_FR] =
		    "le verrou du profil est tenu depuis trop longtemps : "
		    "cherchez un processus restorable bloqué (nommé "
		    "ci-dessus)",
		[RST_LANG_NL] =
		    "de vergrendeling van het profiel wordt te lang "
		    "vastgehouden: zoek een vastgelopen restorable-proces "
		    "(hierboven genoemd)",
		[RST_LANG_SV] =
		    "profilens lås har hållits för länge: leta efter en "
		    "fastnad restorable-process (nämnd ovan)",
		[RST_LANG_DE] =
		    "die Sperre des Profils wird zu lange gehalten: suchen "
		    "Sie einen hängenden restorable-Prozess (oben genannt)",
	},
	[AM_ADVICE_OTHER] = {
		[RST_LANG_EN] =
		    "an internal error or an interrupted run: run it again "
		    "by hand and keep its messages",
		[RST_LANG_FR] =
		    "une erreur interne ou une exécution interrompue : "
		    "relancez-la à la main et conservez ses messages",
		[RST_LANG_NL] =
		    "een interne fout of een onderbroken run: voer hem "
		    "opnieuw met de hand uit en bewaar de meldingen",
		[RST_LANG_SV] =
		    "ett internt fel eller en avbruten körning: kör den "
		    "igen för hand och spara meddelandena",
		[RST_LANG_DE] =
		    "ein interner Fehler oder ein unterbrochener Lauf: "
		    "starten Sie ihn erneut von Hand und bewahren Sie die "
		    "Meldungen auf",
	},
	/* dead-man advice: profile */
	[AM_ADVICE_NO_GOOD] = {
		[RST_LANG_EN] =
		    "check that cron or the systemd timer still calls "
		    "`restorable run`, then run `restorable backup {1}` by "
		    "hand and read its messages",
		[RST_LANG_FR] =
		    "vérifiez que cron ou le minuteur systemd appelle "
		    "toujours `restorable run`, puis lancez `restorable "
		    "backup {1}` à la main et lisez ses messages",
		[RST_LANG_NL] =
		    "controleer of cron of de systemd-timer `restorable "
		    "run` nog aanroept, voer dan `restorable backup {1}` "
		    "met de hand uit en lees de meldingen",
		[RST_LANG_SV] =
		    "kontrollera att cron eller systemd-timern fortfarande "
		    "anropar `restorable run`, kör sedan `restorable "
		    "backup {1}` för hand och läs meddelandena",
		[RST_LANG_DE] =
		    "prüfen Sie, ob cron oder der systemd-Timer "
		    "`restorable run` noch aufruft, führen Sie dann "
		    "`restorable backup {1}` von Hand aus und lesen Sie "
		    "die Meldungen",
	},
};

const char *
rst_alert_msg(enum rst_lang l, enum rst_alert_msg m)
{
	const char *s = text[m][l];

	return s != NULL ? s : text[m][RST_LANG_EN];
}

/* Which of {1}..{9} s uses, as a bit set. */
static unsigned
placeholders(const char *s)
{
	unsigned set = 0;

	for (; (s = strchr(s, '{')) != NULL; s++)
		if (s[1] >= '1' && s[1] <= '9' && s[2] == '}')
			set |= 1u << (s[1] - '1');
	return set;
}

int
rst_alert_text_check(struct rst_err *err)
{
	int l, m;

	for (m = 0; m < AM_COUNT; m++)
		for (l = 0; l < RST_LANG_COUNT; l++)
			if (text[m][l] == NULL || text[m][l][0] == '\0' ||
			    placeholders(text[m][l]) !=
			    placeholders(text[m][RST_LANG_EN]))
				return rst_errf(err, RST_EINTERNAL, "alert "
				    "messages: %s: message %d is missing or "
				    "has other arguments than in English",
				    rst_lang_code((enum rst_lang)l), m);
	return 0;
}
