/* SPDX-License-Identifier: ISC */
/*
 * The one JSON writer for output: reals rounded to the millisecond and
 * printed with 15 significant digits, which for a value rounded to 0.001
 * (below 10^12) is its shortest decimal form.  jansson's default of 17
 * digits would print 0.004 as 0.0040000000000000001.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "restorable/text.h"

static void
round_reals(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_REAL:
		/* Beyond 2^52 a double has no fraction left to round. */
		if (fabs(json_real_value(v)) < 4503599627370496.0)
			json_real_set(v, round(json_real_value(v) * 1000) /
			    1000);
		break;
	case JSON_OBJECT:
		json_object_foreach(v, k, x)
			round_reals(x);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x)
			round_reals(x);
		break;
	default:
		break;
	}
}

static json_t *
rounded(const json_t *v)
{
	json_t *copy = json_deep_copy(v);

	if (copy != NULL)
		round_reals(copy);
	return copy;
}

char *
rst_json_dumps(const json_t *v, size_t flags)
{
	json_t *copy = rounded(v);
	char *s;

	if (copy == NULL)
		return NULL;
	s = json_dumps(copy, flags | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	json_decref(copy);
	return s;
}

int
rst_json_dumpf(const json_t *v, FILE *f, size_t flags)
{
	json_t *copy = rounded(v);
	int r;

	if (copy == NULL)
		return -1;
	r = json_dumpf(copy, f, flags | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	json_decref(copy);
	return r;
}
