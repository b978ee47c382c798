/* SPDX-License-Identifier: ISC */
/*
 * The report's document, once for every format (see sections.h): the
 * status box, the integrity banner, the header, the summary, the
 * glossary, the control mapping, each profile (its verdict, facts,
 * configuration, RPO over the period, drills, backups, exceptions,
 * retention) and how to check the report.  A format's renderer writes
 * only what surrounds the document (an HTML page's head).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "sections.h"

static void
h2(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, RST_MKS(o, H2));
	rst_sect_label(o, m);
	rst_out_raw(o, RST_MKS(o, H2_END));
}

/* The levels of the status box, red unless the document says otherwise. */
static void
status(struct rst_out *o, const json_t *doc)
{
	static const char *const levels[] = { "green", "amber" };
	const json_t *st = json_object_get(doc, "status");
	const char *lv = rst_jstr(st, "level"), *is = "red";
	size_t i;

	for (i = 0; lv != NULL && i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(lv, levels[i]) == 0)
			is = levels[i];
	o->mk->status(o, is);
	o->mk->text(o, rst_jstr(st, "text"));
	rst_out_raw(o, RST_MKS(o, STATUS_END));
}

static void
integrity(struct rst_out *o, const json_t *doc)
{
	const json_t *in = json_object_get(doc, "integrity");
	long long all = rst_jint(in, "journals");
	bool broken = rst_jnum(in, "broken") > 0;
	bool found = rst_jnum(in, "findings") > 0;
	bool ok = rst_jbool(in, "verified");
	char n[32], good[32];

	snprintf(n, sizeof(n), "%lld", all);
	snprintf(good, sizeof(good), "%lld", all -
	    (long long)json_array_size(json_object_get(in, "problems")));
	RST_MK(o, part, RST_PART_INTEGRITY, NULL);
	o->mk->banner(o, ok ? "ok" : broken || found ? "bad" : "warn",
	    RST_MSG_INTEGRITY);
	if (ok)
		rst_sect_sentence(o, RST_MSG_INTEGRITY_OK, 1, n, NULL);
	else if (broken)
		rst_sect_label(o, RST_MSG_INTEGRITY_BROKEN);
	else if (found)
		rst_sect_label(o, RST_MSG_INTEGRITY_FINDINGS);
	else
		rst_sect_sentence(o, RST_MSG_INTEGRITY_PARTIAL, 2, good, n);
	rst_out_raw(o, RST_MKS(o, BANNER_TEXT_END));
	if (!ok)
		rst_sect_problems(o, in);
	RST_MK(o, para, NULL);
	rst_sect_label(o, RST_MSG_CANNOT_PROVE);
	rst_out_raw(o, RST_MKS(o, PARA_END));
	rst_out_raw(o, RST_MKS(o, BANNER_END));
	rst_out_raw(o, RST_MKS(o, PART_END_INTEGRITY));
}

static void
summary(struct rst_out *o, const json_t *doc)
{
	const json_t *s = json_object_get(doc, "summary");
	char a[32], b[32];

	snprintf(a, sizeof(a), "%lld", rst_jint(s, "restorable"));
	snprintf(b, sizeof(b), "%lld", rst_jint(s, "profiles"));
	RST_MK(o, para, NULL);
	rst_sect_sentence(o, RST_MSG_SUMMARY_COUNT, 2, a, b);
	rst_out_raw(o, RST_MKS(o, PARA_END));
	rst_sect_summary(o, doc);
}

static void
glossary(struct rst_out *o, const json_t *doc)
{
	const json_t *g;
	size_t i;

	rst_out_raw(o, RST_MKS(o, TERMS));
	json_array_foreach(json_object_get(doc, "glossary"), i, g) {
		rst_sect_wrap(o, RST_W_TERM, rst_jstr(g, "term"));
		o->mk->text(o, rst_jstr(g, "text"));
		rst_out_raw(o, RST_MKS(o, TERM_END));
	}
	rst_out_raw(o, RST_MKS(o, TERMS_END));
}

/* Each reason of the verdict, then what was found bad, whatever it says. */
static void
verdict(struct rst_out *o, const json_t *p)
{
	const json_t *v = json_object_get(p, "verdict"), *r;
	bool yes = rst_jbool(v, "restorable");
	size_t i;

	o->mk->verdict(o, yes);
	rst_sect_label(o, RST_MSG_VERDICT);
	rst_out_raw(o, ": ");
	rst_sect_label(o, yes ? RST_MSG_VERDICT_YES : RST_MSG_VERDICT_NO);
	rst_out_raw(o, RST_MKS(o, ASIDE));
	rst_sect_label(o, yes ? RST_MSG_YES : RST_MSG_NO);
	rst_out_raw(o, RST_MKS(o, VERDICT_MID));
	json_array_foreach(json_object_get(v, "reasons"), i, r)
		o->mk->point(o, rst_jbool(r, "ok") ? RST_POINT_OK :
		    RST_POINT_BAD, rst_jstr(r, "text"));
	json_array_foreach(json_object_get(p, "found_bad"), i, r)
		o->mk->point(o, RST_POINT_WARN, rst_jstr(r, "text"));
	json_array_foreach(json_object_get(p, "exceptions"), i, r)
		o->mk->point(o, RST_POINT_WARN, rst_jstr(r, "text"));
	json_array_foreach(json_object_get(p, "findings"), i, r)
		o->mk->point(o, rst_jbool(r, "integrity") ? RST_POINT_BAD :
		    RST_POINT_WARN, rst_jstr(r, "text"));
	rst_out_raw(o, RST_MKS(o, VERDICT_END));
}

