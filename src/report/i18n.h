/* SPDX-License-Identifier: ISC */
/*
 * The report's message catalog: every label a report shows, one array per
 * language (i18n_en.c, i18n_fr.c, i18n_nl.c, i18n_sv.c, i18n_de.c)
 * indexed by enum rst_msg.  Messages take positional arguments {1}..{9},
 * so a translation may reorder them, and {N|one|other} picks a plural
 * form by the number in argument N.  C_<CODE> tells a journal reason code
 * (reason.h) with its arguments in schema order; C_<CODE>_0 is used when
 * one of them is not known.  Dates stay ISO 8601 in every
 * language; numbers use the language's decimal separator.
 */
#ifndef RESTORABLE_REPORT_I18N_H
#define RESTORABLE_REPORT_I18N_H

#include <stddef.h>

#include "restorable/err.h"
#include "restorable/lang.h"


/* Every message key; the catalog of each language has all of them. */
#define RST_MSG_LIST(X) \
	X(TITLE) X(PERIOD) X(GENERATED) X(SCOPE) X(SCOPE_LOCAL) \
	X(SCOPE_FLEET) X(TOOL) X(SIGNED_BY) X(UNSIGNED) \
	X(INTEGRITY) X(INTEGRITY_OK) X(INTEGRITY_BROKEN) X(INTEGRITY_PARTIAL) \
	X(FIRST_BAD_LINE) \
	X(RECORDS) X(REPO_COPY) X(REPO_EQUAL) X(REPO_BEHIND) \
	X(REPO_DIFFERS) X(REPO_MISSING) X(REPO_UNCHECKED) X(VERIFIED) \
	X(NOT_VERIFIED) X(DETAILS) \
	X(SUMMARY) X(SUMMARY_COUNT) X(PROFILE) X(VERDICT) X(VERDICT_YES) \
	X(VERDICT_NO) X(YES) X(NO) X(RPO) X(RTO) X(TARGET) X(LAST_DRILL) \
	X(BACKUPS) X(FAILED) X(NONE) X(JOURNAL) \
	X(CONTROLS) X(CONTROL) X(REQUIREMENT) X(EVIDENCE) \
	X(CTL_A813) X(CTL_A530) X(CTL_NIS2) X(CTL_PRDS11) X(CTL_RCRP03) \
	X(EV_A813) X(EV_A530) X(EV_NIS2) X(EV_PRDS11) X(EV_RCRP03) \
	X(NEWEST_BACKUP) X(AGE) X(SNAPSHOT) X(DATE) X(RESULT) X(PASS) \
	X(FAIL) X(ERROR) X(NUMBER) X(FAILURES) X(SIZE) X(STORED) X(FILES) \
	X(DURATION) X(DRILLS) X(CHECKS) X(REASONS) X(KIND) \
	X(KIND_BACKUP) X(KIND_DRILL) X(KIND_VERIFY) X(KIND_PRUNE) \
	X(KIND_RESTORE) X(KIND_REPORT) X(KIND_NOTIFY) X(KIND_ABORT) \
	X(RETENTION) X(KEPT) X(PRUNED) X(LAST_PRUNE) X(NO_PRUNE) \
	X(KEY_FPR) X(TARGETS) X(DRILL_EVERY) X(NOT_SET) \
	X(TARGETS_FROM_JOURNAL) X(CHART_RTO) X(CHART_SIZE) \
	X(CHART_TIMELINE) X(NO_DATA) X(OUTPUT) X(VERIFIED_FILES) \
	X(MISSING) X(CHANGED) X(EXTRA) X(VERIFIES) X(RESTORES) \
	X(IN_PERIOD) X(TOTAL) X(LATEST_BACKUPS) X(NO_FAILURES) \
	X(BACKUP_TYPE) X(BT_FULL) X(BT_INCR) X(BT_INCR_0) X(CHART_SIZE_LEGEND) \
	X(UNREADABLE) \
	X(R_RPO_OK) X(R_RPO_EXCEEDED) X(R_NO_BACKUP) X(R_NO_RPO_TARGET) \
	X(R_NO_RTO_TARGET) X(R_DRILL_OK) X(R_NO_DRILL) X(R_DRILL_RTO) \
	X(R_JOURNAL_BROKEN) X(R_UNREADABLE) \
	X(R_RPO_NEGATIVE) X(R_UNCHECKED) X(R_LAST_DRILL_FAILED) X(X_FUTURE) X(X_FOUND_BAD) \
	X(R_REHASHED) X(R_UNPINNED) X(F_MISSING) X(F_UNVERIFIED) X(F_UNCHECKED) \
	X(F_TRUNCATED) X(F_LAGGING) X(F_BEHIND) X(F_UNJOURNALED) X(F_KEY_MISMATCH) \
	X(F_KEY_PIN) X(F_JOURNAL_MISSING) X(F_REWRITTEN) X(INTEGRITY_FINDINGS) \
	X(CANNOT_PROVE) X(ANCHOR) X(NOT_ANCHORED) X(HEAD) X(INVENTORY) \
	X(INVENTORY_LINE) X(UNJOURNALED) \
	X(STATUS) X(ST_GREEN) X(ST_AMBER) X(ST_RED) X(ST_RED_JOURNALS) \
	X(W_UNREADABLE) X(W_JOURNAL) X(W_NO_BACKUP) X(W_RPO) X(W_NO_TARGET) \
	X(W_NO_DRILL) X(W_DRILL_FAILED) X(W_RTO) X(W_UNCHECKED) X(W_INTEGRITY) \
	X(W_SECURITY) X(W_KEY) X(W_NOT_ANCHORED) X(W_OPEN_EXC) X(GLOSSARY) \
	X(G_RPO) X(G_RTO) X(G_DRILL) X(G_SNAPSHOT) X(G_JOURNAL) X(REPORT_ID) \
	X(REPORT_ID_NOTE) X(PAGE) X(HOST) X(SCOPE_PROFILES) X(SCOPE_LEFT_OUT) \
	X(SCOPE_FOUND) X(SCOPE_NAMED) X(SCOPE_ALL) X(CONFIGURATION) \
	X(C_SOURCES) X(C_EXCLUDES) X(C_HIDDEN) X(C_ENCRYPTION) X(C_ENC_NONE) \
	X(C_ENC_AGE) X(C_REPOSITORY) X(C_OFFSITE) X(C_OFFSITE_YES) \
	X(C_OFFSITE_NO) X(C_OBJECT_LOCK) X(C_LOCK_DAYS) X(C_SCHEDULE) \
	X(C_RETENTION) X(NOT_CONFIGURED) X(C_UNKNOWN) X(EVIDENCE_FROM) \
	X(NO_EVIDENCE) X(RPO_PERIOD) X(RPO_SHARE) X(RPO_NO_TARGET) X(RPO_OVER) \
	X(RPO_NONE_OVER) X(START) X(END) X(LENGTH) X(STILL_OPEN) \
	X(MISSED_RUNS) X(MISSED_NONE) X(MISSED_NO_SCHEDULE) X(DUE) \
	X(CHART_RPO) X(CHART_RPO_TEXT) \
	X(CHART_RTO_TEXT) X(CHART_SIZE_TEXT) X(CHART_TIMELINE_TEXT) \
	X(EXCEPTIONS) X(EXC_STATUS) X(EXC_OPEN) \
	X(EXC_CLOSED) X(EXC_CLOSED_BY) X(EXC_TTR) X(EXC_NONE) \
	X(SECURITY_EVENT) X(SECURITY_NOTE) X(SEQ) X(USER) X(MANIFEST_SHA) \
	X(OPERATOR_ERRORS) X(OPERATOR_NOTE) X(NOT_COMPLETED) X(X_RPO) \
	X(X_MISSED) X(EXIT) \
	X(HOW_TO_VERIFY) X(VERIFY_SIG) X(VERIFY_JOURNAL) X(VERIFY_MANIFEST) \
	X(UNIT_DAY) X(DECIMAL) \
	X(ANCHORED) X(ANCHOR_CHECK) X(F_ANCHOR_MISMATCH) X(F_ANCHOR_INVALID) \
	X(F_ANCHOR_UNCHECKED) X(X_CLOCK_BACK) X(X_DRILL_EARLY) X(F_STALE) \
	X(F_ANCHOR_DELETED) X(F_LOCKED_MISMATCH) X(F_LOCKED_INVALID) \
	X(C_CONNECTION_REFUSED) X(C_HOST_NOT_FOUND) X(C_AUTH_FAILED) \
	X(C_ACCESS_DENIED) X(C_HOST_KEY_MISMATCH) X(C_TLS_UNTRUSTED) \
	X(C_TIMEOUT) X(C_STORAGE_ERROR) X(C_STORAGE_ERROR_0) X(C_NO_SPACE) \
	X(C_HOOK_FAILED) X(C_HOOK_TIMEOUT) X(C_CHECK_FAILED) \
	X(C_CHECK_FAILED_0) X(C_CHECK_TIMEOUT) X(C_FILES_DIFFER) \
	X(C_RTO_MISSED) X(C_RPO_MISSED) X(C_RPO_MISSED_0) \
	X(C_INTEGRITY_MISMATCH) X(C_INTEGRITY_MISMATCH_0) X(C_NOT_FOUND) \
	X(C_NOT_FOUND_0) X(C_NO_SNAPSHOT) X(C_NOT_PROVEN) X(C_INTERRUPTED) \
	X(C_LOCK_BUSY) X(C_LOCK_BUSY_0) X(C_CONFIG_ERROR) X(C_USAGE_ERROR) \
	X(C_IO_ERROR) X(C_IO_ERROR_0) X(C_INTERNAL_ERROR) X(C_EXIT) \
	X(EXIT_STATUS) X(N_VERIFIED_FILES) X(ORIGINAL_TEXT) X(HOWTO_LAYOUT) \
	X(HOWTO_HEAD) X(VERIFY_PARTS) X(HOWTO_BUNDLE) X(HOWTO_TOKEN) \
	X(C_NOT_RECORDED) X(C_FROM_MANIFEST) X(C_NO_MANIFEST) X(C_ENC_AGE_FPR) \
	X(C_COMPRESSION) X(C_COMPRESSION_LEVEL) X(C_PART_SIZE) X(C_LOCK_SEEN)

