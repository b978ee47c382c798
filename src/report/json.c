/* SPDX-License-Identifier: ISC */
/*
 * The JSON report: the facts document itself (docs/report-schema.json),
 * indented, keys in a fixed order, one final newline.  Also the small
 * accessors the other renderers read that document with.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/text.h"

#include "report.h"

const char *
rst_jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

double
rst_jnum(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

long long
rst_clamp_ll(double v)
{
	if (!(v == v))
		return 0;
	/* 2^63 is exact in a double; LLONG_MAX is not. */
	if (v >= 9223372036854775808.0)
		return LLONG_MAX;
	if (v <= -9223372036854775808.0)
		return LLONG_MIN;
	return (long long)v;
}

long long
rst_jint(const json_t *o, const char *key)
{
	return rst_clamp_ll(rst_jnum(o, key));
}

bool
rst_jbool(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

bool
rst_jhas(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v != NULL && !json_is_null(v);
}

int
rst_report_json(const json_t *model, struct rst_buf *out, struct rst_err *err)
{
	char *s;
	int r;

	s = rst_json_dumps(model, JSON_INDENT(2));
	if (s == NULL)
		return rst_errf(err, RST_ENOMEM, "report: out of memory");
	r = rst_buf_append(out, s, strlen(s)) != 0 ||
	    rst_buf_append(out, "\n", 1) != 0;
	free(s);
	return r ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
