/* SPDX-License-Identifier: ISC */
/*
 * The report's German messages (keys as in i18n_en.c).  Control titles
 * follow the German wording of DIN EN ISO/IEC 27001:2024 and of NIS2.
 */
#include "config.h"

#include "i18n.h"

const char *const rst_i18n_de[RST_MSG_COUNT] = {
	[RST_MSG_TITLE] = "Nachweisbericht zu Sicherung und Wiederherstellung",
	[RST_MSG_PERIOD] = "Zeitraum",
	[RST_MSG_GENERATED] = "Erstellt",
	[RST_MSG_SCOPE] = "Geltungsbereich",
	[RST_MSG_SCOPE_LOCAL] = "die auf diesem Host eingerichteten Profile",
	[RST_MSG_SCOPE_FLEET] = "alle Journale im Repository {1}",
	[RST_MSG_TOOL] = "Werkzeug",
	[RST_MSG_SIGNED_BY] = "Dieser Bericht ist mit dem Ed25519-Schlüssel "
	    "{1} signiert; die Signatur ist die .sig-Datei daneben.",
	[RST_MSG_UNSIGNED] = "Dieses Exemplar ist nicht signiert (es wurde "
	    "auf die Standardausgabe geschrieben).",
	[RST_MSG_INTEGRITY] = "Integrität der Journale",
	[RST_MSG_INTEGRITY_OK] = "{1} {1|Journal|Journale} bei der Erstellung "
	    "dieses "
	    "Berichts geprüft: Hash-Kette, jede Signatur und der signierte "
	    "Kopf sind unversehrt.",
	[RST_MSG_INTEGRITY_BROKEN] = "Integritätsfehler: Ein Journal lässt "
	    "sich nicht verifizieren. Ab seiner ersten ungültigen Zeile wird "
	    "nichts gezeigt, und es ist nicht vertrauenswürdig.",
	[RST_MSG_INTEGRITY_PARTIAL] = "Nicht jedes Journal konnte geprüft "
	    "werden: {1} von {2} verifiziert. Die übrigen ließen sich nicht "
	    "lesen oder nicht mit ihrer Kopie im Repository vergleichen:",
	[RST_MSG_FIRST_BAD_LINE] = "Erste ungültige Zeile",
	[RST_MSG_RECORDS] = "Einträge",
	[RST_MSG_REPO_COPY] = "Kopie im Repository",
	[RST_MSG_REPO_EQUAL] = "identisch",
	[RST_MSG_REPO_BEHIND] = "veraltet (wird beim nächsten Schreiben "
	    "erneut hochgeladen)",
	[RST_MSG_REPO_DIFFERS] = "weicht vom lokalen Journal ab",
	[RST_MSG_REPO_MISSING] = "fehlt",
	[RST_MSG_REPO_UNCHECKED] = "nicht geprüft",
	[RST_MSG_VERIFIED] = "verifiziert",
	[RST_MSG_NOT_VERIFIED] = "NICHT verifiziert",
	[RST_MSG_DETAILS] = "Einzelheiten",
	[RST_MSG_SUMMARY] = "Zusammenfassung",
	[RST_MSG_SUMMARY_COUNT] = "{1} von {2} {2|Profil|Profilen} innerhalb "
	    "der "
	    "Vorgaben wiederherstellbar.",
	[RST_MSG_PROFILE] = "Profil",
	[RST_MSG_VERDICT] = "Ergebnis",
	[RST_MSG_VERDICT_YES] = "innerhalb der Vorgaben wiederherstellbar",
	[RST_MSG_VERDICT_NO] = "Wiederherstellbarkeit innerhalb der Vorgaben "
	    "nicht nachgewiesen",
	[RST_MSG_YES] = "ja",
	[RST_MSG_NO] = "nein",
	[RST_MSG_RPO] = "RPO",
	[RST_MSG_RTO] = "RTO",
	[RST_MSG_TARGET] = "Vorgabe",
	[RST_MSG_LAST_DRILL] = "Letzter Wiederherstellungstest",
	[RST_MSG_BACKUPS] = "Sicherungen",
	[RST_MSG_FAILED] = "fehlgeschlagen",
	[RST_MSG_NONE] = "keine",
	[RST_MSG_JOURNAL] = "Journal",
	[RST_MSG_CONTROLS] = "Zuordnung zu Maßnahmen",
	[RST_MSG_CONTROL] = "Maßnahme",
	[RST_MSG_REQUIREMENT] = "Anforderung",
	[RST_MSG_EVIDENCE] = "Nachweise in diesem Bericht",
	[RST_MSG_CTL_A813] = "Sicherung von Informationen",
	[RST_MSG_CTL_A530] = "IKT-Bereitschaft für Business Continuity",
	[RST_MSG_CTL_NIS2] = "Aufrechterhaltung des Betriebs: "
	    "Backup-Management und Wiederherstellung nach einem Notfall",
	[RST_MSG_CTL_PRDS11] = "Datensicherungen werden erstellt, geschützt, "
	    "gepflegt und getestet",
	[RST_MSG_CTL_RCRP03] = "Die Integrität von Sicherungen und anderen "
	    "Wiederherstellungsmitteln wird vor ihrer Verwendung geprüft",
	[RST_MSG_EV_A813] = "Sicherungen im Zeitraum je Profil (Anzahl, "
	    "Fehlschläge, Größen), die neueste erfolgreiche Sicherung und ihr "
	    "Alter, signierte Manifeste (Fingerabdruck des Schlüssels), "
	    "Aufbewahrungsstand.",
	[RST_MSG_EV_A530] = "Wiederherstellungstests, die RTO und RPO gegen "
	    "die Vorgaben messen, das Ergebnis je Profil, der Zeitverlauf von "
	    "Erfolg und Fehlschlag.",
	[RST_MSG_EV_NIS2] = "Sicherungen, Wiederherstellungstests mit ihren "
	    "Prüfungen, Fehlschläge mit Gründen, Aufbewahrung, alles aus einem "
	    "Journal, in dem jede Änderung erkennbar ist.",
	[RST_MSG_EV_PRDS11] = "Erstellt: Sicherungen im Zeitraum; geschützt: "
	    "signierte Manifeste und ein signiertes, hash-verkettetes "
	    "Journal; gepflegt: Aufbewahrung; getestet: "
	    "Wiederherstellungstests und Prüfungen.",
	[RST_MSG_EV_RCRP03] = "Jeder Test prüfte vor der Wiederherstellung "
	    "die Signatur des Manifests und den SHA-256 jedes Teils; jede "
	    "Datei beim Schreiben gehasht und mit dem signierten Index "
	    "verglichen, jeder Schreibvorgang geprüft, vor den Prüfungen "
	    "synchronisiert; Integrität der Journale für diesen Bericht "
	    "verifiziert.",
	[RST_MSG_NEWEST_BACKUP] = "Neueste erfolgreiche Sicherung",
	[RST_MSG_AGE] = "Alter",
	[RST_MSG_SNAPSHOT] = "Snapshot",
	[RST_MSG_DATE] = "Datum",
	[RST_MSG_RESULT] = "Ergebnis",
	[RST_MSG_PASS] = "bestanden",
	[RST_MSG_FAIL] = "fehlgeschlagen",
	[RST_MSG_ERROR] = "Fehler",
	[RST_MSG_NUMBER] = "Anzahl",
	[RST_MSG_FAILURES] = "Fehlschläge",
	[RST_MSG_SIZE] = "Größe",
	[RST_MSG_STORED] = "Gespeichert",
	[RST_MSG_FILES] = "Dateien",
	[RST_MSG_DURATION] = "Dauer",
	[RST_MSG_DRILLS] = "Wiederherstellungstests",
	[RST_MSG_CHECKS] = "Prüfungen",
	[RST_MSG_REASONS] = "Gründe",
	[RST_MSG_KIND] = "Vorgang",
	[RST_MSG_KIND_BACKUP] = "Sicherung",
	[RST_MSG_KIND_DRILL] = "Wiederherstellungstest",
	[RST_MSG_KIND_VERIFY] = "Verifikation",
	[RST_MSG_KIND_PRUNE] = "Bereinigung",
	[RST_MSG_KIND_RESTORE] = "Wiederherstellung",
	[RST_MSG_KIND_REPORT] = "Bericht",
	[RST_MSG_KIND_NOTIFY] = "Benachrichtigung",
	[RST_MSG_KIND_ABORT] = "abgebrochener Lauf",
	[RST_MSG_RETENTION] = "Aufbewahrung",
	[RST_MSG_KEPT] = "Bei der letzten Bereinigung behaltene Snapshots",
	[RST_MSG_PRUNED] = "Im Zeitraum bereinigte Snapshots",
	[RST_MSG_LAST_PRUNE] = "Letzte Bereinigung",
	[RST_MSG_NO_PRUNE] = "keine Bereinigung verzeichnet",
	[RST_MSG_KEY_FPR] = "Fingerabdruck des Signaturschlüssels",
	[RST_MSG_TARGETS] = "Vorgaben",
	[RST_MSG_DRILL_EVERY] = "Wiederherstellungstest mindestens alle",
	[RST_MSG_NOT_SET] = "nicht festgelegt",
	[RST_MSG_TARGETS_FROM_JOURNAL] = "wie vom neuesten Test verzeichnet "
	    "(das Profil ist auf diesem Host nicht eingerichtet)",
	[RST_MSG_CHART_RTO] = "RTO je Test im Vergleich zur Vorgabe",
	[RST_MSG_CHART_SIZE] = "Größe der Sicherungen im Zeitverlauf",
	[RST_MSG_CHART_TIMELINE] = "Zeitverlauf bestanden/fehlgeschlagen",
	[RST_MSG_NO_DATA] = "keine Daten im Zeitraum",
	[RST_MSG_OUTPUT] = "Ausgabe",
	[RST_MSG_VERIFIED_FILES] = "Dateien geprüft",
	[RST_MSG_MISSING] = "fehlend",
	[RST_MSG_CHANGED] = "verändert",
	[RST_MSG_EXTRA] = "überzählig",
	[RST_MSG_VERIFIES] = "Verifikationen",
	[RST_MSG_RESTORES] = "Wiederherstellungen",
	[RST_MSG_IN_PERIOD] = "im Zeitraum",
	[RST_MSG_TOTAL] = "gesamt",
	[RST_MSG_LATEST_BACKUPS] = "Letzte Sicherungen",
	[RST_MSG_BACKUP_TYPE] = "Art",
	[RST_MSG_BT_FULL] = "voll",
	[RST_MSG_BT_INCR] = "inkrementell {1}",
	[RST_MSG_BT_INCR_0] = "inkrementell",
	[RST_MSG_CHART_SIZE_LEGEND] = "Durchgezogene Linie: Größe der "
	    "gesicherten Daten; gestrichelte Linie: was jede Sicherung im "
	    "Repository gespeichert hat (eine inkrementelle Sicherung "
	    "speichert nur das Geänderte).",
	[RST_MSG_NO_FAILURES] = "Keine Fehlschläge im Zeitraum.",
	[RST_MSG_UNREADABLE] = "Dieses Journal konnte nicht gelesen werden: "
	    "Es lassen sich keine Fakten zeigen.",
	[RST_MSG_R_RPO_OK] = "RPO {1} innerhalb der Vorgabe von {2} (gemessen "
	    "am {3})",
	[RST_MSG_R_RPO_EXCEEDED] = "RPO {1} überschreitet die Vorgabe von {2} "
	    "(gemessen am {3})",
	[RST_MSG_R_NO_BACKUP] = "keine erfolgreiche Sicherung bis {1}",
	[RST_MSG_R_NO_RPO_TARGET] = "keine RPO-Vorgabe festgelegt "
	    "(drill.rpo_target)",
	[RST_MSG_R_NO_RTO_TARGET] = "keine RTO-Vorgabe festgelegt "
	    "(drill.rto_target)",
	[RST_MSG_R_DRILL_OK] = "Wiederherstellungstest vom {1} bestanden, "
	    "RTO {2} innerhalb der Vorgabe von {3}",
	[RST_MSG_R_NO_DRILL] = "kein bestandener Wiederherstellungstest in "
	    "den {1} bis {2}",
	[RST_MSG_R_DRILL_RTO] = "der neueste bestandene Test ({1}) dauerte "
	    "{2}, über der RTO-Vorgabe von {3}",
	[RST_MSG_R_JOURNAL_BROKEN] = "das Journal lässt sich nicht "
	    "verifizieren",
	[RST_MSG_R_UNREADABLE] = "das Journal konnte nicht gelesen werden",
	[RST_MSG_R_RPO_NEGATIVE] = "der neueste gute Snapshot {1} ist nach "
	    "{2} datiert (eine vorgehende Uhr oder eine gefälschte ID): sein "
	    "RPO liegt nie im Ziel",
	[RST_MSG_R_UNCHECKED] = "der neueste gute Snapshot {1} wurde seit "
	    "seiner Sicherung weder verifiziert noch in einem "
	    "Wiederherstellungstest geprüft: nicht nachgewiesen",
	[RST_MSG_R_LAST_DRILL_FAILED] = "der neueste Wiederherstellungstest "
	    "({1}, Snapshot {2}) ist fehlgeschlagen: nicht nachgewiesen, bis "
	    "ein späterer Test besteht",
	[RST_MSG_X_FUTURE] = "Snapshot {1} ist mehr als einen Tag nach der "
	    "Erstellung dieses Berichts datiert",
	[RST_MSG_X_FOUND_BAD] = "Snapshot {1} wurde von {2} am {3} als "
	    "fehlend oder beschädigt befunden",
	[RST_MSG_HOW_TO_VERIFY] = "So prüfen Sie diesen Bericht",
	[RST_MSG_VERIFY_SIG] = "Den Bericht selbst, mit dem öffentlichen "
	    "Schlüssel (signing.pub), dessen Fingerabdruck oben steht:",
	[RST_MSG_VERIFY_JOURNAL] = "Journal von {1}: der Fingerabdruck seines "
	    "Schlüssels, dann jede Zeile: seq zählt lückenlos ab 0; prev ist "
	    "der SHA-256 der vorigen Zeile ohne ihren Zeilenumbruch (für die "
	    "erste Zeile: von keys/{1}.pub, wie sie ist); die Signatur deckt "
	    "die Zeile bis ,\"sig\":\" gefolgt von }:",
	[RST_MSG_VERIFY_MANIFEST] = "Snapshot {2} von {1}: die Signatur des "
	    "Manifests, sein SHA-256, wie ihn seine Sicherung protokolliert "
	    "hat, dann jeder Teil und der Index gegen den SHA-256 aus dem "
	    "Manifest:",
	[RST_MSG_UNIT_DAY] = "T",
	[RST_MSG_DECIMAL] = ",",
	[RST_MSG_R_REHASHED] = "Snapshot {1}: Manifest-Signatur und jeder "
	    "Teil von diesem Bericht neu gehasht",
	[RST_MSG_R_UNPINNED] = "der Schlüssel von {1} ({2}) ist hier weder "
	    "konfiguriert noch angeheftet (--pin): nicht belegt",
	[RST_MSG_F_MISSING] = "Snapshot {1}, im Journal verzeichnet, fehlt "
	    "im Repository",
	[RST_MSG_F_UNVERIFIED] = "Snapshot {1} lässt sich nicht "
	    "verifizieren: {2}",
	[RST_MSG_F_UNCHECKED] = "das Repository von {1} konnte nicht geprüft "
	    "werden: {2}",
	[RST_MSG_F_TRUNCATED] = "Snapshot {1} ist älter als die erste "
	    "Sicherung im Journal und kein Eintrag nennt ihn: die Historie "
	    "wurde gekürzt",
	[RST_MSG_F_LAGGING] = "Snapshot {1} steht noch nicht im Journal (vor "
	    "weniger als einem Tag erstellt)",
	[RST_MSG_F_BEHIND] = "Snapshot {1} ist neuer als der letzte Eintrag "
	    "des Journals: das Journal hinkt dem Repository hinterher",
	[RST_MSG_F_UNJOURNALED] = "Snapshot {1} ist festgeschrieben, aber "
	    "kein Journaleintrag nennt ihn",
	[RST_MSG_F_KEY_MISMATCH] = "Snapshots von {1} sind mit einem anderen "
	    "Schlüssel signiert als das Journal ({2})",
	[RST_MSG_F_KEY_PIN] = "Schlüssel stimmt nicht überein: {1}",
	[RST_MSG_F_JOURNAL_MISSING] = "das Journal von {1} fehlt, obwohl das "
	    "Repository {2} {2|Snapshot|Snapshots} enthält",
	[RST_MSG_F_REWRITTEN] = "das Journal von {1} wurde umgeschrieben: "
	    "Zeile {2} ist nicht die, die ein früherer Bericht festhielt",
	[RST_MSG_INTEGRITY_FINDINGS] = "Integritätsfehler: das Repository "
	    "oder ein Schlüssel passt nicht zu dem, was die Journale "
	    "verzeichnen.",
	[RST_MSG_CANNOT_PROVE] = "Wer einen Signaturschlüssel besitzt, kann "
	    "ein Journal umschreiben, das nicht außerhalb dieses Hosts "
	    "verankert ist.",
	[RST_MSG_ANCHOR] = "Verankerung",
	[RST_MSG_NOT_ANCHORED] = "nicht verankert",
	[RST_MSG_HEAD] = "Journal-Kopf",
	[RST_MSG_INVENTORY] = "Repository",
	[RST_MSG_INVENTORY_LINE] = "{1} {1|Snapshot|Snapshots} im Journal, {2} "
	    "vorhanden",
	[RST_MSG_UNJOURNALED] = "nicht im Journal",
	[RST_MSG_C_CONNECTION_REFUSED] = "Verbindung von {1} abgelehnt",
	[RST_MSG_C_HOST_NOT_FOUND] = "Servername {1} nicht gefunden",
	[RST_MSG_C_AUTH_FAILED] = "Anmeldung von {1} abgelehnt: Zugangsdaten "
	    "prüfen",
	[RST_MSG_C_ACCESS_DENIED] = "Zugriff von {1} verweigert: "
	    "Berechtigungen prüfen",
	[RST_MSG_C_HOST_KEY_MISMATCH] = "der SSH-Hostschlüssel von {1} ist "
	    "nicht der erwartete",
	[RST_MSG_C_TLS_UNTRUSTED] = "dem TLS-Zertifikat von {1} wird nicht "
	    "vertraut",
	[RST_MSG_C_TIMEOUT] = "keine Antwort von {1} innerhalb der Frist",
	[RST_MSG_C_STORAGE_ERROR] = "Speicherfehler bei {1} (HTTP-Status {2})",
	[RST_MSG_C_STORAGE_ERROR_0] = "Speicherfehler bei {1}",
	[RST_MSG_C_NO_SPACE] = "nicht genug freier Speicherplatz",
	[RST_MSG_C_HOOK_FAILED] = "Hook „{1}“ endete mit Exit-Status {2}",
	[RST_MSG_C_HOOK_TIMEOUT] = "Hook „{1}“ wurde nicht innerhalb von {2} "
	    "fertig",
	[RST_MSG_C_CHECK_FAILED] = "Prüfung „{1}“ endete mit Exit-Status {2}",
	[RST_MSG_C_CHECK_FAILED_0] = "Prüfung „{1}“ konnte nicht ausgeführt "
	    "werden",
	[RST_MSG_C_CHECK_TIMEOUT] = "Prüfung „{1}“ wurde nicht innerhalb von "
	    "{2} "
	    "fertig",
	[RST_MSG_C_FILES_DIFFER] = "wiederhergestellte Dateien weichen vom "
	    "signierten Index ab: {1} fehlend, {2} geändert, {3} zusätzlich",
	[RST_MSG_C_RTO_MISSED] = "der Wiederherstellungstest dauerte {1}, über "
	    "dem RTO-Ziel von {2}",
	[RST_MSG_C_RPO_MISSED] = "die neueste gute Sicherung war {1} alt, über "
	    "dem RPO-Ziel von {2}",
	[RST_MSG_C_RPO_MISSED_0] = "keine gute Sicherung innerhalb des "
	    "RPO-Ziels",
	[RST_MSG_C_INTEGRITY_MISMATCH] = "Integritätsfehler: {1} passt nicht "
	    "zu seinem Hash oder seiner Signatur",
	[RST_MSG_C_INTEGRITY_MISMATCH_0] = "Integritätsfehler: ein Objekt im "
	    "Repository passt nicht zu seinem Hash oder seiner Signatur",
	[RST_MSG_C_NOT_FOUND] = "{1} fehlt im Repository",
	[RST_MSG_C_NOT_FOUND_0] = "ein Objekt fehlt im Repository",
	[RST_MSG_C_NO_SNAPSHOT] = "kein festgeschriebener Snapshot zum Testen",
	[RST_MSG_C_NOT_PROVEN] = "Wiederherstellbarkeit nicht nachgewiesen",
	[RST_MSG_C_INTERRUPTED] = "durch Signal {1} unterbrochen",
	[RST_MSG_C_LOCK_BUSY] = "das Profil war durch {1} gesperrt (Prozess "
	    "{2} auf {3})",
	[RST_MSG_C_LOCK_BUSY_0] = "ein anderer Prozess hielt die Sperre des "
	    "Profils",
	[RST_MSG_C_CONFIG_ERROR] = "Konfigurationsfehler (Bedienfehler, keine "
	    "gescheiterte Wiederherstellung)",
	[RST_MSG_C_USAGE_ERROR] = "falsche Befehlszeile (Bedienfehler, keine "
	    "gescheiterte Wiederherstellung)",
	[RST_MSG_C_IO_ERROR] = "lokaler Lese- oder Schreibfehler ({1})",
	[RST_MSG_C_IO_ERROR_0] = "lokaler Lese- oder Schreibfehler",
	[RST_MSG_C_INTERNAL_ERROR] = "interner Fehler",
	[RST_MSG_C_EXIT] = "beendet mit Exit-Status {1}",
	[RST_MSG_EXIT_STATUS] = "Exit-Status {1}",
	[RST_MSG_N_VERIFIED_FILES] = "{1} {1|Datei|Dateien} geprüft",
	[RST_MSG_ORIGINAL_TEXT] = "wie protokolliert",
	[RST_MSG_HOWTO_LAYOUT] = "Legen Sie diesen Bericht, seine Signatur "
	    "{1}.sig und den öffentlichen Schlüssel, der ihn signiert hat, als "
	    "signing.pub in eine Kopie des obersten Ordners des Repositorys "
	    "(der keys/, journal/ und snapshots/ enthält) und fügen Sie dort "
	    "jeden Block unten in eine Shell ein: jeder gibt OK aus oder "
	    "bricht mit einem Fehler ab, der nennt, was nicht stimmt.",
	[RST_MSG_HOWTO_HEAD] = "Kopf von {1}: der signierte Kopf nennt die "
	    "Zeilenzahl des Journals und seine letzte Zeile; Zeile {2} ist die "
	    "letzte, die dieser Bericht las:",
	[RST_MSG_STATUS] = "Status",
	[RST_MSG_ST_GREEN] = "BEREIT: alle {1} Datenbestände sind "
	    "nachweislich innerhalb der Vorgaben wiederherstellbar, mit "
	    "lokalem oder angeheftetem Schlüssel, verankertem Journal und "
	    "ohne offene Ausnahme.",
	[RST_MSG_ST_AMBER] = "NACHGEWIESEN MIT VORBEHALT: {1} von {2} "
	    "Datenbeständen nachweislich innerhalb der Vorgaben "
	    "wiederherstellbar. Vorbehalte: {3}.",
	[RST_MSG_ST_RED] = "NICHT BEREIT: {1} von {2} Datenbeständen nicht "
	    "nachweislich wiederherstellbar oder mit einem Integritätsbefund: "
	    "{3}.",
	[RST_MSG_ST_RED_JOURNALS] = "NICHT BEREIT: ein Journal, das "
	    "Repository oder ein Schlüssel hat einen Integritätsbefund (siehe "
	    "das Integritätsbanner unten).",
	[RST_MSG_W_UNREADABLE] = "Profil oder Journal nicht lesbar",
	[RST_MSG_W_JOURNAL] = "das Journal lässt sich nicht prüfen",
	[RST_MSG_W_NO_BACKUP] = "keine gültige Sicherung",
	[RST_MSG_W_RPO] = "neueste gültige Sicherung älter als die "
	    "RPO-Vorgabe",
	[RST_MSG_W_NO_TARGET] = "keine RPO- oder RTO-Vorgabe konfiguriert",
	[RST_MSG_W_NO_DRILL] = "kein erfolgreicher Wiederherstellungstest in "
	    "den letzten {1}",
	[RST_MSG_W_DRILL_FAILED] = "der letzte Wiederherstellungstest ist "
	    "fehlgeschlagen",
	[RST_MSG_W_RTO] = "der Wiederherstellungstest dauerte länger als die "
	    "RTO-Vorgabe",
	[RST_MSG_W_UNCHECKED] = "der Inhalt der neuesten Sicherung wurde nie "
	    "geprüft",
	[RST_MSG_W_INTEGRITY] = "Integritätsbefund (Code 4)",
	[RST_MSG_W_SECURITY] = "offenes Sicherheitsereignis",
	[RST_MSG_W_KEY] = "der Schlüssel ist weder lokal noch angeheftet",
	[RST_MSG_W_NOT_ANCHORED] = "Journal nicht an einen "
	    "vertrauenswürdigen Zeitstempel gebunden",
	[RST_MSG_W_OPEN_EXC] = "offene Ausnahmen: {1}",
	[RST_MSG_GLOSSARY] = "Glossar",
	[RST_MSG_G_RPO] = "Wiederherstellungspunkt-Ziel: wie viele Daten, in "
	    "Zeit gemessen, verloren gehen dürfen; hier das Alter der "
	    "neuesten gültigen Sicherung.",
	[RST_MSG_G_RTO] = "Wiederherstellungszeit-Ziel: wie lange eine "
	    "Wiederherstellung dauern darf; hier von jedem "
	    "Wiederherstellungstest gemessen.",
	[RST_MSG_G_DRILL] = "Ein Wiederherstellungstest: eine Sicherung wird "
	    "in eine Sandbox wiederhergestellt, jede Datei mit dem Index "
	    "verglichen, und die konfigurierten Prüfungen laufen.",
	[RST_MSG_G_SNAPSHOT] = "Eine Sicherung, wie sie im Repository liegt: "
	    "ein signiertes Manifest, ein Index und die Teile des Archivs.",
	[RST_MSG_G_JOURNAL] = "Das signierte, per Hash verkettete Protokoll "
	    "jeder Sicherung, jedes Wiederherstellungstests, jeder Prüfung, "
	    "Bereinigung und jedes Berichts; eine geänderte oder entfernte "
	    "Zeile bricht die Kette.",
	[RST_MSG_REPORT_ID] = "Berichts-ID",
	[RST_MSG_REPORT_ID_NOTE] = "SHA-256 des JSON-Dokuments dieses "
	    "Berichts (dieselben Fakten, restorable report --format json)",
	[RST_MSG_PAGE] = "Seite",
	[RST_MSG_HOST] = "Rechner",
	[RST_MSG_SCOPE_PROFILES] = "Profile in diesem Bericht",
	[RST_MSG_SCOPE_LEFT_OUT] = "Auf diesem Rechner konfiguriert, aber "
	    "ausgelassen",
	[RST_MSG_SCOPE_FOUND] = "Im Repository gefundene Journale",
	[RST_MSG_SCOPE_NAMED] = "Für diesen Bericht genannt",
	[RST_MSG_SCOPE_ALL] = "alle",
	[RST_MSG_CONFIGURATION] = "Konfiguration",
	[RST_MSG_C_SOURCES] = "Quellen",
	[RST_MSG_C_EXCLUDES] = "Ausschlüsse",
	[RST_MSG_C_HIDDEN] = "nicht angezeigt: das Profil ist verschlüsselt "
	    "und sein Manifest gibt sie nicht preis",
	[RST_MSG_C_ENCRYPTION] = "Verschlüsselung",
	[RST_MSG_C_ENC_NONE] = "keine",
	[RST_MSG_C_ENC_AGE] = "age, {1} Empfänger",
	[RST_MSG_C_REPOSITORY] = "Repository",
	[RST_MSG_C_OFFSITE] = "Außer Haus",
	[RST_MSG_C_OFFSITE_YES] = "ja (auf einem anderen Rechner: {1})",
	[RST_MSG_C_OFFSITE_NO] = "nein (ein von diesem Rechner erreichbarer "
	    "Ordner)",
	[RST_MSG_C_OBJECT_LOCK] = "Object Lock",
	[RST_MSG_C_LOCK_DAYS] = "{1} Tage, Modus {2}",
	[RST_MSG_C_SCHEDULE] = "Zeitplan",
	[RST_MSG_C_RETENTION] = "Aufbewahrungsregel",
	[RST_MSG_NOT_CONFIGURED] = "nicht konfiguriert",
	[RST_MSG_C_UNKNOWN] = "unbekannt: das Profil ist auf diesem Rechner "
	    "nicht konfiguriert",
	[RST_MSG_EVIDENCE_FROM] = "Nachweise verfügbar ab {1}",
	[RST_MSG_NO_EVIDENCE] = "Keine Nachweise: das Journal hat keinen "
	    "Eintrag",
	[RST_MSG_RPO_PERIOD] = "RPO über den Zeitraum",
	[RST_MSG_RPO_SHARE] = "Innerhalb der RPO-Vorgabe {1} der gemessenen "
	    "Zeit ({2} von {3}), bis {4}.",
	[RST_MSG_RPO_NO_TARGET] = "Keine RPO-Vorgabe konfiguriert: der RPO "
	    "über den Zeitraum wird an keiner gemessen.",
	[RST_MSG_RPO_OVER] = "Zeiträume über der RPO-Vorgabe",
	[RST_MSG_RPO_NONE_OVER] = "Kein Zeitraum über der RPO-Vorgabe.",
	[RST_MSG_START] = "Beginn",
	[RST_MSG_END] = "Ende",
	[RST_MSG_LENGTH] = "Dauer",
	[RST_MSG_STILL_OPEN] = "am Ende des Zeitraums noch offen",
	[RST_MSG_MISSED_RUNS] = "Geplante Sicherungen, die nicht stattfanden",
	[RST_MSG_MISSED_NONE] = "Jede geplante Sicherung fand statt "
	    "(Zeitplan: alle {1}).",
	[RST_MSG_MISSED_NO_SCHEDULE] = "Kein Sicherungszeitplan "
	    "konfiguriert: ausgefallene Läufe werden nicht gezählt.",
	[RST_MSG_DUE] = "Fällig",
	[RST_MSG_CHART_RPO] = "RPO über den Zeitraum gegenüber der Vorgabe",
	[RST_MSG_CHART_RPO_TEXT] = "Diagrammdaten: höchster RPO {1}, Vorgabe "
	    "{2}, {3} Zeitraum/Zeiträume über der Vorgabe.",
	[RST_MSG_CHART_RTO_TEXT] = "Diagrammdaten: {1} "
	    "Wiederherstellungstest(s), {2} innerhalb der RTO-Vorgabe, "
	    "höchste RTO {3}.",
	[RST_MSG_CHART_SIZE_TEXT] = "Diagrammdaten: {1} Sicherung(en) im "
	    "Zeitraum, neueste Größe {2}, gespeichert {3}.",
	[RST_MSG_CHART_TIMELINE_TEXT] = "Diagrammdaten: {1} Sicherung(en), "
	    "{2} fehlgeschlagen; {3} Wiederherstellungstest(s), {4} "
	    "fehlgeschlagen. Ein Fehlschlag ist eine höhere Markierung mit "
	    "gestricheltem Rand.",
	[RST_MSG_EXCEPTIONS] = "Ausnahmen und Nachverfolgung",
	[RST_MSG_EXC_STATUS] = "Status",
	[RST_MSG_EXC_OPEN] = "offen",
	[RST_MSG_EXC_CLOSED] = "geschlossen",
	[RST_MSG_EXC_CLOSED_BY] = "Geschlossen durch",
	[RST_MSG_EXC_TTR] = "Zeit bis zur Behebung",
	[RST_MSG_EXC_NONE] = "Keine Ausnahme im Zeitraum.",
	[RST_MSG_SECURITY_EVENT] = "Sicherheitsereignis",
	[RST_MSG_SECURITY_NOTE] = "Ein Sicherheitsereignis (Code 4: "
	    "Integrität) wird nur durch ein bestandenes verify --deep oder "
	    "einen bestandenen Wiederherstellungstest des betroffenen "
	    "Snapshots geschlossen, oder durch dessen Entfernung gefolgt von "
	    "einem bestandenen Wiederherstellungstest eines neueren.",
	[RST_MSG_SEQ] = "Seq",
	[RST_MSG_USER] = "Benutzer",
	[RST_MSG_MANIFEST_SHA] = "Manifest-SHA-256",
	[RST_MSG_OPERATOR_ERRORS] = "Bedienfehler",
	[RST_MSG_OPERATOR_NOTE] = "Befehle, die mit Code 2 endeten (Aufruf "
	    "oder Konfiguration): getrennt aufgeführt, nie als "
	    "fehlgeschlagene Sicherungen, Wiederherstellungstests oder "
	    "Wiederherstellungen gezählt.",
	[RST_MSG_NOT_COMPLETED] = "nicht abgeschlossen",
	[RST_MSG_X_RPO] = "RPO über der Vorgabe",
	[RST_MSG_X_MISSED] = "geplante Sicherung ausgefallen",
	[RST_MSG_EXIT] = "Code",
	[RST_MSG_ANCHORED] = "Zeile {1} von einem Zeitstempeldienst verankert am "
	    "{2}",
	[RST_MSG_ANCHOR_CHECK] = "prüfen mit Standard-OpenSSL",
	[RST_MSG_F_ANCHOR_MISMATCH] = "das Zeitstempel-Token {1} passt zu keiner "
	    "Zeile des Journals von {2}: das Journal wurde nach seiner Verankerung "
	    "umgeschrieben",
	[RST_MSG_F_ANCHOR_INVALID] = "das Zeitstempel-Token {1} des Journals von "
	    "{2} lässt sich nicht verifizieren ({3})",
	[RST_MSG_F_ANCHOR_UNCHECKED] = "das Zeitstempel-Token {1} des Journals von "
	    "{2} wurde nicht geprüft: kein TSA-Zertifikat (timestamp.tsa_ca_file, "
	    "oder report --tsa-ca DATEI)",
	[RST_MSG_X_CLOCK_BACK] = "Zeile {1} des Journals ({2}) ist vor der Zeile "
	    "darüber datiert ({3}): die Uhr wurde zurückgestellt",
	[RST_MSG_X_DRILL_EARLY] = "die Übung mit Snapshot {1} am {2} ist vor dem "
	    "Beginn des Snapshots datiert",
	[RST_MSG_F_STALE] = "das Journal von {1} wurde zuletzt am {2} geschrieben, "
	    "länger her als das Doppelte seines kürzesten Zeitplans ({3}): "
	    "nicht nachgewiesen",
	[RST_MSG_F_ANCHOR_DELETED] = "der gesperrte Nachweis {1} des Journals von "
	    "{2} wurde gelöscht (eine Löschmarkierung verdeckt ihn)",
	[RST_MSG_F_LOCKED_MISMATCH] = "die gesperrte Kopie des Kopfes {1} passt "
	    "nicht zum Journal von {2}: das Journal wurde nach seiner "
	    "Sperrung umgeschrieben",
	[RST_MSG_F_LOCKED_INVALID] = "die gesperrte Kopie des Kopfes {1} des "
	    "Journals von {2} lässt sich nicht verifizieren ({3})",
};
