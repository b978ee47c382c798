/* SPDX-License-Identifier: ISC */
/*
 * The reason-code registry (reason.h): names and argument schemas from
 * RST_REASON_LIST, the fallback from an error code, and the JSON form the
 * journal and --json carry.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "restorable/err.h"
#include "restorable/reason.h"
#include "restorable/text.h"

struct reason_def {
	const char	*name;
	const char	*schema;	/* "s:host n:status" */
};

static const struct reason_def defs[RST_REASON_COUNT] = {
	[RST_REASON_NONE] = { NULL, "" },
#define RST_REASON_DEF(id, name, args) \
	[RST_REASON_##id] = { name, args },
	RST_REASON_LIST(RST_REASON_DEF)
#undef RST_REASON_DEF
};

static bool
valid(int code)
{
	return code > RST_REASON_NONE && code < RST_REASON_COUNT;
}

const char *
rst_reason_name(int code)
{
	return valid(code) ? defs[code].name : NULL;
}

int
rst_reason_lookup(const char *name)
{
	int i;

	for (i = 1; name != NULL && i < RST_REASON_COUNT; i++)
		if (strcmp(defs[i].name, name) == 0)
			return i;
	return RST_REASON_NONE;
}

int
rst_reason_nargs(int code)
{
	const char *s;
	int n = 0;

	if (!valid(code))
		return 0;
	for (s = defs[code].schema; *s != '\0'; s++)
		if (*s == ':')
			n++;
	return n;
}

bool
rst_reason_arg(int code, int i, enum rst_reason_arg *type, char *name,
    size_t len)
{
	const char *s, *e;
	int k;

	if (!valid(code) || i < 0 || i >= rst_reason_nargs(code))
		return false;
	s = defs[code].schema;
	for (k = 0; k < i; k++)
		s = strchr(s, ' ') + 1;
	*type = (enum rst_reason_arg)s[0];
	if ((e = strchr(s, ' ')) == NULL)
		e = s + strlen(s);
	snprintf(name, len, "%.*s", (int)(e - s - 2), s + 2);
	return true;
}

void
rst_reason_init(struct rst_reason *r, int code)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->code = valid(code) ? code : RST_REASON_NONE;
	for (i = 0; i < RST_REASON_MAXARGS; i++)
		r->num[i] = NAN;
}

void
rst_reason_text(struct rst_reason *r, int i, const char *s)
{
	if (i >= 0 && i < RST_REASON_MAXARGS && s != NULL)
		snprintf(r->text[i], sizeof(r->text[i]), "%s", s);
}

void
rst_reason_num(struct rst_reason *r, int i, double v)
{
	if (i >= 0 && i < RST_REASON_MAXARGS)
		r->num[i] = v;
}

int
rst_reason_for_error(int rst_code)
{
	switch (rst_code) {
	case RST_OK:
		return RST_REASON_NONE;
	case RST_EUSAGE:
		return RST_REASON_USAGE_ERROR;
	case RST_ECONFIG:
		return RST_REASON_CONFIG_ERROR;
	case RST_ESTORAGE:
		return RST_REASON_STORAGE_ERROR;
	case RST_EINTEGRITY:
		return RST_REASON_INTEGRITY_MISMATCH;
	case RST_ENOTFOUND:
		return RST_REASON_NOT_FOUND;
	case RST_ELOCKED:
		return RST_REASON_LOCK_BUSY;
	case RST_EIO:
		return RST_REASON_IO_ERROR;
	case RST_ECHECK:
		return RST_REASON_NOT_PROVEN;
	default:
		return RST_REASON_INTERNAL_ERROR;
	}
}

static json_t *
arg_value(const struct rst_reason *r, int i, enum rst_reason_arg type)
{
	double v = r->num[i];

	switch (type) {
	case RST_RARG_TEXT:
	case RST_RARG_PATH:
		return r->text[i][0] != '\0' ? rst_json_text(r->text[i]) : NULL;
	case RST_RARG_INT:
		return isfinite(v) ? json_integer((json_int_t)v) : NULL;
	case RST_RARG_SECONDS:
		return isfinite(v) ? json_real(round(v * 1000) / 1000) : NULL;
	}
	return NULL;
}

json_t *
rst_reason_json(const struct rst_reason *r, bool no_paths)
{
	enum rst_reason_arg type;
	char name[RST_REASON_ARGNAME];
	json_t *o, *args, *v;
	int i, bad = 0;

	if (!valid(r->code))
		return NULL;
	o = json_pack("{s:s, s:{}}", "code", defs[r->code].name, "args");
	args = json_object_get(o, "args");
	for (i = 0; o != NULL && rst_reason_arg(r->code, i, &type, name,
	    sizeof(name));
	    i++) {
		if (type == RST_RARG_PATH && no_paths)
			continue;
		if ((v = arg_value(r, i, type)) != NULL)
			bad |= json_object_set_new(args, name, v);
	}
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
