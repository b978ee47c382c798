/* SPDX-License-Identifier: ISC */
/*
 * The registry of reason codes: why an operation did not pass, as a
 * snake_case identifier with a fixed argument schema, journaled beside the
 * human sentences as "reason":{"code":…,"args":{…}} and rendered by the
 * report in every language.  A failure records its reason where its cause
 * is known (the libcurl result, errno, the hook, the check, the object
 * that failed its hash); what nobody named is derived from the error code.
 */
#ifndef RESTORABLE_REASON_H
#define RESTORABLE_REASON_H

#include <stdbool.h>
#include <stddef.h>

struct json_t;		/* jansson's json_t, for rst_reason_json() */

/*
 * X(ID, "name", arguments): each argument is a type letter and a name,
 * "s:host" (text), "p:path" (a local path: never journaled for an
 * encrypted profile), "n:exit" (integer), "d:seconds" (seconds, to the
 * millisecond).  Every argument is optional: present when known.
 */
#define RST_REASON_LIST(X) \
	X(CONNECTION_REFUSED, "connection_refused", "s:host") \
	X(HOST_NOT_FOUND, "host_not_found", "s:host") \
	X(AUTH_FAILED, "auth_failed", "s:host") \
	X(ACCESS_DENIED, "access_denied", "s:host") \
	X(HOST_KEY_MISMATCH, "host_key_mismatch", "s:host") \
	X(TLS_UNTRUSTED, "tls_untrusted", "s:host") \
	X(TIMEOUT, "timeout", "s:host") \
	X(STORAGE_ERROR, "storage_error", "s:host n:status") \
	X(NO_SPACE, "no_space", "") \
	X(HOOK_FAILED, "hook_failed", "s:hook n:exit") \
	X(HOOK_TIMEOUT, "hook_timeout", "s:hook d:seconds") \
	X(CHECK_FAILED, "check_failed", "s:check n:exit") \
	X(CHECK_TIMEOUT, "check_timeout", "s:check d:seconds") \
	X(FILES_DIFFER, "files_differ", "n:missing n:changed n:extra") \
	X(RTO_MISSED, "rto_missed", "d:seconds d:target_seconds") \
	X(RPO_MISSED, "rpo_missed", "d:seconds d:target_seconds") \
	X(INTEGRITY_MISMATCH, "integrity_mismatch", "s:object") \
	X(NOT_FOUND, "not_found", "s:object") \
	X(NO_SNAPSHOT, "no_snapshot", "") \
	X(NOT_PROVEN, "not_proven", "") \
	X(INTERRUPTED, "interrupted", "n:signal") \
	X(LOCK_BUSY, "lock_busy", "s:command n:pid s:host") \
	X(CONFIG_ERROR, "config_error", "") \
	X(USAGE_ERROR, "usage_error", "") \
	X(IO_ERROR, "io_error", "s:errno") \
	X(INTERNAL_ERROR, "internal_error", "")

enum rst_reason_code {
	RST_REASON_NONE = 0,
#define RST_REASON_ENUM(id, name, args)	RST_REASON_##id,
	RST_REASON_LIST(RST_REASON_ENUM)
#undef RST_REASON_ENUM
	RST_REASON_COUNT
};

#define RST_REASON_MAXARGS	3
#define RST_REASON_TEXT		160
#define RST_REASON_ARGNAME	32

/*
 * One reason with its arguments, in the order of the code's schema; an
 * argument not known is "" (text) or NaN (number).  Plain data: copied
 * with the struct rst_err that carries it.
 */
struct rst_reason {
	int	code;			/* enum rst_reason_code */
	char	text[RST_REASON_MAXARGS][RST_REASON_TEXT];
	double	num[RST_REASON_MAXARGS];
};

/* The argument types of the schema. */
enum rst_reason_arg {
	RST_RARG_TEXT = 's',
	RST_RARG_PATH = 'p',
	RST_RARG_INT = 'n',
	RST_RARG_SECONDS = 'd',
};

/* "connection_refused" for RST_REASON_CONNECTION_REFUSED; NULL if none. */
const char *rst_reason_name(int code);
/* The code named name; RST_REASON_NONE when unknown. */
int	rst_reason_lookup(const char *name);
/*
 * The schema of code: its number of arguments; the type and name (copied
 * into name, len bytes) of argument i.  False for an unknown code or i out
 * of range.
 */
int	rst_reason_nargs(int code);
bool	rst_reason_arg(int code, int i, enum rst_reason_arg *type,
	    char *name, size_t len);

/* Set r to code with no argument known yet. */
void	rst_reason_init(struct rst_reason *r, int code);
/* Set argument i (by schema position) to a text or a number. */
void	rst_reason_text(struct rst_reason *r, int i, const char *s);
void	rst_reason_num(struct rst_reason *r, int i, double v);

/*
 * The code a bare RST_E* error code stands for when nobody recorded a
 * more precise one (RST_EUSAGE: usage_error, RST_ELOCKED: lock_busy...).
 */
int	rst_reason_for_error(int rst_code);

/*
 * {"code":…,"args":{…}}: arguments in schema order, unknown ones left
 * out; paths left out when no_paths (an encrypted profile's journal).
 * New reference, NULL for RST_REASON_NONE or when out of memory.
 */
struct json_t *rst_reason_json(const struct rst_reason *r, bool no_paths);

/*
 * The one catalogue of cause sentences (src/report/cause.c, the report's
 * C_<CODE> messages), shared by the report and the alerts: reason
 * ({"code","args"}) as a sentence in language lang (an enum rst_lang; a
 * reason without a known code: "ended with exit status EXIT").  malloc'd,
 * NULL when out of memory.
 */
char	*rst_report_cause(int lang, const struct json_t *reason,
	    long long exit);

#endif
