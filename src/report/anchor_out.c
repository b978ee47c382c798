/* SPDX-License-Identifier: ISC */
/*
 * The anchors in a report: each anchor problem becomes a finding of its
 * profile (integrity ones join the banner and fail the verdict, as a
 * rewritten history does), and each journal shows its newest anchored
 * line, the TSA's time and the stock OpenSSL command that checks it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/repo.h"

#include "anchor.h"
#include "sections.h"

static void
add_finding(json_t *p, json_t *integ, const char *name, const json_t *pb,
    enum rst_lang lang, int *worst)
{
	const char *code = rst_jstr(pb, "code"), *file = rst_jstr(pb, "file");
	bool integrity = strcmp(code, "anchor_unchecked") != 0;
	json_t *v = json_object_get(p, "verdict");
	bool head = rst_repo_has_ext(file, RST_REPO_HEAD_EXT);
	char *t;

	if (strcmp(code, "anchor_deleted") == 0)
		t = rst_msgf(lang, RST_MSG_F_ANCHOR_DELETED, 2, file, name);
	else if (head && strcmp(code, "anchor_mismatch") == 0)
		t = rst_msgf(lang, RST_MSG_F_LOCKED_MISMATCH, 2, file, name);
	else if (head)
		t = rst_msgf(lang, RST_MSG_F_LOCKED_INVALID, 3, file, name,
		    rst_jstr(pb, "detail") ? rst_jstr(pb, "detail") : "?");
	else if (strcmp(code, "anchor_mismatch") == 0)
		t = rst_msgf(lang, RST_MSG_F_ANCHOR_MISMATCH, 2, file, name);
	else if (strcmp(code, "anchor_invalid") == 0)
		t = rst_msgf(lang, RST_MSG_F_ANCHOR_INVALID, 3, file, name,
		    rst_jstr(pb, "detail") ? rst_jstr(pb, "detail") : "?");
	else
		t = rst_msgf(lang, RST_MSG_F_ANCHOR_UNCHECKED, 2, file, name);
	json_array_append_new(json_object_get(p, "findings"), json_pack(
	    "{s:s, s:b, s:s?, s:s}", "code", code, "integrity", integrity,
	    "text", t, "file", file));
	if (integrity) {
		json_array_append_new(json_object_get(integ, "problems"),
		    json_pack("{s:s, s:b, s:b, s:n, s:n, s:s?}", "profile",
		    name, "verified", rst_jbool(json_object_get(p, "journal"),
		    "verified"), "integrity_failure", 1, "first_bad_line",
		    "first_bad_text", "problem", t));
		json_array_append_new(json_object_get(v, "reasons"), json_pack(
		    "{s:s, s:b, s:s?}", "code", code, "ok", 0, "text", t));
		json_object_set_new(v, "restorable", json_false());
		*worst = rst_exit_worst(*worst, RST_EXIT_INTEGRITY);
	}
	free(t);
}

void
rst_report_anchor_findings(const struct rst_report_set *set, json_t *doc,
    enum rst_lang lang, int *worst)
{
	json_t *profiles = json_object_get(doc, "profiles"), *p, *f;
	json_t *integ = json_object_get(doc, "integrity");
	const json_t *pb;
	size_t i, k, nf = 0, ok = 0;

	for (i = 0; i < set->n; i++) {
		p = json_array_get(profiles, i);
		if (json_object_get(p, "findings") == NULL)
			json_object_set_new(p, "findings", json_array());
		json_array_foreach(json_object_get(set->v[i].anchor,
		    "problems"), k, pb)
			add_finding(p, integ, set->v[i].name, pb, lang, worst);
	}
	json_array_foreach(profiles, i, p) {
		json_array_foreach(json_object_get(p, "findings"), k, f)
			nf += rst_jbool(f, "integrity");
		ok += rst_jbool(json_object_get(p, "verdict"), "restorable");
	}
	json_object_set_new(integ, "findings", json_integer((json_int_t)nf));
	if (json_array_size(json_object_get(integ, "problems")) > 0)
		json_object_set_new(integ, "verified", json_false());
	json_object_set_new(json_object_get(doc, "summary"), "restorable",
	    json_integer((json_int_t)ok));
}

/* The newest anchor of p's journal, or NULL. */
static const json_t *
newest(const json_t *p)
{
	const json_t *a = json_object_get(json_object_get(p, "journal"),
	    "anchor");

	return rst_jbool(a, "anchored") ? json_object_get(a, "newest") : NULL;
}

void
rst_sect_anchor(struct rst_out *o, const json_t *p)
{
	const json_t *n = newest(p);
	char line[32];

	rst_sect_label(o, RST_MSG_ANCHOR);
	rst_out_raw(o, ": ");
	if (n == NULL) {
		rst_sect_label(o, RST_MSG_NOT_ANCHORED);
		return;
	}
	snprintf(line, sizeof(line), "%lld", rst_jint(n, "line"));
	rst_sect_sentence(o, RST_MSG_ANCHORED, 2, line, rst_jstr(n,
	    "gen_time"));
	rst_out_raw(o, RST_MKS(o, BR));
	rst_sect_label(o, RST_MSG_ANCHOR_CHECK);
	rst_out_raw(o, ": ");
	rst_sect_wrap(o, RST_W_CMD, rst_jstr(n, "command"));
}
