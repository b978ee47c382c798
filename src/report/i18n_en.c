/* SPDX-License-Identifier: ISC */
/*
 * The report's English messages (the reference: every other catalog
 * translates these keys).  Control titles follow the wording of ISO/IEC
 * 27001:2022 Annex A, NIS2 (Directive (EU) 2022/2555) and NIST CSF 2.0.
 */
#include "config.h"

#include "i18n.h"

const char *const rst_i18n_en[RST_MSG_COUNT] = {
	[RST_MSG_TITLE] = "Backup and restore evidence report",
	[RST_MSG_PERIOD] = "Period",
	[RST_MSG_GENERATED] = "Generated",
	[RST_MSG_SCOPE] = "Scope",
	[RST_MSG_SCOPE_LOCAL] = "the profiles configured on this host",
	[RST_MSG_SCOPE_FLEET] = "every journal in the repository {1}",
	[RST_MSG_TOOL] = "Tool",
	[RST_MSG_SIGNED_BY] = "This report is signed with the Ed25519 key "
	    "{1}; its signature is the .sig file beside it.",
	[RST_MSG_UNSIGNED] = "This copy is not signed (it was written to "
	    "standard output).",
	[RST_MSG_INTEGRITY] = "Journal integrity",
	[RST_MSG_INTEGRITY_OK] = "{1} {1|journal|journals} verified when this "
	    "report "
	    "was made: the hash chain, every signature and the signed head "
	    "are intact.",
	[RST_MSG_INTEGRITY_BROKEN] = "Journal integrity failure: a journal "
	    "does not verify. Nothing from its first bad line on is shown, "
	    "and it cannot be trusted.",
	[RST_MSG_INTEGRITY_PARTIAL] = "Not every journal could be checked: {1} "
	    "of {2} verified. The others could not be read, or not compared "
	    "with their repository copy:",
	[RST_MSG_FIRST_BAD_LINE] = "First bad line",
	[RST_MSG_RECORDS] = "records",
	[RST_MSG_REPO_COPY] = "Repository copy",
	[RST_MSG_REPO_EQUAL] = "identical",
	[RST_MSG_REPO_BEHIND] = "behind (uploaded again on the next write)",
	[RST_MSG_REPO_DIFFERS] = "differs from the local journal",
	[RST_MSG_REPO_MISSING] = "missing",
	[RST_MSG_REPO_UNCHECKED] = "not checked",
	[RST_MSG_VERIFIED] = "verified",
	[RST_MSG_NOT_VERIFIED] = "NOT verified",
	[RST_MSG_DETAILS] = "Details",
	[RST_MSG_SUMMARY] = "Summary",
	[RST_MSG_SUMMARY_COUNT] = "{1} of {2} {2|profile|profiles} restorable "
	    "within "
	    "target.",
	[RST_MSG_PROFILE] = "Profile",
	[RST_MSG_VERDICT] = "Verdict",
	[RST_MSG_VERDICT_YES] = "restorable within target",
	[RST_MSG_VERDICT_NO] = "not proven restorable within target",
	[RST_MSG_YES] = "yes",
	[RST_MSG_NO] = "no",
	[RST_MSG_RPO] = "RPO",
	[RST_MSG_RTO] = "RTO",
	[RST_MSG_TARGET] = "target",
	[RST_MSG_LAST_DRILL] = "Last drill",
	[RST_MSG_BACKUPS] = "Backups",
	[RST_MSG_FAILED] = "failed",
	[RST_MSG_NONE] = "none",
	[RST_MSG_JOURNAL] = "Journal",
	[RST_MSG_CONTROLS] = "Control mapping",
	[RST_MSG_CONTROL] = "Control",
	[RST_MSG_REQUIREMENT] = "Requirement",
	[RST_MSG_EVIDENCE] = "Evidence in this report",
	[RST_MSG_CTL_A813] = "Information backup",
	[RST_MSG_CTL_A530] = "ICT readiness for business continuity",
	[RST_MSG_CTL_NIS2] = "Business continuity: backup management and "
	    "disaster recovery",
	[RST_MSG_CTL_PRDS11] = "Backups of data are created, protected, "
	    "maintained, and tested",
	[RST_MSG_CTL_RCRP03] = "The integrity of backups and other "
	    "restoration assets is verified before using them for restoration",
	[RST_MSG_EV_A813] = "Backups in the period per profile (count, "
	    "failures, sizes), the newest good backup and its age, signed "
	    "manifests (key fingerprint), retention state.",
	[RST_MSG_EV_A530] = "Drills measuring RTO and RPO against the "
	    "targets, the verdict per profile, the pass/fail timeline.",
	[RST_MSG_EV_NIS2] = "Backups, test restores (drills) with their "
	    "checks, failures with reasons, retention, all from a "
	    "tamper-evident journal.",
	[RST_MSG_EV_PRDS11] = "Created: backups in the period; protected: "
	    "signed manifests and a hash-chained, signed journal; "
	    "maintained: retention; tested: drills and their checks.",
	[RST_MSG_EV_RCRP03] = "Each drill verified the manifest signature "
	    "and every part's SHA-256 before restoring; every file was hashed "
	    "as written and compared with the signed index, every write "
	    "checked, synced before the checks; journal integrity verified "
	    "for this report.",
	[RST_MSG_NEWEST_BACKUP] = "Newest good backup",
	[RST_MSG_AGE] = "age",
	[RST_MSG_SNAPSHOT] = "Snapshot",
	[RST_MSG_DATE] = "Date",
	[RST_MSG_RESULT] = "Result",
	[RST_MSG_PASS] = "pass",
	[RST_MSG_FAIL] = "fail",
	[RST_MSG_ERROR] = "error",
	[RST_MSG_NUMBER] = "Count",
	[RST_MSG_FAILURES] = "Failures",
	[RST_MSG_SIZE] = "Size",
	[RST_MSG_STORED] = "Stored",
	[RST_MSG_FILES] = "Files",
	[RST_MSG_DURATION] = "Duration",
	[RST_MSG_DRILLS] = "Drills (test restores)",
	[RST_MSG_CHECKS] = "Checks",
	[RST_MSG_REASONS] = "Reasons",
	[RST_MSG_KIND] = "Operation",
	[RST_MSG_KIND_BACKUP] = "backup",
	[RST_MSG_KIND_DRILL] = "drill",
	[RST_MSG_KIND_VERIFY] = "verify",
	[RST_MSG_KIND_PRUNE] = "prune",
	[RST_MSG_KIND_RESTORE] = "restore",
	[RST_MSG_KIND_REPORT] = "report",
	[RST_MSG_KIND_NOTIFY] = "notification",
	[RST_MSG_KIND_ABORT] = "interrupted run",
	[RST_MSG_RETENTION] = "Retention",
	[RST_MSG_KEPT] = "Snapshots kept by the last prune",
	[RST_MSG_PRUNED] = "Snapshots pruned in the period",
	[RST_MSG_LAST_PRUNE] = "Last prune",
	[RST_MSG_NO_PRUNE] = "no prune recorded",
	[RST_MSG_KEY_FPR] = "Signing key fingerprint",
	[RST_MSG_TARGETS] = "Targets",
	[RST_MSG_DRILL_EVERY] = "drill at least every",
	[RST_MSG_NOT_SET] = "not set",
	[RST_MSG_TARGETS_FROM_JOURNAL] = "as recorded by the newest drill "
	    "(the profile is not configured on this host)",
	[RST_MSG_CHART_RTO] = "RTO per drill against the target",
	[RST_MSG_CHART_SIZE] = "Backup size over time",
	[RST_MSG_CHART_TIMELINE] = "Pass/fail timeline",
	[RST_MSG_NO_DATA] = "no data in the period",
	[RST_MSG_OUTPUT] = "Output",
	[RST_MSG_VERIFIED_FILES] = "files verified",
	[RST_MSG_MISSING] = "missing",
	[RST_MSG_CHANGED] = "changed",
	[RST_MSG_EXTRA] = "extra",
	[RST_MSG_VERIFIES] = "Verifications",
	[RST_MSG_RESTORES] = "Restores",
	[RST_MSG_IN_PERIOD] = "in the period",
	[RST_MSG_TOTAL] = "total",
	[RST_MSG_LATEST_BACKUPS] = "Latest backups",
	[RST_MSG_BACKUP_TYPE] = "Type",
	[RST_MSG_BT_FULL] = "full",
	[RST_MSG_BT_INCR] = "incremental {1}",
	[RST_MSG_BT_INCR_0] = "incremental",
	[RST_MSG_CHART_SIZE_LEGEND] = "Solid line: size of the backed-up data; "
	    "dashed line: what each backup stored in the repository (an "
	    "incremental stores only what changed).",
	[RST_MSG_NO_FAILURES] = "No failures in the period.",
	[RST_MSG_UNREADABLE] = "This journal could not be read: no facts "
	    "can be shown.",
	[RST_MSG_R_RPO_OK] = "RPO {1} within the target {2} (measured at {3})",
	[RST_MSG_R_RPO_EXCEEDED] = "RPO {1} exceeds the target {2} (measured "
	    "at {3})",
	[RST_MSG_R_NO_BACKUP] = "no successful backup up to {1}",
	[RST_MSG_R_NO_RPO_TARGET] = "no RPO target set (drill.rpo_target)",
	[RST_MSG_R_NO_RTO_TARGET] = "no RTO target set (drill.rto_target)",
	[RST_MSG_R_DRILL_OK] = "drill of {1} passed with RTO {2} within the "
	    "target {3}",
	[RST_MSG_R_NO_DRILL] = "no passing drill in the {1} up to {2}",
	[RST_MSG_R_DRILL_RTO] = "the newest passing drill ({1}) took {2}, "
	    "over the RTO target {3}",
	[RST_MSG_R_JOURNAL_BROKEN] = "the journal does not verify",
	[RST_MSG_R_UNREADABLE] = "the journal could not be read",
	[RST_MSG_R_RPO_NEGATIVE] = "the newest good snapshot {1} is dated "
	    "after {2} (a clock ahead or a forged id): its RPO is never "
	    "within target",
	[RST_MSG_R_UNCHECKED] = "the newest good snapshot {1} has not been "
	    "checked by a verify or a drill since its backup: not proven",
	[RST_MSG_R_LAST_DRILL_FAILED] = "the newest drill ({1}, snapshot {2}) "
	    "failed: not proven until a later drill passes",
	[RST_MSG_X_FUTURE] = "snapshot {1} is dated more than a day after "
	    "this report was made",
	[RST_MSG_X_FOUND_BAD] = "snapshot {1} was found missing or bad by {2} "
	    "at {3}",
	[RST_MSG_HOW_TO_VERIFY] = "How to verify this report",
	[RST_MSG_VERIFY_SIG] = "The report itself, with the public key "
	    "(signing.pub) whose fingerprint is shown above:",
	[RST_MSG_VERIFY_JOURNAL] = "Journal of {1}: its key's fingerprint, "
	    "then every line: seq counts up from 0 without a gap; prev is the "
	    "SHA-256 of the previous line without its newline (for the first "
	    "line, of keys/{1}.pub as it is); the signature covers the line up "
	    "to ,\"sig\":\" followed by }:",
	[RST_MSG_VERIFY_MANIFEST] = "Snapshot {2} of {1}: the manifest's "
	    "signature, its SHA-256 as its backup journaled it, then every "
	    "part and the index against the SHA-256 the manifest lists:",
	[RST_MSG_UNIT_DAY] = "d",
	[RST_MSG_DECIMAL] = ".",
	[RST_MSG_R_REHASHED] = "snapshot {1}: manifest signature and every "
	    "part re-hashed by this report",
	[RST_MSG_R_UNPINNED] = "the key of {1} ({2}) is neither configured "
	    "here nor pinned (--pin): not proven",
	[RST_MSG_F_MISSING] = "snapshot {1}, recorded by the journal, is "
	    "missing from the repository",
	[RST_MSG_F_UNVERIFIED] = "snapshot {1} does not verify: {2}",
	[RST_MSG_F_UNCHECKED] = "the repository of {1} could not be checked: "
	    "{2}",
	[RST_MSG_F_TRUNCATED] = "snapshot {1} is older than the journal's "
	    "first backup and no record names it: the history was truncated",
	[RST_MSG_F_LAGGING] = "snapshot {1} is not in the journal yet (made "
	    "less than a day ago)",
	[RST_MSG_F_BEHIND] = "snapshot {1} is newer than the journal's last "
	    "record: the journal is behind the repository",
	[RST_MSG_F_UNJOURNALED] = "snapshot {1} is committed but no journal "
	    "record names it",
	[RST_MSG_F_KEY_MISMATCH] = "snapshots of {1} are signed by another "
	    "key than the journal's ({2})",
	[RST_MSG_F_KEY_PIN] = "key mismatch: {1}",
	[RST_MSG_F_JOURNAL_MISSING] = "the journal of {1} is missing while "
	    "the repository holds {2} {2|snapshot|snapshots}",
	[RST_MSG_F_REWRITTEN] = "the journal of {1} was rewritten: line {2} "
	    "is not the one an earlier report recorded",
	[RST_MSG_INTEGRITY_FINDINGS] = "Integrity failure: the repository or "
	    "a key does not match what the journals record.",
	[RST_MSG_CANNOT_PROVE] = "A holder of a signing key can rewrite a "
	    "journal that is not anchored outside this host.",
	[RST_MSG_ANCHOR] = "Anchor",
	[RST_MSG_NOT_ANCHORED] = "not anchored",
	[RST_MSG_HEAD] = "Journal head",
	[RST_MSG_INVENTORY] = "Repository",
	[RST_MSG_INVENTORY_LINE] = "{1} {1|snapshot|snapshots} journaled, {2} "
	    "present",
	[RST_MSG_UNJOURNALED] = "not in the journal",
	[RST_MSG_C_CONNECTION_REFUSED] = "connection refused by {1}",
	[RST_MSG_C_HOST_NOT_FOUND] = "server name {1} not found",
	[RST_MSG_C_AUTH_FAILED] = "login refused by {1}: check the credentials",
	[RST_MSG_C_ACCESS_DENIED] = "access denied by {1}: check the "
	    "permissions",
	[RST_MSG_C_HOST_KEY_MISMATCH] = "the SSH host key of {1} is not the "
	    "expected one",
	[RST_MSG_C_TLS_UNTRUSTED] = "the TLS certificate of {1} is not trusted",
	[RST_MSG_C_TIMEOUT] = "no answer from {1} in time",
	[RST_MSG_C_STORAGE_ERROR] = "storage error at {1} (HTTP status {2})",
	[RST_MSG_C_STORAGE_ERROR_0] = "storage error at {1}",
	[RST_MSG_C_NO_SPACE] = "not enough free space",
	[RST_MSG_C_HOOK_FAILED] = "hook “{1}” ended with exit status {2}",
	[RST_MSG_C_HOOK_TIMEOUT] = "hook “{1}” did not finish within {2}",
	[RST_MSG_C_CHECK_FAILED] = "check “{1}” ended with exit status {2}",
	[RST_MSG_C_CHECK_FAILED_0] = "check “{1}” could not run",
	[RST_MSG_C_CHECK_TIMEOUT] = "check “{1}” did not finish within {2}",
	[RST_MSG_C_FILES_DIFFER] = "restored files differ from the signed "
	    "index: {1} missing, {2} changed, {3} extra",
	[RST_MSG_C_RTO_MISSED] = "the restore test took {1}, over the RTO "
	    "target of {2}",
	[RST_MSG_C_RPO_MISSED] = "the newest good backup was {1} old, over the "
	    "RPO target of {2}",
	[RST_MSG_C_RPO_MISSED_0] = "no good backup within the RPO target",
	[RST_MSG_C_INTEGRITY_MISMATCH] = "integrity failure: {1} does not "
	    "match its hash or signature",
	[RST_MSG_C_INTEGRITY_MISMATCH_0] = "integrity failure: an object of "
	    "the repository does not match its hash or signature",
	[RST_MSG_C_NOT_FOUND] = "{1} is missing from the repository",
	[RST_MSG_C_NOT_FOUND_0] = "an object is missing from the repository",
	[RST_MSG_C_NO_SNAPSHOT] = "no committed snapshot to test",
	[RST_MSG_C_NOT_PROVEN] = "not proven restorable",
	[RST_MSG_C_INTERRUPTED] = "interrupted by signal {1}",
	[RST_MSG_C_LOCK_BUSY] = "the profile was locked by {1} (process {2} on "
	    "{3})",
	[RST_MSG_C_LOCK_BUSY_0] = "another process held the profile's lock",
	[RST_MSG_C_CONFIG_ERROR] = "configuration error (operator error, not a "
	    "failed restore)",
	[RST_MSG_C_USAGE_ERROR] = "wrong command line (operator error, not a "
	    "failed restore)",
	[RST_MSG_C_IO_ERROR] = "local read or write error ({1})",
	[RST_MSG_C_IO_ERROR_0] = "local read or write error",
	[RST_MSG_C_INTERNAL_ERROR] = "internal error",
	[RST_MSG_C_EXIT] = "ended with exit status {1}",
	[RST_MSG_EXIT_STATUS] = "exit status {1}",
	[RST_MSG_N_VERIFIED_FILES] = "{1} {1|file|files} verified",
	[RST_MSG_ORIGINAL_TEXT] = "as journaled",
	[RST_MSG_HOWTO_LAYOUT] = "Put this report, its signature {1}.sig and "
	    "the public key that signed it, as signing.pub, in a copy of the "
	    "repository's top folder (the one holding keys/, journal/ and "
	    "snapshots/), and paste each block below into a shell there: each "
	    "prints OK, or stops with an error naming what does not check.",
	[RST_MSG_HOWTO_HEAD] = "Head of {1}: the signed head names the "
	    "journal's line count and its last line; line {2} is the last one "
	    "this report read:",
	[RST_MSG_STATUS] = "Status",
	[RST_MSG_ST_GREEN] = "READY: all {1} data set(s) are proven "
	    "restorable within target, with a local or pinned key, an "
	    "anchored journal and no open exception.",
	[RST_MSG_ST_AMBER] = "PROVEN WITH RESERVATIONS: {1} of {2} data sets "
	    "proven restorable within target. Reservations: {3}.",
	[RST_MSG_ST_RED] = "NOT READY: {1} of {2} data sets not proven "
	    "restorable or with an integrity finding: {3}.",
	[RST_MSG_ST_RED_JOURNALS] = "NOT READY: a journal, the repository or "
	    "a key has an integrity finding (see the integrity banner below).",
	[RST_MSG_W_UNREADABLE] = "its profile or journal cannot be read",
	[RST_MSG_W_JOURNAL] = "its journal does not verify",
	[RST_MSG_W_NO_BACKUP] = "no good backup",
	[RST_MSG_W_RPO] = "newest good backup older than the RPO target",
	[RST_MSG_W_NO_TARGET] = "no RPO or RTO target configured",
	[RST_MSG_W_NO_DRILL] = "no successful restore test in the last {1}",
	[RST_MSG_W_DRILL_FAILED] = "the last restore test failed",
	[RST_MSG_W_RTO] = "the restore test took longer than the RTO target",
	[RST_MSG_W_UNCHECKED] = "the newest backup's content was never "
	    "checked",
	[RST_MSG_W_INTEGRITY] = "integrity finding (exit 4)",
	[RST_MSG_W_SECURITY] = "open security event",
	[RST_MSG_W_KEY] = "its key is neither local nor pinned",
	[RST_MSG_W_NOT_ANCHORED] = "journal not anchored to a trusted "
	    "timestamp",
	[RST_MSG_W_OPEN_EXC] = "open exceptions: {1}",
	[RST_MSG_GLOSSARY] = "Glossary",
	[RST_MSG_G_RPO] = "Recovery point objective: how much data, counted "
	    "in time, may be lost; here the age of the newest good backup.",
	[RST_MSG_G_RTO] = "Recovery time objective: how long a restore may "
	    "take; here measured by each restore test.",
	[RST_MSG_G_DRILL] = "A restore test: a backup is restored into a "
	    "sandbox, every file is compared with its index, and the "
	    "configured checks run.",
	[RST_MSG_G_SNAPSHOT] = "One backup as stored in the repository: a "
	    "signed manifest, an index and the parts of the archive.",
	[RST_MSG_G_JOURNAL] = "The signed, hash-chained log of every backup, "
	    "restore test, verify, prune and report; a changed or removed "
	    "line breaks the chain.",
	[RST_MSG_REPORT_ID] = "Report id",
	[RST_MSG_REPORT_ID_NOTE] = "SHA-256 of this report's JSON document "
	    "(the same facts, restorable report --format json)",
	[RST_MSG_PAGE] = "Page",
	[RST_MSG_HOST] = "Host",
	[RST_MSG_SCOPE_PROFILES] = "Profiles in this report",
	[RST_MSG_SCOPE_LEFT_OUT] = "Configured on this host but left out",
	[RST_MSG_SCOPE_FOUND] = "Journals found in the repository",
	[RST_MSG_SCOPE_NAMED] = "Named for this report",
	[RST_MSG_SCOPE_ALL] = "all",
	[RST_MSG_CONFIGURATION] = "Configuration",
	[RST_MSG_C_SOURCES] = "Sources",
	[RST_MSG_C_EXCLUDES] = "Excludes",
	[RST_MSG_C_HIDDEN] = "not shown: the profile is encrypted and its "
	    "manifest does not reveal them",
	[RST_MSG_C_ENCRYPTION] = "Encryption",
	[RST_MSG_C_ENC_NONE] = "none",
	[RST_MSG_C_ENC_AGE] = "age, {1} recipient(s)",
	[RST_MSG_C_REPOSITORY] = "Repository",
	[RST_MSG_C_OFFSITE] = "Off site",
	[RST_MSG_C_OFFSITE_YES] = "yes (on another host: {1})",
	[RST_MSG_C_OFFSITE_NO] = "no (a folder reachable from this host)",
	[RST_MSG_C_OBJECT_LOCK] = "Object Lock",
	[RST_MSG_C_LOCK_DAYS] = "{1} days, mode {2}",
	[RST_MSG_C_SCHEDULE] = "Schedule",
	[RST_MSG_C_RETENTION] = "Retention rule",
	[RST_MSG_NOT_CONFIGURED] = "not configured",
	[RST_MSG_C_UNKNOWN] = "unknown: the profile is not configured on "
	    "this host",
	[RST_MSG_EVIDENCE_FROM] = "Evidence available from {1}",
	[RST_MSG_NO_EVIDENCE] = "No evidence: the journal has no record",
	[RST_MSG_RPO_PERIOD] = "RPO over the period",
	[RST_MSG_RPO_SHARE] = "Within the RPO target {1} of the time "
	    "measured ({2} of {3}), up to {4}.",
	[RST_MSG_RPO_NO_TARGET] = "No RPO target is configured: the RPO over "
	    "the period is not measured against one.",
	[RST_MSG_RPO_OVER] = "Intervals over the RPO target",
	[RST_MSG_RPO_NONE_OVER] = "No interval over the RPO target.",
	[RST_MSG_START] = "Start",
	[RST_MSG_END] = "End",
	[RST_MSG_LENGTH] = "Length",
	[RST_MSG_STILL_OPEN] = "still open at the end of the period",
	[RST_MSG_MISSED_RUNS] = "Scheduled backups that did not happen",
	[RST_MSG_MISSED_NONE] = "Every scheduled backup happened (schedule: "
	    "every {1}).",
	[RST_MSG_MISSED_NO_SCHEDULE] = "No backup schedule is configured: "
	    "missed runs are not counted.",
	[RST_MSG_DUE] = "Due",
	[RST_MSG_CHART_RPO] = "RPO over the period against its target",
	[RST_MSG_CHART_RPO_TEXT] = "Chart data: RPO highest {1}, target {2}, "
	    "{3} interval(s) over target.",
	[RST_MSG_CHART_RTO_TEXT] = "Chart data: {1} drill(s), {2} within the "
	    "RTO target, highest RTO {3}.",
	[RST_MSG_CHART_SIZE_TEXT] = "Chart data: {1} backup(s) in the period, "
	    "newest size {2}, stored {3}.",
	[RST_MSG_CHART_TIMELINE_TEXT] = "Chart data: {1} backup(s), {2} "
	    "failed; {3} drill(s), {4} failed. A failure is a taller mark "
	    "with a dashed outline.",
	[RST_MSG_EXCEPTIONS] = "Exceptions and follow-up",
	[RST_MSG_EXC_STATUS] = "Status",
	[RST_MSG_EXC_OPEN] = "open",
	[RST_MSG_EXC_CLOSED] = "closed",
	[RST_MSG_EXC_CLOSED_BY] = "Closed by",
	[RST_MSG_EXC_TTR] = "Time to remediation",
	[RST_MSG_EXC_NONE] = "No exception in the period.",
	[RST_MSG_SECURITY_EVENT] = "security event",
	[RST_MSG_SECURITY_NOTE] = "A security event (exit 4: integrity) is "
	    "closed only by a passing verify --deep or restore test of the "
	    "affected snapshot, or by its removal followed by a passing "
	    "restore test of a newer one.",
	[RST_MSG_SEQ] = "Seq",
	[RST_MSG_USER] = "User",
	[RST_MSG_MANIFEST_SHA] = "Manifest SHA-256",
	[RST_MSG_OPERATOR_ERRORS] = "Operator errors",
	[RST_MSG_OPERATOR_NOTE] = "Commands that ended with exit 2 (usage or "
	    "configuration): listed apart, never counted as failed backups, "
	    "restore tests or restores.",
	[RST_MSG_NOT_COMPLETED] = "not completed",
	[RST_MSG_X_RPO] = "RPO over target",
	[RST_MSG_X_MISSED] = "scheduled backup missed",
	[RST_MSG_EXIT] = "exit",
	[RST_MSG_ANCHORED] = "line {1} anchored by a time-stamp authority at {2}",
	[RST_MSG_ANCHOR_CHECK] = "check it with stock OpenSSL",
	[RST_MSG_F_ANCHOR_MISMATCH] = "the time-stamp token {1} matches no line of "
	    "the journal of {2}: the journal was rewritten after it was anchored",
	[RST_MSG_F_ANCHOR_INVALID] = "the time-stamp token {1} of the journal of "
	    "{2} does not verify ({3})",
	[RST_MSG_F_ANCHOR_UNCHECKED] = "the time-stamp token {1} of the journal of "
	    "{2} was not checked: no TSA certificate (timestamp.tsa_ca_file, or "
	    "report --tsa-ca FILE)",
	[RST_MSG_X_CLOCK_BACK] = "line {1} of the journal ({2}) is dated before the "
	    "line above it ({3}): the clock stepped back",
	[RST_MSG_X_DRILL_EARLY] = "the drill of snapshot {1} at {2} is dated before "
	    "the snapshot's start",
	[RST_MSG_F_STALE] = "the journal of {1} was last written at {2}, more than "
	    "twice its shortest schedule ({3}) ago: not proven",
	[RST_MSG_F_ANCHOR_DELETED] = "the locked evidence {1} of the journal of {2} "
	    "was deleted (a delete marker hides it)",
	[RST_MSG_F_LOCKED_MISMATCH] = "the locked head copy {1} does not match the "
	    "journal of {2}: the journal was rewritten after it was locked",
	[RST_MSG_F_LOCKED_INVALID] = "the locked head copy {1} of the journal of "
	    "{2} does not verify ({3})",
};