static void
rpo(struct rst_out *o, const json_t *p)
{
	const json_t *rp = json_object_get(p, "rpo_period");

	if (!json_is_object(rp))
		return;
	rst_out_raw(o, RST_MKS(o, KEEP));
	rst_sect_heading(o, RST_MSG_RPO_PERIOD);
	rst_sect_rpo_share(o, rp);
	rst_out_raw(o, RST_MKS(o, KEEP_END));
	RST_MK(o, figure, RST_MSG_CHART_RPO, p);
	rst_sect_rpo_text(o, rp);
	rst_out_raw(o, RST_MKS(o, FIGURE_END));
	rst_sect_rpo_over(o, rp);
	rst_sect_missed(o, rp);
	rst_out_raw(o, RST_MKS(o, BLOCK_END));
}

static void
profile(struct rst_out *o, const json_t *doc, const json_t *p)
{
	RST_MK(o, part, RST_PART_PROFILE, rst_jstr(p, "name"));
	rst_out_raw(o, RST_MKS(o, H2));
	rst_sect_label(o, RST_MSG_PROFILE);
	rst_out_raw(o, ": ");
	o->mk->text(o, rst_jstr(p, "name"));
	rst_out_raw(o, RST_MKS(o, H2_END));
	verdict(o, p);
	if (rst_jbool(p, "unreadable")) {
		RST_MK(o, para, NULL);
		rst_sect_label(o, RST_MSG_UNREADABLE);
		rst_out_raw(o, RST_MKS(o, PARA_END));
		RST_MK(o, para, "problem");
		rst_sect_wrap(o, RST_W_CODE, rst_jstr(json_object_get(p,
		    "journal"), "problem"));
		rst_out_raw(o, RST_MKS(o, PARA_END));
	} else {
		rst_sect_facts(o, p);
		RST_MK(o, lead, RST_MSG_CONFIGURATION);
		rst_sect_evidence(o, p);
		rst_sect_config(o, p);
		rpo(o, p);
		RST_MK(o, charts, doc, p);
		rst_sect_drills(o, p);
		rst_sect_backups(o, p);
		rst_sect_exceptions(o, p);
		rst_sect_retention(o, p);
	}
	rst_out_raw(o, RST_MKS(o, PART_END_PROFILE));
}

static void
para(struct rst_out *o, const char *text)
{
	RST_MK(o, para, NULL);
	o->mk->text(o, text);
	rst_out_raw(o, RST_MKS(o, PARA_END));
}

static void
footer(struct rst_out *o, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "how_to_check"), *s;
	size_t i;

	para(o, rst_jstr(h, "layout"));
	json_array_foreach(json_object_get(h, "steps"), i, s) {
		para(o, rst_jstr(s, "text"));
		rst_sect_wrap(o, RST_W_SCRIPT, rst_jstr(s, "commands"));
	}
}

/* A part under its heading: body writes what it holds. */
static void
part(struct rst_out *o, enum rst_part pt, enum rst_msg heading,
    void (*body)(struct rst_out *, const json_t *), const json_t *doc)
{
	RST_MK(o, part, pt, NULL);
	h2(o, heading);
	body(o, doc);
	rst_out_raw(o, rst_markup[RST_MK_PART_END_INTEGRITY + pt][o->mk->col]);
}

void
rst_sect_document(struct rst_out *o, const json_t *doc,
    const struct rst_report_meta *m)
{
	const json_t *p;
	size_t i;

	status(o, doc);
	integrity(o, doc);
	rst_sect_header(o, doc, m);
	part(o, RST_PART_SUMMARY, RST_MSG_SUMMARY, summary, doc);
	part(o, RST_PART_GLOSSARY, RST_MSG_GLOSSARY, glossary, doc);
	part(o, RST_PART_CONTROLS, RST_MSG_CONTROLS, rst_sect_controls, doc);
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		profile(o, doc, p);
	if (json_is_object(json_object_get(doc, "how_to_check")))
		part(o, RST_PART_FOOTER, RST_MSG_HOW_TO_VERIFY, footer, doc);
}
