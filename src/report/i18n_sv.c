/* SPDX-License-Identifier: ISC */
/*
 * The report's Swedish messages (keys as in i18n_en.c).  Control titles
 * follow the Swedish wording of SS-EN ISO/IEC 27001:2023 and of NIS2.
 */
#include "config.h"

#include "i18n.h"

const char *const rst_i18n_sv[RST_MSG_COUNT] = {
	[RST_MSG_TITLE] = "Bevisrapport för säkerhetskopiering och "
	    "återställning",
	[RST_MSG_PERIOD] = "Period",
	[RST_MSG_GENERATED] = "Skapad",
	[RST_MSG_SCOPE] = "Omfattning",
	[RST_MSG_SCOPE_LOCAL] = "profilerna som är konfigurerade på denna "
	    "värd",
	[RST_MSG_SCOPE_FLEET] = "alla journaler i arkivet {1}",
	[RST_MSG_TOOL] = "Verktyg",
	[RST_MSG_SIGNED_BY] = "Rapporten är signerad med Ed25519-nyckeln {1}; "
	    "signaturen är .sig-filen bredvid den.",
	[RST_MSG_UNSIGNED] = "Detta exemplar är inte signerat (det skrevs "
	    "till standard ut).",
	[RST_MSG_INTEGRITY] = "Journalernas integritet",
	[RST_MSG_INTEGRITY_OK] = "{1} {1|journal verifierad|journaler "
	    "verifierade} "
	    "när rapporten "
	    "skapades: hashkedjan, varje signatur och det signerade huvudet "
	    "är intakta.",
	[RST_MSG_INTEGRITY_BROKEN] = "Integritetsfel: en journal går inte att "
	    "verifiera. Inget från dess första felaktiga rad och framåt visas, "
	    "och den kan inte betraktas som tillförlitlig.",
	[RST_MSG_INTEGRITY_PARTIAL] = "Alla journaler kunde inte "
	    "kontrolleras: {1} av {2} verifierade. De övriga kunde inte läsas "
	    "eller inte jämföras med sin kopia i arkivet:",
	[RST_MSG_FIRST_BAD_LINE] = "Första felaktiga rad",
	[RST_MSG_RECORDS] = "poster",
	[RST_MSG_REPO_COPY] = "Kopia i arkivet",
	[RST_MSG_REPO_EQUAL] = "identisk",
	[RST_MSG_REPO_BEHIND] = "efter (laddas upp igen vid nästa skrivning)",
	[RST_MSG_REPO_DIFFERS] = "avviker från den lokala journalen",
	[RST_MSG_REPO_MISSING] = "saknas",
	[RST_MSG_REPO_UNCHECKED] = "ej kontrollerad",
	[RST_MSG_VERIFIED] = "verifierad",
	[RST_MSG_NOT_VERIFIED] = "EJ verifierad",
	[RST_MSG_DETAILS] = "Detaljer",
	[RST_MSG_SUMMARY] = "Sammanfattning",
	[RST_MSG_SUMMARY_COUNT] = "{1} av {2} {2|profil|profiler} "
	    "återställningsbara "
	    "inom målen.",
	[RST_MSG_PROFILE] = "Profil",
	[RST_MSG_VERDICT] = "Bedömning",
	[RST_MSG_VERDICT_YES] = "återställningsbar inom målen",
	[RST_MSG_VERDICT_NO] = "återställning inom målen inte styrkt",
	[RST_MSG_YES] = "ja",
	[RST_MSG_NO] = "nej",
	[RST_MSG_RPO] = "RPO",
	[RST_MSG_RTO] = "RTO",
	[RST_MSG_TARGET] = "mål",
	[RST_MSG_LAST_DRILL] = "Senaste återställningstest",
	[RST_MSG_BACKUPS] = "Säkerhetskopior",
	[RST_MSG_FAILED] = "misslyckade",
	[RST_MSG_NONE] = "inga",
	[RST_MSG_JOURNAL] = "Journal",
	[RST_MSG_CONTROLS] = "Koppling till säkerhetsåtgärder",
	[RST_MSG_CONTROL] = "Åtgärd",
	[RST_MSG_REQUIREMENT] = "Krav",
	[RST_MSG_EVIDENCE] = "Bevis i denna rapport",
	[RST_MSG_CTL_A813] = "Säkerhetskopiering av information",
	[RST_MSG_CTL_A530] = "IKT-beredskap för kontinuitet i verksamheten",
	[RST_MSG_CTL_NIS2] = "Kontinuitet i verksamheten: hantering av "
	    "säkerhetskopior och återställning efter katastrofer",
	[RST_MSG_CTL_PRDS11] = "Säkerhetskopior av data skapas, skyddas, "
	    "underhålls och testas",
	[RST_MSG_CTL_RCRP03] = "Integriteten hos säkerhetskopior och andra "
	    "återställningsresurser verifieras innan de används för "
	    "återställning",
	[RST_MSG_EV_A813] = "Säkerhetskopior under perioden per profil "
	    "(antal, fel, storlekar), den senaste lyckade säkerhetskopian och "
	    "dess ålder, signerade manifest (nyckelns fingeravtryck), "
	    "bevarandestatus.",
	[RST_MSG_EV_A530] = "Återställningstester som mäter RTO och RPO mot "
	    "målen, bedömningen per profil, tidslinjen över godkänt och "
	    "underkänt.",
	[RST_MSG_EV_NIS2] = "Säkerhetskopior, återställningstester med sina "
	    "kontroller, fel med orsaker, bevarande, allt ur en "
	    "journal där varje ändring kan upptäckas.",
	[RST_MSG_EV_PRDS11] = "Skapas: säkerhetskopior under perioden; "
	    "skyddas: signerade manifest och en signerad, hashkedjad journal; "
	    "underhålls: bevarande; testas: återställningstester och "
	    "kontroller.",
	[RST_MSG_EV_RCRP03] = "Varje test verifierade manifestets signatur "
	    "och varje dels SHA-256 före återställningen; varje fil hashad "
	    "när den skrevs och jämförd med det signerade indexet, varje "
	    "skrivning kontrollerad, synkroniserad före kontrollerna; "
	    "journalernas integritet verifierad för denna rapport.",
	[RST_MSG_NEWEST_BACKUP] = "Senaste lyckade säkerhetskopia",
	[RST_MSG_AGE] = "ålder",
	[RST_MSG_SNAPSHOT] = "Ögonblicksbild",
	[RST_MSG_DATE] = "Datum",
	[RST_MSG_RESULT] = "Resultat",
	[RST_MSG_PASS] = "godkänd",
	[RST_MSG_FAIL] = "underkänd",
	[RST_MSG_ERROR] = "fel",
	[RST_MSG_NUMBER] = "Antal",
	[RST_MSG_FAILURES] = "Fel",
	[RST_MSG_SIZE] = "Storlek",
	[RST_MSG_STORED] = "Lagrat",
	[RST_MSG_FILES] = "Filer",
	[RST_MSG_DURATION] = "Tid",
	[RST_MSG_DRILLS] = "Återställningstester",
	[RST_MSG_CHECKS] = "Kontroller",
	[RST_MSG_REASONS] = "Orsaker",
	[RST_MSG_KIND] = "Åtgärd",
	[RST_MSG_KIND_BACKUP] = "säkerhetskopiering",
	[RST_MSG_KIND_DRILL] = "återställningstest",
	[RST_MSG_KIND_VERIFY] = "verifiering",
	[RST_MSG_KIND_PRUNE] = "gallring",
	[RST_MSG_KIND_RESTORE] = "återställning",
	[RST_MSG_KIND_REPORT] = "rapport",
	[RST_MSG_KIND_NOTIFY] = "avisering",
	[RST_MSG_KIND_ABORT] = "avbruten körning",
	[RST_MSG_RETENTION] = "Bevarande",
	[RST_MSG_KEPT] = "Ögonblicksbilder behållna vid senaste gallringen",
	[RST_MSG_PRUNED] = "Ögonblicksbilder gallrade under perioden",
	[RST_MSG_LAST_PRUNE] = "Senaste gallring",
	[RST_MSG_NO_PRUNE] = "ingen gallring registrerad",
	[RST_MSG_KEY_FPR] = "Signeringsnyckelns fingeravtryck",
	[RST_MSG_TARGETS] = "Mål",
	[RST_MSG_DRILL_EVERY] = "återställningstest minst var",
	[RST_MSG_NOT_SET] = "ej angivet",
	[RST_MSG_TARGETS_FROM_JOURNAL] = "enligt det senaste testet (profilen "
	    "är inte konfigurerad på denna värd)",
	[RST_MSG_CHART_RTO] = "RTO per test jämfört med målet",
	[RST_MSG_CHART_SIZE] = "Säkerhetskopiornas storlek över tid",
	[RST_MSG_CHART_TIMELINE] = "Tidslinje godkänt/underkänt",
	[RST_MSG_NO_DATA] = "inga data under perioden",
	[RST_MSG_OUTPUT] = "Utdata",
	[RST_MSG_VERIFIED_FILES] = "filer verifierade",
	[RST_MSG_MISSING] = "saknade",
	[RST_MSG_CHANGED] = "ändrade",
	[RST_MSG_EXTRA] = "extra",
	[RST_MSG_VERIFIES] = "Verifieringar",
	[RST_MSG_RESTORES] = "Återställningar",
	[RST_MSG_IN_PERIOD] = "under perioden",
	[RST_MSG_TOTAL] = "totalt",
	[RST_MSG_LATEST_BACKUPS] = "Senaste säkerhetskopior",
	[RST_MSG_BACKUP_TYPE] = "Typ",
	[RST_MSG_BT_FULL] = "fullständig",
	[RST_MSG_BT_INCR] = "inkrementell {1}",
	[RST_MSG_BT_INCR_0] = "inkrementell",
	[RST_MSG_CHART_SIZE_LEGEND] = "Heldragen linje: storleken på de "
	    "säkerhetskopierade data; streckad linje: vad varje säkerhetskopia "
	    "lagrade i förrådet (en inkrementell lagrar bara det som ändrats).",
	[RST_MSG_NO_FAILURES] = "Inga fel under perioden.",
	[RST_MSG_UNREADABLE] = "Journalen kunde inte läsas: inga uppgifter "
	    "kan visas.",
	[RST_MSG_R_RPO_OK] = "RPO {1} inom målet {2} (mätt {3})",
	[RST_MSG_R_RPO_EXCEEDED] = "RPO {1} överskrider målet {2} (mätt {3})",
	[RST_MSG_R_NO_BACKUP] = "ingen lyckad säkerhetskopiering fram till {1}",
	[RST_MSG_R_NO_RPO_TARGET] = "inget RPO-mål angivet (drill.rpo_target)",
	[RST_MSG_R_NO_RTO_TARGET] = "inget RTO-mål angivet (drill.rto_target)",
	[RST_MSG_R_DRILL_OK] = "återställningstestet {1} godkänt med RTO {2} "
	    "inom målet {3}",
	[RST_MSG_R_NO_DRILL] = "inget godkänt återställningstest under {1} "
	    "fram till {2}",
	[RST_MSG_R_DRILL_RTO] = "det senaste godkända testet ({1}) tog {2}, "
	    "över RTO-målet {3}",
	[RST_MSG_R_JOURNAL_BROKEN] = "journalen går inte att verifiera",
	[RST_MSG_R_UNREADABLE] = "journalen kunde inte läsas",
	[RST_MSG_R_RPO_NEGATIVE] = "den senaste goda ögonblicksbilden {1} är "
	    "daterad efter {2} (en klocka som går före eller ett förfalskat "
	    "id): dess RPO är aldrig inom målet",
	[RST_MSG_R_UNCHECKED] = "den senaste goda ögonblicksbilden {1} har "
	    "inte kontrollerats av en verifiering eller ett "
	    "återställningstest sedan säkerhetskopian: inte bevisat",
	[RST_MSG_R_LAST_DRILL_FAILED] = "det senaste återställningstestet "
	    "({1}, ögonblicksbild {2}) misslyckades: inte bevisat förrän ett "
	    "senare test godkänns",
	[RST_MSG_X_FUTURE] = "ögonblicksbilden {1} är daterad mer än en dag "
	    "efter att rapporten skapades",
	[RST_MSG_X_FOUND_BAD] = "ögonblicksbilden {1} befanns saknas eller "
	    "vara skadad av {2} den {3}",
	[RST_MSG_HOW_TO_VERIFY] = "Så verifierar du rapporten",
	[RST_MSG_VERIFY_SIG] = "Själva rapporten, med den publika nyckeln "
	    "(signing.pub) vars fingeravtryck visas ovan:",
	[RST_MSG_VERIFY_JOURNAL] = "Journalen för {1}: nyckelns fingeravtryck, "
	    "sedan varje rad: seq räknar upp från 0 utan lucka; prev är "
	    "SHA-256 av föregående rad utan radbrytning (för första raden: av "
	    "keys/{1}.pub som den är); signaturen täcker raden fram till "
	    ",\"sig\":\" följt av }:",
	[RST_MSG_VERIFY_MANIFEST] = "Ögonblicksbild {2} av {1}: manifestets "
	    "signatur, dess SHA-256 så som säkerhetskopieringen journalförde "
	    "den, sedan varje del och indexet mot den SHA-256 som manifestet "
	    "anger:",
	[RST_MSG_UNIT_DAY] = "d",
	[RST_MSG_DECIMAL] = ",",
	[RST_MSG_R_REHASHED] = "ögonblicksbild {1}: manifestets signatur och "
	    "varje del omhashade av denna rapport",
	[RST_MSG_R_UNPINNED] = "nyckeln för {1} ({2}) är varken konfigurerad "
	    "här eller fäst (--pin): inte bevisat",
	[RST_MSG_F_MISSING] = "ögonblicksbilden {1}, registrerad i "
	    "journalen, saknas i förrådet",
	[RST_MSG_F_UNVERIFIED] = "ögonblicksbilden {1} verifieras inte: {2}",
	[RST_MSG_F_UNCHECKED] = "förrådet för {1} kunde inte kontrolleras: {2}",
	[RST_MSG_F_TRUNCATED] = "ögonblicksbilden {1} är äldre än journalens "
	    "första säkerhetskopia och ingen post nämner den: historiken har "
	    "kortats",
	[RST_MSG_F_LAGGING] = "ögonblicksbilden {1} finns inte i journalen "
	    "än (gjord för mindre än en dag sedan)",
	[RST_MSG_F_BEHIND] = "ögonblicksbilden {1} är nyare än journalens "
	    "sista post: journalen ligger efter förrådet",
	[RST_MSG_F_UNJOURNALED] = "ögonblicksbilden {1} är bekräftad men "
	    "ingen journalpost nämner den",
	[RST_MSG_F_KEY_MISMATCH] = "ögonblicksbilder av {1} är signerade med "
	    "en annan nyckel än journalens ({2})",
	[RST_MSG_F_KEY_PIN] = "nyckeln stämmer inte: {1}",
	[RST_MSG_F_JOURNAL_MISSING] = "journalen för {1} saknas medan "
	    "förrådet har {2} {2|ögonblicksbild|ögonblicksbilder}",
	[RST_MSG_F_REWRITTEN] = "journalen för {1} har skrivits om: rad {2} "
	    "är inte den som en tidigare rapport registrerade",
	[RST_MSG_INTEGRITY_FINDINGS] = "Integritetsfel: förrådet eller en "
	    "nyckel stämmer inte med vad journalerna registrerar.",
	[RST_MSG_CANNOT_PROVE] = "Den som har en signeringsnyckel kan skriva "
	    "om en journal som inte är förankrad utanför denna värd.",
	[RST_MSG_ANCHOR] = "Förankring",
	[RST_MSG_NOT_ANCHORED] = "inte förankrad",
	[RST_MSG_HEAD] = "Journalens huvud",
	[RST_MSG_INVENTORY] = "Förråd",
	[RST_MSG_INVENTORY_LINE] = "{1} {1|ögonblicksbild|ögonblicksbilder} i "
	    "journalen, {2} "
	    "finns",
	[RST_MSG_UNJOURNALED] = "inte i journalen",
	[RST_MSG_C_CONNECTION_REFUSED] = "anslutningen nekades av {1}",
	[RST_MSG_C_HOST_NOT_FOUND] = "servernamnet {1} hittades inte",
	[RST_MSG_C_AUTH_FAILED] = "inloggningen nekades av {1}: kontrollera "
	    "inloggningsuppgifterna",
	[RST_MSG_C_ACCESS_DENIED] = "åtkomst nekad av {1}: kontrollera "
	    "behörigheterna",
	[RST_MSG_C_HOST_KEY_MISMATCH] = "SSH-värdnyckeln för {1} är inte den "
	    "förväntade",
	[RST_MSG_C_TLS_UNTRUSTED] = "TLS-certifikatet för {1} är inte betrott",
	[RST_MSG_C_TIMEOUT] = "inget svar från {1} i tid",
	[RST_MSG_C_STORAGE_ERROR] = "lagringsfel hos {1} (HTTP-status {2})",
	[RST_MSG_C_STORAGE_ERROR_0] = "lagringsfel hos {1}",
	[RST_MSG_C_NO_SPACE] = "inte tillräckligt med ledigt utrymme",
	[RST_MSG_C_HOOK_FAILED] = "kroken ”{1}” avslutades med slutstatus {2}",
	[RST_MSG_C_HOOK_TIMEOUT] = "kroken ”{1}” blev inte klar inom {2}",
	[RST_MSG_C_CHECK_FAILED] = "kontrollen ”{1}” avslutades med slutstatus "
	    "{2}",
	[RST_MSG_C_CHECK_FAILED_0] = "kontrollen ”{1}” kunde inte köras",
	[RST_MSG_C_CHECK_TIMEOUT] = "kontrollen ”{1}” blev inte klar inom {2}",
	[RST_MSG_C_FILES_DIFFER] = "återställda filer skiljer sig från det "
	    "signerade indexet: {1} saknas, {2} ändrade, {3} extra",
	[RST_MSG_C_RTO_MISSED] = "återställningstestet tog {1}, över RTO-målet "
	    "på {2}",
	[RST_MSG_C_RPO_MISSED] = "den senaste lyckade säkerhetskopian var {1} "
	    "gammal, över RPO-målet på {2}",
	[RST_MSG_C_RPO_MISSED_0] = "ingen lyckad säkerhetskopia inom RPO-målet",
	[RST_MSG_C_INTEGRITY_MISMATCH] = "integritetsfel: {1} stämmer inte med "
	    "sin hash eller signatur",
	[RST_MSG_C_INTEGRITY_MISMATCH_0] = "integritetsfel: ett objekt i "
	    "förrådet stämmer inte med sin hash eller signatur",
	[RST_MSG_C_NOT_FOUND] = "{1} saknas i förrådet",
	[RST_MSG_C_NOT_FOUND_0] = "ett objekt saknas i förrådet",
	[RST_MSG_C_NO_SNAPSHOT] = "ingen bekräftad ögonblicksbild att testa",
	[RST_MSG_C_NOT_PROVEN] = "återställningsbarhet inte bevisad",
	[RST_MSG_C_INTERRUPTED] = "avbruten av signal {1}",
	[RST_MSG_C_LOCK_BUSY] = "profilen var låst av {1} (process {2} på {3})",
	[RST_MSG_C_LOCK_BUSY_0] = "en annan process höll profilens lås",
	[RST_MSG_C_CONFIG_ERROR] = "konfigurationsfel (operatörsfel, inte en "
	    "misslyckad återställning)",
	[RST_MSG_C_USAGE_ERROR] = "felaktig kommandorad (operatörsfel, inte en "
	    "misslyckad återställning)",
	[RST_MSG_C_IO_ERROR] = "lokalt läs- eller skrivfel ({1})",
	[RST_MSG_C_IO_ERROR_0] = "lokalt läs- eller skrivfel",
	[RST_MSG_C_INTERNAL_ERROR] = "internt fel",
	[RST_MSG_C_EXIT] = "avslutad med slutstatus {1}",
	[RST_MSG_EXIT_STATUS] = "slutstatus {1}",
	[RST_MSG_N_VERIFIED_FILES] = "{1} {1|fil verifierad|filer verifierade}",
	[RST_MSG_ORIGINAL_TEXT] = "som journalfört",
	[RST_MSG_HOWTO_LAYOUT] = "Lägg den här rapporten, dess signatur "
	    "{1}.sig och den publika nyckel som signerade den, som "
	    "signing.pub, i en kopia av förrådets toppmapp (den som innehåller "
	    "keys/, journal/ och snapshots/) och klistra in varje block nedan "
	    "i ett skal där: varje block skriver OK eller stannar med ett fel "
	    "som säger vad som inte stämmer.",
	[RST_MSG_HOWTO_HEAD] = "Huvudet för {1}: det signerade huvudet anger "
	    "journalens antal rader och dess sista rad; rad {2} är den sista "
	    "som rapporten läste:",
	[RST_MSG_STATUS] = "Status",
	[RST_MSG_ST_GREEN] = "KLAR: alla {1} datamängder är bevisat "
	    "återställningsbara inom målen, med en lokal eller fastlåst "
	    "nyckel, en förankrad journal och inga öppna avvikelser.",
	[RST_MSG_ST_AMBER] = "BEVISAT MED FÖRBEHÅLL: {1} av {2} datamängder "
	    "bevisat återställningsbara inom målen. Förbehåll: {3}.",
	[RST_MSG_ST_RED] = "INTE KLAR: {1} av {2} datamängder inte bevisat "
	    "återställningsbara eller med ett integritetsfynd: {3}.",
	[RST_MSG_ST_RED_JOURNALS] = "INTE KLAR: en journal, arkivet eller en "
	    "nyckel har ett integritetsfynd (se integritetsrutan nedan).",
	[RST_MSG_W_UNREADABLE] = "profilen eller journalen kan inte läsas",
	[RST_MSG_W_JOURNAL] = "journalen verifieras inte",
	[RST_MSG_W_NO_BACKUP] = "ingen godkänd säkerhetskopia",
	[RST_MSG_W_RPO] = "senaste godkända säkerhetskopia äldre än "
	    "RPO-målet",
	[RST_MSG_W_NO_TARGET] = "inget RPO- eller RTO-mål konfigurerat",
	[RST_MSG_W_NO_DRILL] = "inget lyckat återställningstest de senaste "
	    "{1}",
	[RST_MSG_W_DRILL_FAILED] = "det senaste återställningstestet "
	    "misslyckades",
	[RST_MSG_W_RTO] = "återställningstestet tog längre tid än RTO-målet",
	[RST_MSG_W_UNCHECKED] = "innehållet i den senaste säkerhetskopian "
	    "har aldrig kontrollerats",
	[RST_MSG_W_INTEGRITY] = "integritetsfynd (kod 4)",
	[RST_MSG_W_SECURITY] = "öppen säkerhetshändelse",
	[RST_MSG_W_KEY] = "nyckeln är varken lokal eller fastlåst",
	[RST_MSG_W_NOT_ANCHORED] = "journalen inte förankrad i en betrodd "
	    "tidsstämpel",
	[RST_MSG_W_OPEN_EXC] = "öppna avvikelser: {1}",
	[RST_MSG_GLOSSARY] = "Ordlista",
	[RST_MSG_G_RPO] = "Återställningspunktsmål: hur mycket data, räknat "
	    "i tid, som får gå förlorad; här åldern på den senaste godkända "
	    "säkerhetskopian.",
	[RST_MSG_G_RTO] = "Återställningstidsmål: hur lång tid en "
	    "återställning får ta; här mätt vid varje återställningstest.",
	[RST_MSG_G_DRILL] = "Ett återställningstest: en säkerhetskopia "
	    "återställs i en sandlåda, varje fil jämförs med indexet och de "
	    "konfigurerade kontrollerna körs.",
	[RST_MSG_G_SNAPSHOT] = "En säkerhetskopia så som den lagras i "
	    "arkivet: ett signerat manifest, ett index och arkivets delar.",
	[RST_MSG_G_JOURNAL] = "Den signerade, hashkedjade loggen över varje "
	    "säkerhetskopiering, återställningstest, verifiering, gallring "
	    "och rapport; en ändrad eller borttagen rad bryter kedjan.",
	[RST_MSG_REPORT_ID] = "Rapport-id",
	[RST_MSG_REPORT_ID_NOTE] = "SHA-256 av rapportens JSON-dokument "
	    "(samma fakta, restorable report --format json)",
	[RST_MSG_PAGE] = "Sida",
	[RST_MSG_HOST] = "Värd",
	[RST_MSG_SCOPE_PROFILES] = "Profiler i rapporten",
	[RST_MSG_SCOPE_LEFT_OUT] = "Konfigurerade på värden men utelämnade",
	[RST_MSG_SCOPE_FOUND] = "Journaler i arkivet",
	[RST_MSG_SCOPE_NAMED] = "Namngivna för rapporten",
	[RST_MSG_SCOPE_ALL] = "alla",
	[RST_MSG_CONFIGURATION] = "Konfiguration",
	[RST_MSG_C_SOURCES] = "Källor",
	[RST_MSG_C_EXCLUDES] = "Undantag",
	[RST_MSG_C_HIDDEN] = "visas inte: profilen är krypterad och "
	    "manifestet avslöjar dem inte",
	[RST_MSG_C_ENCRYPTION] = "Kryptering",
	[RST_MSG_C_ENC_NONE] = "ingen",
	[RST_MSG_C_ENC_AGE] = "age, {1} mottagare",
	[RST_MSG_C_REPOSITORY] = "Arkiv",
	[RST_MSG_C_OFFSITE] = "Utanför platsen",
	[RST_MSG_C_OFFSITE_YES] = "ja (på en annan värd: {1})",
	[RST_MSG_C_OFFSITE_NO] = "nej (en mapp som nås från värden)",
	[RST_MSG_C_OBJECT_LOCK] = "Object Lock",
	[RST_MSG_C_LOCK_DAYS] = "{1} dagar, läge {2}",
	[RST_MSG_C_SCHEDULE] = "Schema",
	[RST_MSG_C_RETENTION] = "Lagringsregel",
	[RST_MSG_NOT_CONFIGURED] = "inte konfigurerat",
	[RST_MSG_C_UNKNOWN] = "okänt: profilen är inte konfigurerad på "
	    "värden",
	[RST_MSG_EVIDENCE_FROM] = "Bevis finns från {1}",
	[RST_MSG_NO_EVIDENCE] = "Inga bevis: journalen har inga poster",
	[RST_MSG_RPO_PERIOD] = "RPO under perioden",
	[RST_MSG_RPO_SHARE] = "Inom RPO-målet {1} av den uppmätta tiden ({2} "
	    "av {3}), fram till {4}.",
	[RST_MSG_RPO_NO_TARGET] = "Inget RPO-mål är konfigurerat: RPO under "
	    "perioden mäts inte mot något.",
	[RST_MSG_RPO_OVER] = "Intervall över RPO-målet",
	[RST_MSG_RPO_NONE_OVER] = "Inget intervall över RPO-målet.",
	[RST_MSG_START] = "Början",
	[RST_MSG_END] = "Slut",
	[RST_MSG_LENGTH] = "Längd",
	[RST_MSG_STILL_OPEN] = "fortfarande öppet vid periodens slut",
	[RST_MSG_MISSED_RUNS] = "Schemalagda säkerhetskopieringar som "
	    "uteblev",
	[RST_MSG_MISSED_NONE] = "Varje schemalagd säkerhetskopiering "
	    "genomfördes (schema: var {1}).",
	[RST_MSG_MISSED_NO_SCHEDULE] = "Inget schema för säkerhetskopiering "
	    "är konfigurerat: uteblivna körningar räknas inte.",
	[RST_MSG_DUE] = "Planerad",
	[RST_MSG_CHART_RPO] = "RPO under perioden mot målet",
	[RST_MSG_CHART_RPO_TEXT] = "Diagramdata: högsta RPO {1}, mål {2}, "
	    "{3} intervall över målet.",
	[RST_MSG_CHART_RTO_TEXT] = "Diagramdata: {1} återställningstest, {2} "
	    "inom RTO-målet, högsta RTO {3}.",
	[RST_MSG_CHART_SIZE_TEXT] = "Diagramdata: {1} säkerhetskopior under "
	    "perioden, senaste storlek {2}, lagrat {3}.",
	[RST_MSG_CHART_TIMELINE_TEXT] = "Diagramdata: {1} säkerhetskopior, "
	    "{2} misslyckade; {3} återställningstest, {4} misslyckade. Ett "
	    "misslyckande är ett högre märke med streckad kant.",
	[RST_MSG_EXCEPTIONS] = "Avvikelser och uppföljning",
	[RST_MSG_EXC_STATUS] = "Status",
	[RST_MSG_EXC_OPEN] = "öppen",
	[RST_MSG_EXC_CLOSED] = "stängd",
	[RST_MSG_EXC_CLOSED_BY] = "Stängd av",
	[RST_MSG_EXC_TTR] = "Tid till åtgärd",
	[RST_MSG_EXC_NONE] = "Inga avvikelser under perioden.",
	[RST_MSG_SECURITY_EVENT] = "säkerhetshändelse",
	[RST_MSG_SECURITY_NOTE] = "En säkerhetshändelse (kod 4: integritet) "
	    "stängs bara av en godkänd verify --deep eller ett lyckat "
	    "återställningstest av den berörda ögonblicksbilden, eller av att "
	    "den tas bort följt av ett lyckat återställningstest av en nyare.",
	[RST_MSG_SEQ] = "Seq",
	[RST_MSG_USER] = "Användare",
	[RST_MSG_MANIFEST_SHA] = "Manifestets SHA-256",
	[RST_MSG_OPERATOR_ERRORS] = "Operatörsfel",
	[RST_MSG_OPERATOR_NOTE] = "Kommandon som slutade med kod 2 "
	    "(användning eller konfiguration): listas separat, räknas aldrig "
	    "som misslyckade säkerhetskopieringar, återställningstester eller "
	    "återställningar.",
	[RST_MSG_NOT_COMPLETED] = "inte slutfört",
	[RST_MSG_X_RPO] = "RPO över målet",
	[RST_MSG_X_MISSED] = "schemalagd säkerhetskopiering uteblev",
	[RST_MSG_EXIT] = "kod",
	[RST_MSG_ANCHORED] = "rad {1} förankrad av en tidsstämpelmyndighet {2}",
	[RST_MSG_ANCHOR_CHECK] = "kontrollera med vanlig OpenSSL",
	[RST_MSG_F_ANCHOR_MISMATCH] = "tidsstämpeln {1} motsvarar ingen rad i "
	    "journalen för {2}: journalen har skrivits om efter att den förankrades",
	[RST_MSG_F_ANCHOR_INVALID] = "tidsstämpeln {1} i journalen för {2} kan inte "
	    "verifieras ({3})",
	[RST_MSG_F_ANCHOR_UNCHECKED] = "tidsstämpeln {1} i journalen för {2} har "
	    "inte kontrollerats: inget TSA-certifikat (timestamp.tsa_ca_file, eller "
	    "report --tsa-ca FIL)",
	[RST_MSG_X_CLOCK_BACK] = "rad {1} i journalen ({2}) är daterad före raden "
	    "ovanför ({3}): klockan har ställts tillbaka",
	[RST_MSG_X_DRILL_EARLY] = "övningen med ögonblicksbilden {1} {2} är daterad "
	    "före ögonblicksbildens start",
	[RST_MSG_F_STALE] = "journalen för {1} skrevs senast {2}, längre sedan än "
	    "två gånger dess kortaste schema ({3}): inte bevisat",
	[RST_MSG_F_ANCHOR_DELETED] = "det låsta beviset {1} i journalen för {2} har "
	    "raderats (en raderingsmarkör döljer det)",
	[RST_MSG_F_LOCKED_MISMATCH] = "den låsta kopian av huvudet {1} motsvarar "
	    "inte journalen för {2}: journalen har skrivits om efter att den "
	    "låstes",
	[RST_MSG_F_LOCKED_INVALID] = "den låsta kopian av huvudet {1} i journalen "
	    "för {2} kan inte verifieras ({3})",
};
