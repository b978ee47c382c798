/* SPDX-License-Identifier: ISC */
/*
 * The report's French messages (keys as in i18n_en.c).  Control titles
 * follow the French wording of ISO/IEC 27001:2022 and of NIS2.
 */
#include "config.h"

#include "i18n.h"

const char *const rst_i18n_fr[RST_MSG_COUNT] = {
	[RST_MSG_TITLE] = "Rapport de preuves de sauvegarde et de restauration",
	[RST_MSG_PERIOD] = "Période",
	[RST_MSG_GENERATED] = "Généré le",
	[RST_MSG_SCOPE] = "Périmètre",
	[RST_MSG_SCOPE_LOCAL] = "les profils configurés sur cet hôte",
	[RST_MSG_SCOPE_FLEET] = "tous les journaux du dépôt {1}",
	[RST_MSG_TOOL] = "Outil",
	[RST_MSG_SIGNED_BY] = "Ce rapport est signé avec la clé Ed25519 {1} ; "
	    "sa signature est le fichier .sig placé à côté.",
	[RST_MSG_UNSIGNED] = "Cet exemplaire n'est pas signé (il a été écrit "
	    "sur la sortie standard).",
	[RST_MSG_INTEGRITY] = "Intégrité des journaux",
	[RST_MSG_INTEGRITY_OK] = "{1} {1|journal vérifié|journaux vérifiés} "
	    "lors de "
	    "l'établissement de ce rapport : la chaîne de hachage, chaque "
	    "signature et l'en-tête signé sont intacts.",
	[RST_MSG_INTEGRITY_BROKEN] = "Défaut d'intégrité : un journal ne se "
	    "vérifie pas. Rien n'est repris à partir de sa première ligne "
	    "invalide, et il ne peut pas être considéré comme fiable.",
	[RST_MSG_INTEGRITY_PARTIAL] = "Tous les journaux n'ont pas pu être "
	    "vérifiés : {1} sur {2} {1|vérifié|vérifiés}. Les autres n'ont pas "
	    "pu être "
	    "lus, ou pas comparés à leur copie dans le dépôt :",
	[RST_MSG_FIRST_BAD_LINE] = "Première ligne invalide",
	[RST_MSG_RECORDS] = "enregistrements",
	[RST_MSG_REPO_COPY] = "Copie dans le dépôt",
	[RST_MSG_REPO_EQUAL] = "identique",
	[RST_MSG_REPO_BEHIND] = "en retard (renvoyée à la prochaine écriture)",
	[RST_MSG_REPO_DIFFERS] = "diffère du journal local",
	[RST_MSG_REPO_MISSING] = "absente",
	[RST_MSG_REPO_UNCHECKED] = "non vérifiée",
	[RST_MSG_VERIFIED] = "vérifié",
	[RST_MSG_NOT_VERIFIED] = "NON vérifié",
	[RST_MSG_DETAILS] = "Détails",
	[RST_MSG_SUMMARY] = "Synthèse",
	[RST_MSG_SUMMARY_COUNT] = "{1} {1|profil|profils} sur {2} "
	    "{1|restaurable|restaurables} dans "
	    "les objectifs.",
	[RST_MSG_PROFILE] = "Profil",
	[RST_MSG_VERDICT] = "Conclusion",
	[RST_MSG_VERDICT_YES] = "restaurable dans les objectifs",
	[RST_MSG_VERDICT_NO] = "restauration dans les objectifs non démontrée",
	[RST_MSG_YES] = "oui",
	[RST_MSG_NO] = "non",
	[RST_MSG_RPO] = "RPO",
	[RST_MSG_RTO] = "RTO",
	[RST_MSG_TARGET] = "objectif",
	[RST_MSG_LAST_DRILL] = "Dernier test de restauration",
	[RST_MSG_BACKUPS] = "Sauvegardes",
	[RST_MSG_FAILED] = "en échec",
	[RST_MSG_NONE] = "aucun",
	[RST_MSG_JOURNAL] = "Journal",
	[RST_MSG_CONTROLS] = "Correspondance avec les référentiels",
	[RST_MSG_CONTROL] = "Mesure",
	[RST_MSG_REQUIREMENT] = "Exigence",
	[RST_MSG_EVIDENCE] = "Preuves dans ce rapport",
	[RST_MSG_CTL_A813] = "Sauvegarde des informations",
	[RST_MSG_CTL_A530] = "Préparation des TIC pour la continuité "
	    "d'activité",
	[RST_MSG_CTL_NIS2] = "Continuité des activités : gestion des "
	    "sauvegardes et reprise des activités",
	[RST_MSG_CTL_PRDS11] = "Les sauvegardes des données sont créées, "
	    "protégées, maintenues et testées",
	[RST_MSG_CTL_RCRP03] = "L'intégrité des sauvegardes et des autres "
	    "moyens de restauration est vérifiée avant leur utilisation",
	[RST_MSG_EV_A813] = "Sauvegardes de la période par profil (nombre, "
	    "échecs, tailles), dernière sauvegarde réussie et son âge, "
	    "manifestes signés (empreinte de la clé), état de la rétention.",
	[RST_MSG_EV_A530] = "Tests de restauration mesurant le RTO et le RPO "
	    "par rapport aux objectifs, conclusion par profil, chronologie "
	    "des réussites et des échecs.",
	[RST_MSG_EV_NIS2] = "Sauvegardes, tests de restauration et leurs "
	    "contrôles, échecs et leurs motifs, rétention, le tout issu d'un "
	    "journal où toute altération est détectable.",
	[RST_MSG_EV_PRDS11] = "Créées : sauvegardes de la période ; "
	    "protégées : manifestes signés et journal chaîné et signé ; "
	    "maintenues : rétention ; testées : tests de restauration et "
	    "contrôles.",
	[RST_MSG_EV_RCRP03] = "Chaque test a vérifié la signature du "
	    "manifeste et le SHA-256 de chaque partie avant de restaurer ; "
	    "chaque fichier haché à l'écriture et comparé à l'index signé, "
	    "chaque écriture vérifiée, synchronisé avant les contrôles ; "
	    "intégrité des journaux vérifiée pour ce rapport.",
	[RST_MSG_NEWEST_BACKUP] = "Dernière sauvegarde réussie",
	[RST_MSG_AGE] = "âge",
	[RST_MSG_SNAPSHOT] = "Instantané",
	[RST_MSG_DATE] = "Date",
	[RST_MSG_RESULT] = "Résultat",
	[RST_MSG_PASS] = "réussi",
	[RST_MSG_FAIL] = "échec",
	[RST_MSG_ERROR] = "erreur",
	[RST_MSG_NUMBER] = "Nombre",
	[RST_MSG_FAILURES] = "Échecs",
	[RST_MSG_SIZE] = "Taille",
	[RST_MSG_STORED] = "Stocké",
	[RST_MSG_FILES] = "Fichiers",
	[RST_MSG_DURATION] = "Durée",
	[RST_MSG_DRILLS] = "Tests de restauration",
	[RST_MSG_CHECKS] = "Contrôles",
	[RST_MSG_REASONS] = "Motifs",
	[RST_MSG_KIND] = "Opération",
	[RST_MSG_KIND_BACKUP] = "sauvegarde",
	[RST_MSG_KIND_DRILL] = "test de restauration",
	[RST_MSG_KIND_VERIFY] = "vérification",
	[RST_MSG_KIND_PRUNE] = "purge",
	[RST_MSG_KIND_RESTORE] = "restauration",
	[RST_MSG_KIND_REPORT] = "rapport",
	[RST_MSG_KIND_NOTIFY] = "notification",
	[RST_MSG_KIND_ABORT] = "exécution interrompue",
	[RST_MSG_RETENTION] = "Rétention",
	[RST_MSG_KEPT] = "Instantanés conservés par la dernière purge",
	[RST_MSG_PRUNED] = "Instantanés purgés sur la période",
	[RST_MSG_LAST_PRUNE] = "Dernière purge",
	[RST_MSG_NO_PRUNE] = "aucune purge enregistrée",
	[RST_MSG_KEY_FPR] = "Empreinte de la clé de signature",
	[RST_MSG_TARGETS] = "Objectifs",
	[RST_MSG_DRILL_EVERY] = "test de restauration au moins tous les",
	[RST_MSG_NOT_SET] = "non défini",
	[RST_MSG_TARGETS_FROM_JOURNAL] = "tels qu'enregistrés par le dernier "
	    "test (le profil n'est pas configuré sur cet hôte)",
	[RST_MSG_CHART_RTO] = "RTO par test par rapport à l'objectif",
	[RST_MSG_CHART_SIZE] = "Taille des sauvegardes dans le temps",
	[RST_MSG_CHART_TIMELINE] = "Chronologie des réussites et des échecs",
	[RST_MSG_NO_DATA] = "aucune donnée sur la période",
	[RST_MSG_OUTPUT] = "Sortie",
	[RST_MSG_VERIFIED_FILES] = "fichiers vérifiés",
	[RST_MSG_MISSING] = "manquants",
	[RST_MSG_CHANGED] = "modifiés",
	[RST_MSG_EXTRA] = "en trop",
	[RST_MSG_VERIFIES] = "Vérifications",
	[RST_MSG_RESTORES] = "Restaurations",
	[RST_MSG_IN_PERIOD] = "sur la période",
	[RST_MSG_TOTAL] = "total",
	[RST_MSG_LATEST_BACKUPS] = "Dernières sauvegardes",
	[RST_MSG_BACKUP_TYPE] = "Type",
	[RST_MSG_BT_FULL] = "complète",
	[RST_MSG_BT_INCR] = "incrémentale {1}",
	[RST_MSG_BT_INCR_0] = "incrémentale",
	[RST_MSG_CHART_SIZE_LEGEND] = "Trait plein : taille des données "
	    "sauvegardées ; pointillés : ce que chaque sauvegarde a stocké "
	    "dans le dépôt (une incrémentale ne stocke que ce qui a changé).",
	[RST_MSG_NO_FAILURES] = "Aucun échec sur la période.",
	[RST_MSG_UNREADABLE] = "Ce journal n'a pas pu être lu : aucun fait "
	    "ne peut être présenté.",
	[RST_MSG_R_RPO_OK] = "RPO de {1} dans l'objectif de {2} (mesuré le "
	    "{3})",
	[RST_MSG_R_RPO_EXCEEDED] = "RPO de {1} au-delà de l'objectif de {2} "
	    "(mesuré le {3})",
	[RST_MSG_R_NO_BACKUP] = "aucune sauvegarde réussie jusqu'au {1}",
	[RST_MSG_R_NO_RPO_TARGET] = "aucun objectif de RPO défini "
	    "(drill.rpo_target)",
	[RST_MSG_R_NO_RTO_TARGET] = "aucun objectif de RTO défini "
	    "(drill.rto_target)",
	[RST_MSG_R_DRILL_OK] = "test de restauration du {1} réussi avec un "
	    "RTO de {2} dans l'objectif de {3}",
	[RST_MSG_R_NO_DRILL] = "aucun test de restauration réussi dans les "
	    "{1} précédant le {2}",
	[RST_MSG_R_DRILL_RTO] = "le dernier test réussi ({1}) a duré {2}, "
	    "au-delà de l'objectif de RTO de {3}",
	[RST_MSG_R_JOURNAL_BROKEN] = "le journal ne se vérifie pas",
	[RST_MSG_R_UNREADABLE] = "le journal n'a pas pu être lu",
	[RST_MSG_R_RPO_NEGATIVE] = "le plus récent bon instantané {1} est "
	    "daté après {2} (horloge en avance ou identifiant forgé) : son "
	    "RPO n'est jamais dans l'objectif",
	[RST_MSG_R_UNCHECKED] = "le plus récent bon instantané {1} n'a été "
	    "contrôlé par aucune vérification ni aucun test de restauration "
	    "depuis sa sauvegarde : non prouvé",
	[RST_MSG_R_LAST_DRILL_FAILED] = "le plus récent test de restauration "
	    "({1}, instantané {2}) a échoué : non prouvé tant qu'un test "
	    "ultérieur ne réussit pas",
	[RST_MSG_X_FUTURE] = "l'instantané {1} est daté de plus d'un jour "
	    "après la création de ce rapport",
	[RST_MSG_X_FOUND_BAD] = "l'instantané {1} a été trouvé manquant ou "
	    "altéré par {2} le {3}",
	[RST_MSG_HOW_TO_VERIFY] = "Comment vérifier ce rapport",
	[RST_MSG_VERIFY_SIG] = "Le rapport lui-même, avec la clé publique "
	    "(signing.pub) dont l'empreinte figure ci-dessus :",
	[RST_MSG_VERIFY_JOURNAL] = "Journal de {1} : l'empreinte de sa clé, "
	    "puis chaque ligne : seq croît à partir de 0 sans trou ; prev est "
	    "le SHA-256 de la ligne précédente sans son saut de ligne (pour la "
	    "première ligne, celui de keys/{1}.pub tel quel) ; la signature "
	    "couvre la ligne jusqu'à ,\"sig\":\" suivi de } :",
	[RST_MSG_VERIFY_MANIFEST] = "Instantané {2} de {1} : la signature du "
	    "manifeste, son SHA-256 tel que consigné par sa sauvegarde, puis "
	    "chaque partie et l'index avec le SHA-256 indiqué dans le "
	    "manifeste :",
	[RST_MSG_UNIT_DAY] = "j",
	[RST_MSG_DECIMAL] = ",",
	[RST_MSG_R_REHASHED] = "instantané {1} : signature du manifeste et "
	    "chaque partie recalculées par ce rapport",
	[RST_MSG_R_UNPINNED] = "la clé de {1} ({2}) n'est ni configurée ici "
	    "ni épinglée (--pin) : non prouvé",
	[RST_MSG_F_MISSING] = "l'instantané {1}, consigné par le journal, "
	    "manque dans le dépôt",
	[RST_MSG_F_UNVERIFIED] = "l'instantané {1} ne se vérifie pas : {2}",
	[RST_MSG_F_UNCHECKED] = "le dépôt de {1} n'a pas pu être vérifié : {2}",
	[RST_MSG_F_TRUNCATED] = "l'instantané {1} est antérieur à la "
	    "première sauvegarde du journal et aucun enregistrement ne le "
	    "nomme : l'historique a été tronqué",
	[RST_MSG_F_LAGGING] = "l'instantané {1} n'est pas encore dans le "
	    "journal (fait il y a moins d'un jour)",
	[RST_MSG_F_BEHIND] = "l'instantané {1} est plus récent que le "
	    "dernier enregistrement du journal : le journal est en retard "
	    "sur le dépôt",
	[RST_MSG_F_UNJOURNALED] = "l'instantané {1} est validé mais aucun "
	    "enregistrement ne le nomme",
	[RST_MSG_F_KEY_MISMATCH] = "des instantanés de {1} sont signés par "
	    "une autre clé que celle du journal ({2})",
	[RST_MSG_F_KEY_PIN] = "clé discordante : {1}",
	[RST_MSG_F_JOURNAL_MISSING] = "le journal de {1} manque alors que le "
	    "dépôt contient {2} {2|instantané|instantanés}",
	[RST_MSG_F_REWRITTEN] = "le journal de {1} a été réécrit : la ligne "
	    "{2} n'est plus celle qu'un rapport antérieur a consignée",
	[RST_MSG_INTEGRITY_FINDINGS] = "Défaut d'intégrité : le dépôt ou une "
	    "clé ne correspond pas à ce que consignent les journaux.",
	[RST_MSG_CANNOT_PROVE] = "Le détenteur d'une clé de signature peut "
	    "réécrire un journal qui n'est pas ancré hors de cet hôte.",
	[RST_MSG_ANCHOR] = "Ancrage",
	[RST_MSG_NOT_ANCHORED] = "non ancré",
	[RST_MSG_HEAD] = "Tête du journal",
	[RST_MSG_INVENTORY] = "Dépôt",
	[RST_MSG_INVENTORY_LINE] = "{1} {1|instantané|instantanés} au journal, "
	    "{2} "
	    "{2|présent|présents}",
	[RST_MSG_UNJOURNALED] = "absents du journal",
	[RST_MSG_C_CONNECTION_REFUSED] = "connexion refusée par {1}",
	[RST_MSG_C_HOST_NOT_FOUND] = "nom de serveur {1} introuvable",
	[RST_MSG_C_AUTH_FAILED] = "connexion refusée par {1} : vérifier les "
	    "identifiants",
	[RST_MSG_C_ACCESS_DENIED] = "accès refusé par {1} : vérifier les "
	    "droits",
	[RST_MSG_C_HOST_KEY_MISMATCH] = "la clé d'hôte SSH de {1} n'est pas "
	    "celle attendue",
	[RST_MSG_C_TLS_UNTRUSTED] = "le certificat TLS de {1} n'est pas "
	    "reconnu",
	[RST_MSG_C_TIMEOUT] = "pas de réponse de {1} dans le délai",
	[RST_MSG_C_STORAGE_ERROR] = "erreur de stockage chez {1} (statut HTTP "
	    "{2})",
	[RST_MSG_C_STORAGE_ERROR_0] = "erreur de stockage chez {1}",
	[RST_MSG_C_NO_SPACE] = "espace libre insuffisant",
	[RST_MSG_C_HOOK_FAILED] = "le script « {1} » s'est terminé avec le "
	    "code "
	    "{2}",
	[RST_MSG_C_HOOK_TIMEOUT] = "le script « {1} » ne s'est pas terminé en "
	    "{2}",
	[RST_MSG_C_CHECK_FAILED] = "le contrôle « {1} » s'est terminé avec le "
	    "code "
	    "{2}",
	[RST_MSG_C_CHECK_FAILED_0] = "le contrôle « {1} » n'a pas pu "
	    "s'exécuter",
	[RST_MSG_C_CHECK_TIMEOUT] = "le contrôle « {1} » ne s'est pas terminé "
	    "en "
	    "{2}",
	[RST_MSG_C_FILES_DIFFER] = "les fichiers restaurés diffèrent de "
	    "l'index signé : {1} manquant{1|s}, {2} modifié{2|s}, {3} en trop",
	[RST_MSG_C_RTO_MISSED] = "le test de restauration a duré {1}, au-delà "
	    "de l'objectif de RTO de {2}",
	[RST_MSG_C_RPO_MISSED] = "la plus récente bonne sauvegarde avait {1}, "
	    "au-delà de l'objectif de RPO de {2}",
	[RST_MSG_C_RPO_MISSED_0] = "aucune bonne sauvegarde dans l'objectif de "
	    "RPO",
	[RST_MSG_C_INTEGRITY_MISMATCH] = "défaut d'intégrité : {1} ne "
	    "correspond pas à son empreinte ou à sa signature",
	[RST_MSG_C_INTEGRITY_MISMATCH_0] = "défaut d'intégrité : un objet du "
	    "dépôt ne correspond pas à son empreinte ou à sa signature",
	[RST_MSG_C_NOT_FOUND] = "{1} manque dans le dépôt",
	[RST_MSG_C_NOT_FOUND_0] = "un objet manque dans le dépôt",
	[RST_MSG_C_NO_SNAPSHOT] = "aucun instantané validé à tester",
	[RST_MSG_C_NOT_PROVEN] = "restauration non démontrée",
	[RST_MSG_C_INTERRUPTED] = "interrompu par le signal {1}",
	[RST_MSG_C_LOCK_BUSY] = "le profil était verrouillé par {1} (processus "
	    "{2} sur {3})",
	[RST_MSG_C_LOCK_BUSY_0] = "un autre processus détenait le verrou du "
	    "profil",
	[RST_MSG_C_CONFIG_ERROR] = "erreur de configuration (erreur "
	    "d'exploitation, pas un échec de restauration)",
	[RST_MSG_C_USAGE_ERROR] = "ligne de commande erronée (erreur "
	    "d'exploitation, pas un échec de restauration)",
	[RST_MSG_C_IO_ERROR] = "erreur locale de lecture ou d'écriture ({1})",
	[RST_MSG_C_IO_ERROR_0] = "erreur locale de lecture ou d'écriture",
	[RST_MSG_C_INTERNAL_ERROR] = "erreur interne",
	[RST_MSG_C_EXIT] = "terminé avec le code de sortie {1}",
	[RST_MSG_EXIT_STATUS] = "code de sortie {1}",
	[RST_MSG_N_VERIFIED_FILES] = "{1} {1|fichier vérifié|fichiers "
	    "vérifiés}",
	[RST_MSG_ORIGINAL_TEXT] = "tel que consigné",
	[RST_MSG_HOWTO_LAYOUT] = "Placez ce rapport, sa signature {1}.sig et "
	    "la clé publique qui l'a signé, sous le nom signing.pub, dans une "
	    "copie du dossier racine du dépôt (celui qui contient keys/, "
	    "journal/ et snapshots/), puis collez-y chaque bloc ci-dessous "
	    "dans un shell : chacun affiche OK ou s'arrête sur une erreur "
	    "indiquant ce qui ne se vérifie pas.",
	[RST_MSG_HOWTO_HEAD] = "En-tête de {1} : l'en-tête signé indique le "
	    "nombre de lignes du journal et sa dernière ligne ; la ligne {2} "
	    "est la dernière lue par ce rapport :",
	[RST_MSG_STATUS] = "État",
	[RST_MSG_ST_GREEN] = "PRÊT : les {1} jeux de données sont prouvés "
	    "restaurables dans les objectifs, avec une clé locale ou "
	    "épinglée, un journal ancré et aucune exception ouverte.",
	[RST_MSG_ST_AMBER] = "PROUVÉ AVEC RÉSERVES : {1} jeux de données sur "
	    "{2} prouvés restaurables dans les objectifs. Réserves : {3}.",
	[RST_MSG_ST_RED] = "PAS PRÊT : {1} jeux de données sur {2} non "
	    "prouvés restaurables ou avec un constat d'intégrité : {3}.",
	[RST_MSG_ST_RED_JOURNALS] = "PAS PRÊT : un journal, le dépôt ou une "
	    "clé présente un constat d'intégrité (voir le bandeau d'intégrité "
	    "ci-dessous).",
	[RST_MSG_W_UNREADABLE] = "son profil ou son journal est illisible",
	[RST_MSG_W_JOURNAL] = "son journal ne se vérifie pas",
	[RST_MSG_W_NO_BACKUP] = "aucune bonne sauvegarde",
	[RST_MSG_W_RPO] = "dernière bonne sauvegarde plus ancienne que "
	    "l'objectif RPO",
	[RST_MSG_W_NO_TARGET] = "aucun objectif RPO ou RTO configuré",
	[RST_MSG_W_NO_DRILL] = "aucun test de restauration réussi dans les "
	    "derniers {1}",
	[RST_MSG_W_DRILL_FAILED] = "le dernier test de restauration a échoué",
	[RST_MSG_W_RTO] = "le test de restauration a dépassé l'objectif RTO",
	[RST_MSG_W_UNCHECKED] = "le contenu de la dernière sauvegarde n'a "
	    "jamais été contrôlé",
	[RST_MSG_W_INTEGRITY] = "constat d'intégrité (code 4)",
	[RST_MSG_W_SECURITY] = "événement de sécurité ouvert",
	[RST_MSG_W_KEY] = "sa clé n'est ni locale ni épinglée",
	[RST_MSG_W_NOT_ANCHORED] = "journal non ancré à un horodatage de "
	    "confiance",
	[RST_MSG_W_OPEN_EXC] = "exceptions ouvertes : {1}",
	[RST_MSG_GLOSSARY] = "Glossaire",
	[RST_MSG_G_RPO] = "Objectif de point de reprise : la quantité de "
	    "données, comptée en temps, qui peut être perdue ; ici l'âge de "
	    "la dernière bonne sauvegarde.",
	[RST_MSG_G_RTO] = "Objectif de temps de reprise : la durée qu'une "
	    "restauration peut prendre ; ici mesurée par chaque test de "
	    "restauration.",
	[RST_MSG_G_DRILL] = "Un test de restauration : une sauvegarde est "
	    "restaurée dans un bac à sable, chaque fichier est comparé à son "
	    "index et les contrôles configurés s'exécutent.",
	[RST_MSG_G_SNAPSHOT] = "Une sauvegarde telle que stockée dans le "
	    "dépôt : un manifeste signé, un index et les parties de "
	    "l'archive.",
	[RST_MSG_G_JOURNAL] = "Le registre signé et chaîné par empreintes de "
	    "chaque sauvegarde, test de restauration, vérification, purge et "
	    "rapport ; une ligne modifiée ou supprimée rompt la chaîne.",
	[RST_MSG_REPORT_ID] = "Identifiant du rapport",
	[RST_MSG_REPORT_ID_NOTE] = "SHA-256 du document JSON de ce rapport "
	    "(les mêmes faits, restorable report --format json)",
	[RST_MSG_PAGE] = "Page",
	[RST_MSG_HOST] = "Hôte",
	[RST_MSG_SCOPE_PROFILES] = "Profils de ce rapport",
	[RST_MSG_SCOPE_LEFT_OUT] = "Configurés sur cet hôte mais exclus",
	[RST_MSG_SCOPE_FOUND] = "Journaux trouvés dans le dépôt",
	[RST_MSG_SCOPE_NAMED] = "Nommés pour ce rapport",
	[RST_MSG_SCOPE_ALL] = "tous",
	[RST_MSG_CONFIGURATION] = "Configuration",
	[RST_MSG_C_SOURCES] = "Sources",
	[RST_MSG_C_EXCLUDES] = "Exclusions",
	[RST_MSG_C_HIDDEN] = "non affichées : le profil est chiffré et son "
	    "manifeste ne les révèle pas",
	[RST_MSG_C_ENCRYPTION] = "Chiffrement",
	[RST_MSG_C_ENC_NONE] = "aucun",
	[RST_MSG_C_ENC_AGE] = "age, {1} destinataire(s)",
	[RST_MSG_C_REPOSITORY] = "Dépôt",
	[RST_MSG_C_OFFSITE] = "Hors site",
	[RST_MSG_C_OFFSITE_YES] = "oui (sur un autre hôte : {1})",
	[RST_MSG_C_OFFSITE_NO] = "non (un dossier accessible depuis cet "
	    "hôte)",
	[RST_MSG_C_OBJECT_LOCK] = "Object Lock",
	[RST_MSG_C_LOCK_DAYS] = "{1} jours, mode {2}",
	[RST_MSG_C_SCHEDULE] = "Planification",
	[RST_MSG_C_RETENTION] = "Règle de conservation",
	[RST_MSG_NOT_CONFIGURED] = "non configuré",
	[RST_MSG_C_UNKNOWN] = "inconnu : le profil n'est pas configuré sur "
	    "cet hôte",
	[RST_MSG_EVIDENCE_FROM] = "Preuves disponibles depuis le {1}",
	[RST_MSG_NO_EVIDENCE] = "Aucune preuve : le journal n'a aucun "
	    "enregistrement",
	[RST_MSG_RPO_PERIOD] = "RPO sur la période",
	[RST_MSG_RPO_SHARE] = "Dans l'objectif RPO {1} du temps mesuré ({2} "
	    "sur {3}), jusqu'au {4}.",
	[RST_MSG_RPO_NO_TARGET] = "Aucun objectif RPO n'est configuré : le "
	    "RPO sur la période n'est mesuré contre aucun.",
	[RST_MSG_RPO_OVER] = "Intervalles au-delà de l'objectif RPO",
	[RST_MSG_RPO_NONE_OVER] = "Aucun intervalle au-delà de l'objectif "
	    "RPO.",
	[RST_MSG_START] = "Début",
	[RST_MSG_END] = "Fin",
	[RST_MSG_LENGTH] = "Durée",
	[RST_MSG_STILL_OPEN] = "toujours ouvert en fin de période",
	[RST_MSG_MISSED_RUNS] = "Sauvegardes planifiées qui n'ont pas eu "
	    "lieu",
	[RST_MSG_MISSED_NONE] = "Chaque sauvegarde planifiée a eu lieu "
	    "(planification : toutes les {1}).",
	[RST_MSG_MISSED_NO_SCHEDULE] = "Aucune planification de sauvegarde "
	    "n'est configurée : les exécutions manquées ne sont pas comptées.",
	[RST_MSG_DUE] = "Prévue",
	[RST_MSG_CHART_RPO] = "RPO sur la période face à son objectif",
	[RST_MSG_CHART_RPO_TEXT] = "Données du graphique : RPO maximal {1}, "
	    "objectif {2}, {3} intervalle(s) au-delà de l'objectif.",
	[RST_MSG_CHART_RTO_TEXT] = "Données du graphique : {1} test(s) de "
	    "restauration, {2} dans l'objectif RTO, RTO maximal {3}.",
	[RST_MSG_CHART_SIZE_TEXT] = "Données du graphique : {1} sauvegarde(s) "
	    "sur la période, taille la plus récente {2}, stocké {3}.",
	[RST_MSG_CHART_TIMELINE_TEXT] = "Données du graphique : {1} "
	    "sauvegarde(s), {2} en échec ; {3} test(s) de restauration, {4} "
	    "en échec. Un échec est une marque plus haute au contour en "
	    "pointillés.",
	[RST_MSG_EXCEPTIONS] = "Exceptions et suivi",
	[RST_MSG_EXC_STATUS] = "État",
	[RST_MSG_EXC_OPEN] = "ouverte",
	[RST_MSG_EXC_CLOSED] = "close",
	[RST_MSG_EXC_CLOSED_BY] = "Close par",
	[RST_MSG_EXC_TTR] = "Délai de remédiation",
	[RST_MSG_EXC_NONE] = "Aucune exception sur la période.",
	[RST_MSG_SECURITY_EVENT] = "événement de sécurité",
	[RST_MSG_SECURITY_NOTE] = "Un événement de sécurité (code 4 : "
	    "intégrité) n'est clos que par un verify --deep ou un test de "
	    "restauration réussi de l'instantané concerné, ou par sa "
	    "suppression suivie d'un test de restauration réussi d'un "
	    "instantané plus récent.",
	[RST_MSG_SEQ] = "Seq",
	[RST_MSG_USER] = "Utilisateur",
	[RST_MSG_MANIFEST_SHA] = "SHA-256 du manifeste",
	[RST_MSG_OPERATOR_ERRORS] = "Erreurs d'opérateur",
	[RST_MSG_OPERATOR_NOTE] = "Commandes terminées par le code 2 (usage "
	    "ou configuration) : listées à part, jamais comptées comme "
	    "sauvegardes, tests de restauration ou restaurations échoués.",
	[RST_MSG_NOT_COMPLETED] = "non terminé",
	[RST_MSG_X_RPO] = "RPO au-delà de l'objectif",
	[RST_MSG_X_MISSED] = "sauvegarde planifiée manquée",
	[RST_MSG_EXIT] = "code",
	[RST_MSG_ANCHORED] = "ligne {1} ancrée par une autorité d'horodatage le {2}",
	[RST_MSG_ANCHOR_CHECK] = "à vérifier avec OpenSSL",
	[RST_MSG_F_ANCHOR_MISMATCH] = "le jeton d'horodatage {1} ne correspond à "
	    "aucune ligne du journal de {2} : le journal a été réécrit après son "
	    "ancrage",
	[RST_MSG_F_ANCHOR_INVALID] = "le jeton d'horodatage {1} du journal de {2} "
	    "ne se vérifie pas ({3})",
	[RST_MSG_F_ANCHOR_UNCHECKED] = "le jeton d'horodatage {1} du journal de {2} "
	    "n'a pas été vérifié : aucun certificat d'autorité "
	    "(timestamp.tsa_ca_file, ou report --tsa-ca FICHIER)",
	[RST_MSG_X_CLOCK_BACK] = "la ligne {1} du journal ({2}) est datée d'avant "
	    "la ligne qui la précède ({3}) : l'horloge a reculé",
	[RST_MSG_X_DRILL_EARLY] = "l'exercice sur l'instantané {1} le {2} est daté "
	    "d'avant le début de l'instantané",
	[RST_MSG_F_STALE] = "le journal de {1} a été écrit pour la dernière fois le "
	    "{2}, il y a plus de deux fois sa plus courte planification ({3}) "
	    ": non prouvé",
	[RST_MSG_F_ANCHOR_DELETED] = "la preuve verrouillée {1} du journal de {2} a "
	    "été supprimée (un marqueur de suppression la masque)",
	[RST_MSG_F_LOCKED_MISMATCH] = "la copie verrouillée de la tête {1} ne "
	    "correspond pas au journal de {2} : le journal a été réécrit "
	    "après son verrouillage",
	[RST_MSG_F_LOCKED_INVALID] = "la copie verrouillée de la tête {1} du "
	    "journal de {2} ne se vérifie pas ({3})",
};
