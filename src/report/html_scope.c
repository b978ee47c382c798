/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's scope line (host, profiles in and left out, for a
 * fleet the journals found and named), from the facts document's
 * "scope".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "html.h"

static void
names(struct rst_out *o, const json_t *a, enum rst_msg empty)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0) {
		rst_out_msg(o, empty);
		return;
	}
	json_array_foreach(a, i, v) {
		if (i > 0)
			rst_out_raw(o, ", ");
		rst_out_html(o, json_string_value(v));
	}
}

/* The next item of the scope line; a separator unless it is the first. */
static void
item(struct rst_out *o, enum rst_msg label, int *n)
{
	if ((*n)++ > 0)
		rst_out_raw(o, " &#183; ");
	rst_out_raw(o, "<strong>");
	rst_out_msg(o, label);
	rst_out_raw(o, ":</strong> ");
}

void
rst_html_scope(struct rst_out *o, const json_t *doc)
{
	const json_t *sc = json_object_get(doc, "scope");
	bool named = rst_jhas(sc, "named");
	int n = 0;

	rst_out_raw(o, "<p class=\"meta\" id=\"scope\"><strong>");
	rst_out_msg(o, RST_MSG_SCOPE);
	rst_out_raw(o, ":</strong> ");
	if (rst_jhas(sc, "repository") && !named) {
		rst_html_sentence(o, RST_MSG_SCOPE_FLEET, 1,
		    rst_jstr(sc, "repository"), NULL);
		n++;
	} else if (rst_jhas(sc, "repository")) {
		rst_out_msg(o, RST_MSG_C_REPOSITORY);
		rst_out_raw(o, " ");
		rst_out_html(o, rst_jstr(sc, "repository"));
		n++;
	} else if (!named) {
		rst_out_msg(o, RST_MSG_SCOPE_LOCAL);
		n++;
	}
	item(o, RST_MSG_HOST, &n);
	rst_out_html(o, rst_jstr(sc, "host"));
	item(o, RST_MSG_SCOPE_PROFILES, &n);
	names(o, json_object_get(sc, "profiles"), RST_MSG_NONE);
	if (rst_jhas(sc, "found")) {
		item(o, RST_MSG_SCOPE_FOUND, &n);
		names(o, json_object_get(sc, "found"), RST_MSG_NONE);
		item(o, RST_MSG_SCOPE_NAMED, &n);
		names(o, json_object_get(sc, "named"), RST_MSG_SCOPE_ALL);
	} else {
		item(o, RST_MSG_SCOPE_LEFT_OUT, &n);
		names(o, json_object_get(sc, "left_out"), RST_MSG_NONE);
	}
	rst_out_raw(o, "</p>");
}