enum rst_msg {
#define RST_MSG_ENUM(k)	RST_MSG_##k,
	RST_MSG_LIST(RST_MSG_ENUM)
#undef RST_MSG_ENUM
	RST_MSG_COUNT
};

/* One catalogue per language of RST_LANG_LIST: src/report/i18n_<code>.c. */
#define RST_I18N_DECLARE(id, code, en, own, iso) \
	extern const char *const rst_i18n_##code[RST_MSG_COUNT];
RST_LANG_LIST(RST_I18N_DECLARE)
#undef RST_I18N_DECLARE

/*
 * RST_EINTERNAL naming the first key some language lacks: run before
 * every report, so a missing label can never ship silently.
 */
int	rst_i18n_check(struct rst_err *) RST_MUST_CHECK;

const char *rst_msg(enum rst_lang, enum rst_msg);
/* The label of a journal record kind; -1 for a kind without one. */
int	rst_msg_kind(const char *kind, enum rst_msg *) RST_MUST_CHECK;
/* The label of a record's result: pass, fail, anything else error. */
enum rst_msg rst_msg_result(const char *result);
/*
 * The message with {1}..{nargs} replaced by the const char * arguments
 * (rst_lang_format); malloc'd, NULL when out of memory.  l is evaluated
 * twice.
 */
#define rst_msgf(l, m, ...)	rst_lang_format((l), rst_msg((l), (m)), \
	__VA_ARGS__)

/*
 * "850 ms", "12.5 s", "5 min 12 s", "26 h 5 min" (below 72 h), "3 d 4 h"
 * (localised).
 */
void	rst_fmt_duration(enum rst_lang, double seconds, char *, size_t);
/* A number with the language's decimal separator. */
void	rst_fmt_number(enum rst_lang, double, int decimals, char *, size_t);
/* "1.5 MiB" with the language's decimal separator. */
void	rst_fmt_size(enum rst_lang, double bytes, char *, size_t);

#endif
