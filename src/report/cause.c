/* SPDX-License-Identifier: ISC */
/*
 * A journal record's reason ("reason":{"code","args"}, reason.h) as a
 * sentence in the report's language: one message per code, its arguments
 * in the schema's order, numbers and durations formatted as everywhere in
 * the report.  A record with no known code is told by its exit status.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "restorable/reason.h"

#include "report.h"

struct cause_msg {
	int		code;
	enum rst_msg	full;	/* every argument known */
	enum rst_msg	bare;	/* some unknown (== full: "?" stands in) */
};

#define FULL(c)	{ RST_REASON_##c, RST_MSG_C_##c, RST_MSG_C_##c }
#define BARE(c)	{ RST_REASON_##c, RST_MSG_C_##c, RST_MSG_C_##c##_0 }

static const struct cause_msg msgs[] = {
	FULL(CONNECTION_REFUSED), FULL(HOST_NOT_FOUND), FULL(AUTH_FAILED),
	FULL(ACCESS_DENIED), FULL(HOST_KEY_MISMATCH), FULL(TLS_UNTRUSTED),
	FULL(TIMEOUT), BARE(STORAGE_ERROR), FULL(NO_SPACE), FULL(HOOK_FAILED),
	FULL(HOOK_TIMEOUT), BARE(CHECK_FAILED), FULL(CHECK_TIMEOUT),
	FULL(FILES_DIFFER), FULL(RTO_MISSED), BARE(RPO_MISSED),
	BARE(INTEGRITY_MISMATCH), BARE(NOT_FOUND), FULL(NO_SNAPSHOT),
	FULL(NOT_PROVEN), FULL(INTERRUPTED), BARE(LOCK_BUSY),
	FULL(CONFIG_ERROR), FULL(USAGE_ERROR), BARE(IO_ERROR),
	FULL(INTERNAL_ERROR),
};

/* Argument i of reason as text; false when it is not there. */
static bool
arg_text(enum rst_lang l, const json_t *args, int code, int i, char *buf,
    size_t len)
{
	enum rst_reason_arg t;
	char name[RST_REASON_ARGNAME];
	const json_t *v;

	if (!rst_reason_arg(code, i, &t, name, sizeof(name)) ||
	    (v = json_object_get(args, name)) == NULL)
		return false;
	if (t == RST_RARG_SECONDS && json_is_number(v))
		rst_fmt_duration(l, json_number_value(v), buf, len);
	else if (t == RST_RARG_INT && json_is_integer(v))
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
	else if ((t == RST_RARG_TEXT || t == RST_RARG_PATH) &&
	    json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else
		return false;
	return true;
}

char *
rst_report_cause(int lang, const json_t *reason, long long exit)
{
	enum rst_lang l = (enum rst_lang)lang;
	char a[RST_REASON_MAXARGS][RST_REASON_TEXT], num[32];
	int code = rst_reason_lookup(rst_jstr(reason, "code"));
	const json_t *args = json_object_get(reason, "args");
	bool all = true;
	size_t k;
	int i;

	for (k = 0; k < sizeof(msgs) / sizeof(msgs[0]); k++)
		if (msgs[k].code == code)
			break;
	if (k == sizeof(msgs) / sizeof(msgs[0])) {
		snprintf(num, sizeof(num), "%lld", exit);
		return rst_msgf(l, RST_MSG_C_EXIT, 1, num);
	}
	for (i = 0; i < RST_REASON_MAXARGS; i++)
		if (!arg_text(l, args, code, i, a[i], sizeof(a[i]))) {
			snprintf(a[i], sizeof(a[i]), "?");
			all = all && i >= rst_reason_nargs(code);
		}
	return rst_msgf(l, all ? msgs[k].full : msgs[k].bare, 3, a[0], a[1],
	    a[2]);
}
