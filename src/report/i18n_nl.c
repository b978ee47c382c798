/* SPDX-License-Identifier: ISC */
/*
 * The report's Dutch messages (keys as in i18n_en.c).  Control titles
 * follow the Dutch wording of NEN-EN-ISO/IEC 27001:2023 and of NIS2.
 */
#include "config.h"

#include "i18n.h"

const char *const rst_i18n_nl[RST_MSG_COUNT] = {
	[RST_MSG_TITLE] = "Bewijsrapport back-up en herstel",
	[RST_MSG_PERIOD] = "Periode",
	[RST_MSG_GENERATED] = "Opgesteld op",
	[RST_MSG_SCOPE] = "Reikwijdte",
	[RST_MSG_SCOPE_LOCAL] = "de profielen die op deze host zijn "
	    "ingesteld",
	[RST_MSG_SCOPE_FLEET] = "alle logboeken in de repository {1}",
	[RST_MSG_TOOL] = "Programma",
	[RST_MSG_SIGNED_BY] = "Dit rapport is ondertekend met de "
	    "Ed25519-sleutel {1}; de handtekening is het .sig-bestand ernaast.",
	[RST_MSG_UNSIGNED] = "Dit exemplaar is niet ondertekend (het is naar "
	    "standaarduitvoer geschreven).",
	[RST_MSG_INTEGRITY] = "Integriteit van de logboeken",
	[RST_MSG_INTEGRITY_OK] = "{1} {1|logboek|logboeken} gecontroleerd bij "
	    "het "
	    "opstellen van dit rapport: de hashketen, elke handtekening en de "
	    "ondertekende kop zijn intact.",
	[RST_MSG_INTEGRITY_BROKEN] = "Integriteitsfout: een logboek is niet "
	    "te verifiëren. Vanaf de eerste ongeldige regel wordt niets "
	    "getoond, en het logboek is niet te vertrouwen.",
	[RST_MSG_INTEGRITY_PARTIAL] = "Niet elk logboek kon worden "
	    "gecontroleerd: {1} van {2} geverifieerd. De andere konden niet "
	    "worden gelezen, of niet vergeleken met hun kopie in de "
	    "repository:",
	[RST_MSG_FIRST_BAD_LINE] = "Eerste ongeldige regel",
	[RST_MSG_RECORDS] = "vermeldingen",
	[RST_MSG_REPO_COPY] = "Kopie in de repository",
	[RST_MSG_REPO_EQUAL] = "identiek",
	[RST_MSG_REPO_BEHIND] = "achter (wordt bij de volgende schrijfactie "
	    "opnieuw geüpload)",
	[RST_MSG_REPO_DIFFERS] = "wijkt af van het lokale logboek",
	[RST_MSG_REPO_MISSING] = "ontbreekt",
	[RST_MSG_REPO_UNCHECKED] = "niet gecontroleerd",
	[RST_MSG_VERIFIED] = "geverifieerd",
	[RST_MSG_NOT_VERIFIED] = "NIET geverifieerd",
	[RST_MSG_DETAILS] = "Details",
	[RST_MSG_SUMMARY] = "Samenvatting",
	[RST_MSG_SUMMARY_COUNT] = "{1} van {2} {2|profiel|profielen} "
	    "herstelbaar binnen "
	    "de doelstellingen.",
	[RST_MSG_PROFILE] = "Profiel",
	[RST_MSG_VERDICT] = "Oordeel",
	[RST_MSG_VERDICT_YES] = "herstelbaar binnen de doelstellingen",
	[RST_MSG_VERDICT_NO] = "herstel binnen de doelstellingen niet "
	    "aangetoond",
	[RST_MSG_YES] = "ja",
	[RST_MSG_NO] = "nee",
	[RST_MSG_RPO] = "RPO",
	[RST_MSG_RTO] = "RTO",
	[RST_MSG_TARGET] = "doel",
	[RST_MSG_LAST_DRILL] = "Laatste hersteltest",
	[RST_MSG_BACKUPS] = "Back-ups",
	[RST_MSG_FAILED] = "mislukt",
	[RST_MSG_NONE] = "geen",
	[RST_MSG_JOURNAL] = "Logboek",
	[RST_MSG_CONTROLS] = "Koppeling met beheersmaatregelen",
	[RST_MSG_CONTROL] = "Beheersmaatregel",
	[RST_MSG_REQUIREMENT] = "Eis",
	[RST_MSG_EVIDENCE] = "Bewijs in dit rapport",
	[RST_MSG_CTL_A813] = "Back-up van informatie",
	[RST_MSG_CTL_A530] = "ICT-gereedheid voor bedrijfscontinuïteit",
	[RST_MSG_CTL_NIS2] = "Bedrijfscontinuïteit: back-upbeheer en herstel "
	    "na een calamiteit",
	[RST_MSG_CTL_PRDS11] = "Back-ups van gegevens worden gemaakt, "
	    "beschermd, onderhouden en getest",
	[RST_MSG_CTL_RCRP03] = "De integriteit van back-ups en andere "
	    "herstelmiddelen wordt gecontroleerd voordat ze voor herstel "
	    "worden gebruikt",
	[RST_MSG_EV_A813] = "Back-ups in de periode per profiel (aantal, "
	    "mislukkingen, omvang), de nieuwste geslaagde back-up en de "
	    "leeftijd ervan, ondertekende manifesten (vingerafdruk van de "
	    "sleutel), bewaarstatus.",
	[RST_MSG_EV_A530] = "Hersteltests die RTO en RPO meten tegen de "
	    "doelstellingen, het oordeel per profiel, de tijdlijn van "
	    "geslaagd en mislukt.",
	[RST_MSG_EV_NIS2] = "Back-ups, hersteltests met hun controles, "
	    "mislukkingen met redenen, bewaarbeleid, alles uit een "
	    "logboek waarin elke wijziging aantoonbaar is.",
	[RST_MSG_EV_PRDS11] = "Gemaakt: back-ups in de periode; beschermd: "
	    "ondertekende manifesten en een ondertekend logboek met hashketen; "
	    "onderhouden: bewaarbeleid; getest: hersteltests en controles.",
	[RST_MSG_EV_RCRP03] = "Elke hersteltest controleerde de handtekening "
	    "van het manifest en de SHA-256 van elk deel vóór het herstel; "
	    "elk bestand gehasht tijdens het schrijven en vergeleken met de "
	    "ondertekende index, elke schrijfactie gecontroleerd, "
	    "gesynchroniseerd vóór de controles; integriteit van de logboeken "
	    "gecontroleerd voor dit rapport.",
	[RST_MSG_NEWEST_BACKUP] = "Nieuwste geslaagde back-up",
	[RST_MSG_AGE] = "leeftijd",
	[RST_MSG_SNAPSHOT] = "Snapshot",
	[RST_MSG_DATE] = "Datum",
	[RST_MSG_RESULT] = "Resultaat",
	[RST_MSG_PASS] = "geslaagd",
	[RST_MSG_FAIL] = "mislukt",
	[RST_MSG_ERROR] = "fout",
	[RST_MSG_NUMBER] = "Aantal",
	[RST_MSG_FAILURES] = "Mislukkingen",
	[RST_MSG_SIZE] = "Omvang",
	[RST_MSG_STORED] = "Opgeslagen",
	[RST_MSG_FILES] = "Bestanden",
	[RST_MSG_DURATION] = "Duur",
	[RST_MSG_DRILLS] = "Hersteltests",
	[RST_MSG_CHECKS] = "Controles",
	[RST_MSG_REASONS] = "Redenen",
	[RST_MSG_KIND] = "Bewerking",
	[RST_MSG_KIND_BACKUP] = "back-up",
	[RST_MSG_KIND_DRILL] = "hersteltest",
	[RST_MSG_KIND_VERIFY] = "verificatie",
	[RST_MSG_KIND_PRUNE] = "opschoning",
	[RST_MSG_KIND_RESTORE] = "herstel",
	[RST_MSG_KIND_REPORT] = "rapport",
	[RST_MSG_KIND_NOTIFY] = "melding",
	[RST_MSG_KIND_ABORT] = "onderbroken uitvoering",
	[RST_MSG_RETENTION] = "Bewaarbeleid",
	[RST_MSG_KEPT] = "Snapshots bewaard door de laatste opschoning",
	[RST_MSG_PRUNED] = "Snapshots opgeschoond in de periode",
	[RST_MSG_LAST_PRUNE] = "Laatste opschoning",
	[RST_MSG_NO_PRUNE] = "geen opschoning vastgelegd",
	[RST_MSG_KEY_FPR] = "Vingerafdruk van de ondertekeningssleutel",
	[RST_MSG_TARGETS] = "Doelstellingen",
	[RST_MSG_DRILL_EVERY] = "hersteltest minstens elke",
	[RST_MSG_NOT_SET] = "niet ingesteld",
	[RST_MSG_TARGETS_FROM_JOURNAL] = "zoals vastgelegd door de nieuwste "
	    "hersteltest (het profiel is niet op deze host ingesteld)",
	[RST_MSG_CHART_RTO] = "RTO per hersteltest ten opzichte van het doel",
	[RST_MSG_CHART_SIZE] = "Omvang van de back-ups in de tijd",
	[RST_MSG_CHART_TIMELINE] = "Tijdlijn geslaagd/mislukt",
	[RST_MSG_NO_DATA] = "geen gegevens in de periode",
	[RST_MSG_OUTPUT] = "Uitvoer",
	[RST_MSG_VERIFIED_FILES] = "bestanden geverifieerd",
	[RST_MSG_MISSING] = "ontbrekend",
	[RST_MSG_CHANGED] = "gewijzigd",
	[RST_MSG_EXTRA] = "extra",
	[RST_MSG_VERIFIES] = "Verificaties",
	[RST_MSG_RESTORES] = "Herstelacties",
	[RST_MSG_IN_PERIOD] = "in de periode",
	[RST_MSG_TOTAL] = "totaal",
	[RST_MSG_LATEST_BACKUPS] = "Laatste back-ups",
	[RST_MSG_BACKUP_TYPE] = "Soort",
	[RST_MSG_BT_FULL] = "volledig",
	[RST_MSG_BT_INCR] = "incrementeel {1}",
	[RST_MSG_BT_INCR_0] = "incrementeel",
	[RST_MSG_CHART_SIZE_LEGEND] = "Doorgetrokken lijn: omvang van de "
	    "geback-upte gegevens; stippellijn: wat elke back-up in de "
	    "repository opsloeg (een incrementele back-up slaat alleen het "
	    "gewijzigde op).",
	[RST_MSG_NO_FAILURES] = "Geen mislukkingen in de periode.",
	[RST_MSG_UNREADABLE] = "Dit logboek kon niet worden gelezen: er zijn "
	    "geen feiten te tonen.",
	[RST_MSG_R_RPO_OK] = "RPO {1} binnen het doel van {2} (gemeten op "
	    "{3})",
	[RST_MSG_R_RPO_EXCEEDED] = "RPO {1} overschrijdt het doel van {2} "
	    "(gemeten op {3})",
	[RST_MSG_R_NO_BACKUP] = "geen geslaagde back-up tot {1}",
	[RST_MSG_R_NO_RPO_TARGET] = "geen RPO-doel ingesteld "
	    "(drill.rpo_target)",
	[RST_MSG_R_NO_RTO_TARGET] = "geen RTO-doel ingesteld "
	    "(drill.rto_target)",
	[RST_MSG_R_DRILL_OK] = "hersteltest van {1} geslaagd met een RTO van "
	    "{2} binnen het doel van {3}",
	[RST_MSG_R_NO_DRILL] = "geen geslaagde hersteltest in de {1} tot {2}",
	[RST_MSG_R_DRILL_RTO] = "de nieuwste geslaagde hersteltest ({1}) "
	    "duurde {2}, langer dan het RTO-doel van {3}",
	[RST_MSG_R_JOURNAL_BROKEN] = "het logboek is niet te verifiëren",
	[RST_MSG_R_UNREADABLE] = "het logboek kon niet worden gelezen",
	[RST_MSG_R_RPO_NEGATIVE] = "de nieuwste goede snapshot {1} is "
	    "gedateerd na {2} (een klok die voorloopt of een vervalste id): "
	    "de RPO valt nooit binnen het doel",
	[RST_MSG_R_UNCHECKED] = "de nieuwste goede snapshot {1} is sinds de "
	    "back-up niet gecontroleerd door een verificatie of een "
	    "hersteltest: niet bewezen",
	[RST_MSG_R_LAST_DRILL_FAILED] = "de nieuwste hersteltest ({1}, "
	    "snapshot {2}) is mislukt: niet bewezen tot een latere "
	    "hersteltest slaagt",
	[RST_MSG_X_FUTURE] = "snapshot {1} is gedateerd meer dan een dag na "
	    "het maken van dit rapport",
	[RST_MSG_X_FOUND_BAD] = "snapshot {1} is ontbrekend of beschadigd "
	    "bevonden door {2} op {3}",
	[RST_MSG_HOW_TO_VERIFY] = "Dit rapport controleren",
	[RST_MSG_VERIFY_SIG] = "Het rapport zelf, met de publieke sleutel "
	    "(signing.pub) waarvan de vingerafdruk hierboven staat:",
	[RST_MSG_VERIFY_JOURNAL] = "Journaal van {1}: de vingerafdruk van zijn "
	    "sleutel, dan elke regel: seq telt vanaf 0 op zonder gat; prev is "
	    "de SHA-256 van de vorige regel zonder regeleinde (voor de eerste "
	    "regel: van keys/{1}.pub zoals het is); de handtekening dekt de "
	    "regel tot ,\"sig\":\" gevolgd door }:",
	[RST_MSG_VERIFY_MANIFEST] = "Snapshot {2} van {1}: de handtekening van "
	    "het manifest, zijn SHA-256 zoals de back-up die vastlegde, dan "
	    "elk deel en de index tegen de SHA-256 uit het manifest:",
	[RST_MSG_UNIT_DAY] = "d",
	[RST_MSG_DECIMAL] = ",",
	[RST_MSG_R_REHASHED] = "snapshot {1}: manifesthandtekening en elk "
	    "deel opnieuw gehasht door dit rapport",
	[RST_MSG_R_UNPINNED] = "de sleutel van {1} ({2}) is hier niet "
	    "geconfigureerd en niet vastgepind (--pin): niet bewezen",
	[RST_MSG_F_MISSING] = "snapshot {1}, vastgelegd in het journaal, "
	    "ontbreekt in de repository",
	[RST_MSG_F_UNVERIFIED] = "snapshot {1} verifieert niet: {2}",
	[RST_MSG_F_UNCHECKED] = "de repository van {1} kon niet worden "
	    "gecontroleerd: {2}",
	[RST_MSG_F_TRUNCATED] = "snapshot {1} is ouder dan de eerste back-up "
	    "in het journaal en geen record noemt hem: de geschiedenis is "
	    "ingekort",
	[RST_MSG_F_LAGGING] = "snapshot {1} staat nog niet in het journaal "
	    "(minder dan een dag geleden gemaakt)",
	[RST_MSG_F_BEHIND] = "snapshot {1} is nieuwer dan het laatste record "
	    "van het journaal: het journaal loopt achter op de repository",
	[RST_MSG_F_UNJOURNALED] = "snapshot {1} is vastgelegd maar geen "
	    "journaalrecord noemt hem",
	[RST_MSG_F_KEY_MISMATCH] = "snapshots van {1} zijn ondertekend met "
	    "een andere sleutel dan die van het journaal ({2})",
	[RST_MSG_F_KEY_PIN] = "sleutel komt niet overeen: {1}",
	[RST_MSG_F_JOURNAL_MISSING] = "het journaal van {1} ontbreekt "
	    "terwijl de repository {2} {2|snapshot|snapshots} bevat",
	[RST_MSG_F_REWRITTEN] = "het journaal van {1} is herschreven: regel "
	    "{2} is niet die welke een eerder rapport vastlegde",
	[RST_MSG_INTEGRITY_FINDINGS] = "Integriteitsfout: de repository of "
	    "een sleutel komt niet overeen met wat de journalen vastleggen.",
	[RST_MSG_CANNOT_PROVE] = "Wie een ondertekeningssleutel heeft, kan "
	    "een journaal herschrijven dat niet buiten deze host verankerd "
	    "is.",
	[RST_MSG_ANCHOR] = "Verankering",
	[RST_MSG_NOT_ANCHORED] = "niet verankerd",
	[RST_MSG_HEAD] = "Journaalkop",
	[RST_MSG_INVENTORY] = "Repository",
	[RST_MSG_INVENTORY_LINE] = "{1} {1|snapshot|snapshots} in het "
	    "journaal, {2} "
	    "aanwezig",
	[RST_MSG_UNJOURNALED] = "niet in het journaal",
	[RST_MSG_C_CONNECTION_REFUSED] = "verbinding geweigerd door {1}",
	[RST_MSG_C_HOST_NOT_FOUND] = "servernaam {1} niet gevonden",
	[RST_MSG_C_AUTH_FAILED] = "aanmelding geweigerd door {1}: controleer "
	    "de inloggegevens",
	[RST_MSG_C_ACCESS_DENIED] = "toegang geweigerd door {1}: controleer de "
	    "rechten",
	[RST_MSG_C_HOST_KEY_MISMATCH] = "de SSH-hostsleutel van {1} is niet de "
	    "verwachte",
	[RST_MSG_C_TLS_UNTRUSTED] = "het TLS-certificaat van {1} wordt niet "
	    "vertrouwd",
	[RST_MSG_C_TIMEOUT] = "geen antwoord van {1} binnen de tijd",
	[RST_MSG_C_STORAGE_ERROR] = "opslagfout bij {1} (HTTP-status {2})",
	[RST_MSG_C_STORAGE_ERROR_0] = "opslagfout bij {1}",
	[RST_MSG_C_NO_SPACE] = "onvoldoende vrije ruimte",
	[RST_MSG_C_HOOK_FAILED] = "hook ‘{1}’ eindigde met afsluitcode {2}",
	[RST_MSG_C_HOOK_TIMEOUT] = "hook ‘{1}’ was niet klaar binnen {2}",
	[RST_MSG_C_CHECK_FAILED] = "controle ‘{1}’ eindigde met afsluitcode "
	    "{2}",
	[RST_MSG_C_CHECK_FAILED_0] = "controle ‘{1}’ kon niet worden "
	    "uitgevoerd",
	[RST_MSG_C_CHECK_TIMEOUT] = "controle ‘{1}’ was niet klaar binnen {2}",
	[RST_MSG_C_FILES_DIFFER] = "herstelde bestanden wijken af van de "
	    "ondertekende index: {1} ontbrekend, {2} gewijzigd, {3} extra",
	[RST_MSG_C_RTO_MISSED] = "de hersteltest duurde {1}, langer dan de "
	    "RTO-doelstelling van {2}",
	[RST_MSG_C_RPO_MISSED] = "de nieuwste goede back-up was {1} oud, boven "
	    "de RPO-doelstelling van {2}",
	[RST_MSG_C_RPO_MISSED_0] = "geen goede back-up binnen de "
	    "RPO-doelstelling",
	[RST_MSG_C_INTEGRITY_MISMATCH] = "integriteitsfout: {1} komt niet "
	    "overeen met zijn hash of handtekening",
	[RST_MSG_C_INTEGRITY_MISMATCH_0] = "integriteitsfout: een object in de "
	    "repository komt niet overeen met zijn hash of handtekening",
	[RST_MSG_C_NOT_FOUND] = "{1} ontbreekt in de repository",
	[RST_MSG_C_NOT_FOUND_0] = "een object ontbreekt in de repository",
	[RST_MSG_C_NO_SNAPSHOT] = "geen vastgelegde snapshot om te testen",
	[RST_MSG_C_NOT_PROVEN] = "herstelbaarheid niet aangetoond",
	[RST_MSG_C_INTERRUPTED] = "onderbroken door signaal {1}",
	[RST_MSG_C_LOCK_BUSY] = "het profiel was vergrendeld door {1} (proces "
	    "{2} op {3})",
	[RST_MSG_C_LOCK_BUSY_0] = "een ander proces hield de vergrendeling van "
	    "het profiel",
	[RST_MSG_C_CONFIG_ERROR] = "configuratiefout (bedieningsfout, geen "
	    "mislukt herstel)",
	[RST_MSG_C_USAGE_ERROR] = "onjuiste opdrachtregel (bedieningsfout, "
	    "geen mislukt herstel)",
	[RST_MSG_C_IO_ERROR] = "lokale lees- of schrijffout ({1})",
	[RST_MSG_C_IO_ERROR_0] = "lokale lees- of schrijffout",
	[RST_MSG_C_INTERNAL_ERROR] = "interne fout",
	[RST_MSG_C_EXIT] = "beëindigd met afsluitcode {1}",
	[RST_MSG_EXIT_STATUS] = "afsluitcode {1}",
	[RST_MSG_N_VERIFIED_FILES] = "{1} {1|bestand|bestanden} gecontroleerd",
	[RST_MSG_ORIGINAL_TEXT] = "zoals vastgelegd",
	[RST_MSG_HOWTO_LAYOUT] = "Zet dit rapport, zijn handtekening {1}.sig "
	    "en de publieke sleutel waarmee het is ondertekend, als "
	    "signing.pub, in een kopie van de hoofdmap van de repository (de "
	    "map met keys/, journal/ en snapshots/) en plak daar elk blok "
	    "hieronder in een shell: elk blok toont OK of stopt met een fout "
	    "die zegt wat niet klopt.",
	[RST_MSG_HOWTO_HEAD] = "Kop van {1}: de ondertekende kop noemt het "
	    "aantal regels van het journaal en de laatste regel; regel {2} is "
	    "de laatste die dit rapport las:",
	[RST_MSG_STATUS] = "Status",
	[RST_MSG_ST_GREEN] = "GEREED: alle {1} gegevensverzamelingen zijn "
	    "aantoonbaar binnen de doelen herstelbaar, met een lokale of "
	    "vastgepinde sleutel, een verankerd journaal en geen open "
	    "uitzondering.",
	[RST_MSG_ST_AMBER] = "AANGETOOND MET VOORBEHOUD: {1} van {2} "
	    "gegevensverzamelingen aantoonbaar binnen de doelen herstelbaar. "
	    "Voorbehoud: {3}.",
	[RST_MSG_ST_RED] = "NIET GEREED: {1} van {2} gegevensverzamelingen "
	    "niet aantoonbaar herstelbaar of met een integriteitsbevinding: "
	    "{3}.",
	[RST_MSG_ST_RED_JOURNALS] = "NIET GEREED: een journaal, de "
	    "opslagplaats of een sleutel heeft een integriteitsbevinding (zie "
	    "de integriteitsbanner hieronder).",
	[RST_MSG_W_UNREADABLE] = "het profiel of journaal is onleesbaar",
	[RST_MSG_W_JOURNAL] = "het journaal klopt niet",
	[RST_MSG_W_NO_BACKUP] = "geen goede back-up",
	[RST_MSG_W_RPO] = "nieuwste goede back-up ouder dan het RPO-doel",
	[RST_MSG_W_NO_TARGET] = "geen RPO- of RTO-doel ingesteld",
	[RST_MSG_W_NO_DRILL] = "geen geslaagde hersteltest in de laatste {1}",
	[RST_MSG_W_DRILL_FAILED] = "de laatste hersteltest is mislukt",
	[RST_MSG_W_RTO] = "de hersteltest duurde langer dan het RTO-doel",
	[RST_MSG_W_UNCHECKED] = "de inhoud van de nieuwste back-up is nooit "
	    "gecontroleerd",
	[RST_MSG_W_INTEGRITY] = "integriteitsbevinding (code 4)",
	[RST_MSG_W_SECURITY] = "open beveiligingsincident",
	[RST_MSG_W_KEY] = "de sleutel is lokaal noch vastgepind",
	[RST_MSG_W_NOT_ANCHORED] = "journaal niet verankerd aan een "
	    "vertrouwde tijdstempel",
	[RST_MSG_W_OPEN_EXC] = "open uitzonderingen: {1}",
	[RST_MSG_GLOSSARY] = "Woordenlijst",
	[RST_MSG_G_RPO] = "Hersteldoel voor het herstelpunt: hoeveel "
	    "gegevens, uitgedrukt in tijd, verloren mogen gaan; hier de "
	    "leeftijd van de nieuwste goede back-up.",
	[RST_MSG_G_RTO] = "Hersteltijddoel: hoe lang een herstel mag duren; "
	    "hier gemeten door elke hersteltest.",
	[RST_MSG_G_DRILL] = "Een hersteltest: een back-up wordt in een "
	    "afgeschermde map hersteld, elk bestand wordt met de index "
	    "vergeleken en de ingestelde controles lopen.",
	[RST_MSG_G_SNAPSHOT] = "Eén back-up zoals opgeslagen in de "
	    "opslagplaats: een ondertekend manifest, een index en de delen "
	    "van het archief.",
	[RST_MSG_G_JOURNAL] = "Het ondertekende, met hashes geketende "
	    "logboek van elke back-up, hersteltest, controle, opschoning en "
	    "elk rapport; een gewijzigde of verwijderde regel breekt de "
	    "keten.",
	[RST_MSG_REPORT_ID] = "Rapport-id",
	[RST_MSG_REPORT_ID_NOTE] = "SHA-256 van het JSON-document van dit "
	    "rapport (dezelfde feiten, restorable report --format json)",
	[RST_MSG_PAGE] = "Pagina",
	[RST_MSG_HOST] = "Host",
	[RST_MSG_SCOPE_PROFILES] = "Profielen in dit rapport",
	[RST_MSG_SCOPE_LEFT_OUT] = "Op deze host ingesteld maar weggelaten",
	[RST_MSG_SCOPE_FOUND] = "Journalen gevonden in de opslagplaats",
	[RST_MSG_SCOPE_NAMED] = "Genoemd voor dit rapport",
	[RST_MSG_SCOPE_ALL] = "alle",
	[RST_MSG_CONFIGURATION] = "Instellingen",
	[RST_MSG_C_SOURCES] = "Bronnen",
	[RST_MSG_C_EXCLUDES] = "Uitsluitingen",
	[RST_MSG_C_HIDDEN] = "niet getoond: het profiel is versleuteld en "
	    "het manifest onthult ze niet",
	[RST_MSG_C_ENCRYPTION] = "Versleuteling",
	[RST_MSG_C_ENC_NONE] = "geen",
	[RST_MSG_C_ENC_AGE] = "age, {1} ontvanger(s)",
	[RST_MSG_C_REPOSITORY] = "Opslagplaats",
	[RST_MSG_C_OFFSITE] = "Buiten de locatie",
	[RST_MSG_C_OFFSITE_YES] = "ja (op een andere host: {1})",
	[RST_MSG_C_OFFSITE_NO] = "nee (een map bereikbaar vanaf deze host)",
	[RST_MSG_C_OBJECT_LOCK] = "Object Lock",
	[RST_MSG_C_LOCK_DAYS] = "{1} dagen, modus {2}",
	[RST_MSG_C_SCHEDULE] = "Planning",
	[RST_MSG_C_RETENTION] = "Bewaarregel",
	[RST_MSG_NOT_CONFIGURED] = "niet ingesteld",
	[RST_MSG_C_UNKNOWN] = "onbekend: het profiel is niet op deze host "
	    "ingesteld",
	[RST_MSG_EVIDENCE_FROM] = "Bewijs beschikbaar vanaf {1}",
	[RST_MSG_NO_EVIDENCE] = "Geen bewijs: het journaal heeft geen record",
	[RST_MSG_RPO_PERIOD] = "RPO over de periode",
	[RST_MSG_RPO_SHARE] = "Binnen het RPO-doel {1} van de gemeten tijd "
	    "({2} van {3}), tot {4}.",
	[RST_MSG_RPO_NO_TARGET] = "Er is geen RPO-doel ingesteld: de RPO "
	    "over de periode wordt niet aan een doel getoetst.",
	[RST_MSG_RPO_OVER] = "Intervallen boven het RPO-doel",
	[RST_MSG_RPO_NONE_OVER] = "Geen interval boven het RPO-doel.",
	[RST_MSG_START] = "Begin",
	[RST_MSG_END] = "Einde",
	[RST_MSG_LENGTH] = "Duur",
	[RST_MSG_STILL_OPEN] = "nog open aan het einde van de periode",
	[RST_MSG_MISSED_RUNS] = "Geplande back-ups die niet hebben "
	    "plaatsgevonden",
	[RST_MSG_MISSED_NONE] = "Elke geplande back-up heeft plaatsgevonden "
	    "(planning: elke {1}).",
	[RST_MSG_MISSED_NO_SCHEDULE] = "Er is geen back-upplanning "
	    "ingesteld: gemiste runs worden niet geteld.",
	[RST_MSG_DUE] = "Gepland",
	[RST_MSG_CHART_RPO] = "RPO over de periode tegenover het doel",
	[RST_MSG_CHART_RPO_TEXT] = "Grafiekgegevens: hoogste RPO {1}, doel "
	    "{2}, {3} interval(len) boven het doel.",
	[RST_MSG_CHART_RTO_TEXT] = "Grafiekgegevens: {1} hersteltest(en), "
	    "{2} binnen het RTO-doel, hoogste RTO {3}.",
	[RST_MSG_CHART_SIZE_TEXT] = "Grafiekgegevens: {1} back-up(s) in de "
	    "periode, nieuwste grootte {2}, opgeslagen {3}.",
	[RST_MSG_CHART_TIMELINE_TEXT] = "Grafiekgegevens: {1} back-up(s), "
	    "{2} mislukt; {3} hersteltest(en), {4} mislukt. Een mislukking is "
	    "een hoger merkteken met een gestippelde rand.",
	[RST_MSG_EXCEPTIONS] = "Uitzonderingen en opvolging",
	[RST_MSG_EXC_STATUS] = "Status",
	[RST_MSG_EXC_OPEN] = "open",
	[RST_MSG_EXC_CLOSED] = "gesloten",
	[RST_MSG_EXC_CLOSED_BY] = "Gesloten door",
	[RST_MSG_EXC_TTR] = "Tijd tot herstel",
	[RST_MSG_EXC_NONE] = "Geen uitzondering in de periode.",
	[RST_MSG_SECURITY_EVENT] = "beveiligingsincident",
	[RST_MSG_SECURITY_NOTE] = "Een beveiligingsincident (code 4: "
	    "integriteit) wordt alleen gesloten door een geslaagde verify "
	    "--deep of hersteltest van de betrokken snapshot, of door de "
	    "verwijdering ervan gevolgd door een geslaagde hersteltest van "
	    "een nieuwere.",
	[RST_MSG_SEQ] = "Seq",
	[RST_MSG_USER] = "Gebruiker",
	[RST_MSG_MANIFEST_SHA] = "Manifest-SHA-256",
	[RST_MSG_OPERATOR_ERRORS] = "Bedieningsfouten",
	[RST_MSG_OPERATOR_NOTE] = "Opdrachten die eindigden met code 2 "
	    "(gebruik of configuratie): apart vermeld, nooit geteld als "
	    "mislukte back-ups, hersteltests of herstelacties.",
	[RST_MSG_NOT_COMPLETED] = "niet voltooid",
	[RST_MSG_X_RPO] = "RPO boven het doel",
	[RST_MSG_X_MISSED] = "geplande back-up gemist",
	[RST_MSG_EXIT] = "code",
	[RST_MSG_ANCHORED] = "regel {1} verankerd door een tijdstempelautoriteit op "
	    "{2}",
	[RST_MSG_ANCHOR_CHECK] = "controleer met standaard-OpenSSL",
	[RST_MSG_F_ANCHOR_MISMATCH] = "het tijdstempeltoken {1} past bij geen "
	    "enkele regel van het journaal van {2}: het journaal is herschreven "
	    "nadat het verankerd was",
	[RST_MSG_F_ANCHOR_INVALID] = "het tijdstempeltoken {1} van het journaal van "
	    "{2} is niet geldig ({3})",
	[RST_MSG_F_ANCHOR_UNCHECKED] = "het tijdstempeltoken {1} van het journaal "
	    "van {2} is niet gecontroleerd: geen TSA-certificaat "
	    "(timestamp.tsa_ca_file, of report --tsa-ca BESTAND)",
	[RST_MSG_X_CLOCK_BACK] = "regel {1} van het journaal ({2}) is gedateerd "
	    "vóór de regel erboven ({3}): de klok is teruggezet",
	[RST_MSG_X_DRILL_EARLY] = "de oefening met snapshot {1} op {2} is gedateerd "
	    "vóór het begin van de snapshot",
	[RST_MSG_F_STALE] = "het journaal van {1} is het laatst geschreven op {2}, "
	    "langer geleden dan tweemaal het kortste schema ({3}): niet "
	    "bewezen",
	[RST_MSG_F_ANCHOR_DELETED] = "het vergrendelde bewijs {1} van het journaal "
	    "van {2} is verwijderd (een verwijdermarkering verbergt het)",
	[RST_MSG_F_LOCKED_MISMATCH] = "de vergrendelde kopie van de kop {1} past "
	    "niet bij het journaal van {2}: het journaal is herschreven nadat "
	    "het vergrendeld was",
	[RST_MSG_F_LOCKED_INVALID] = "de vergrendelde kopie van de kop {1} van het "
	    "journaal van {2} is niet geldig ({3})",
};
