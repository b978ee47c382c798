/* SPDX-License-Identifier: ISC */
/*
 * The per-profile facts and the configuration block, once for every
 * format (see sections.h): each line is a label and its value, written
 * through the format's markup.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sections.h"
#include "anchor.h"

void
rst_sect_label(struct rst_out *o, enum rst_msg m)
{
	o->mk->text(o, rst_msg(o->lang, m));
}

void
rst_sect_wrap(struct rst_out *o, enum rst_wrap w, const char *s)
{
	const struct rst_mk_wrap *k = &rst_markup_wrap[w][o->mk->col];

	rst_out_raw(o, k->open);
	if (k->verbatim == NULL)
		o->mk->text(o, s);
	else
		rst_out_raw(o, s != NULL && strpbrk(s, k->verbatim) == NULL ?
		    s : "?");
	rst_out_raw(o, k->close);
}

void
rst_sect_heading(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, RST_MKS(o, H3));
	rst_sect_label(o, m);
	rst_out_raw(o, RST_MKS(o, H3_END));
}

void
rst_sect_fact(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, RST_MKS(o, FACT));
	rst_sect_label(o, m);
	rst_out_raw(o, RST_MKS(o, FACT_MID));
}

void
rst_sect_sentence(struct rst_out *o, enum rst_msg m, int n, const char *a,
    const char *b)
{
	char *s = rst_msgf(o->lang, m, n, a, b);

	if (s == NULL)
		o->bad = 1;
	o->mk->text(o, s);
	free(s);
}

void
rst_sect_dur(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		rst_out_raw(o, RST_MKS(o, DASH));
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(obj, key), s, sizeof(s));
	o->mk->text(o, s);
}

void
rst_sect_size(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		rst_out_raw(o, RST_MKS(o, DASH));
		return;
	}
	rst_fmt_size(o->lang, rst_jnum(obj, key), s, sizeof(s));
	o->mk->text(o, s);
}

void
rst_sect_count(struct rst_out *o, enum rst_msg m, long long n)
{
	char num[32], *s;

	snprintf(num, sizeof(num), "%lld", n);
	s = rst_msgf(o->lang, m, 1, num);
	o->mk->text(o, s != NULL ? s : num);
	free(s);
}

/* A label, a space. */
static void
word(struct rst_out *o, enum rst_msg m)
{
	rst_sect_label(o, m);
	rst_out_raw(o, " ");
}

/* A duration, or the word for "absent". */
static void
dur_or(struct rst_out *o, const json_t *obj, const char *key,
    enum rst_msg absent)
{
	if (rst_jhas(obj, key))
		rst_sect_dur(o, obj, key);
	else
		rst_sect_label(o, absent);
}

static void
count_fact(struct rst_out *o, enum rst_msg m, const json_t *c)
{
	rst_sect_fact(o, m);
	rst_out_printf(o, "%lld ", rst_jint(c, "count"));
	rst_sect_label(o, RST_MSG_IN_PERIOD);
	rst_out_printf(o, ", %lld ", rst_jint(c, "failed"));
	rst_sect_label(o, RST_MSG_FAILED);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
journal_fact(struct rst_out *o, const json_t *j)
{
	static const struct { const char *k; enum rst_msg m; } copies[] = {
		{ "equal", RST_MSG_REPO_EQUAL },
		{ "behind", RST_MSG_REPO_BEHIND },
		{ "differs", RST_MSG_REPO_DIFFERS },
		{ "missing", RST_MSG_REPO_MISSING },
		{ "unchecked", RST_MSG_REPO_UNCHECKED },
	};
	const char *rc = rst_jstr(j, "repository_copy");
	size_t i;

	rst_sect_fact(o, RST_MSG_JOURNAL);
	rst_out_printf(o, "%lld ", rst_jint(j, "records"));
	rst_sect_label(o, RST_MSG_RECORDS);
	rst_out_raw(o, ", ");
	o->mk->flag(o, rst_jbool(j, "verified"), rst_jbool(j, "verified") ?
	    RST_MSG_VERIFIED : RST_MSG_NOT_VERIFIED);
	for (i = 0; rc != NULL && i < sizeof(copies) / sizeof(copies[0]); i++)
		if (strcmp(rc, copies[i].k) == 0) {
			rst_out_raw(o, RST_MKS(o, DOT));
			rst_sect_label(o, RST_MSG_REPO_COPY);
			rst_out_raw(o, ": ");
			rst_sect_label(o, copies[i].m);
		}
	if (rst_jhas(j, "problem")) {
		rst_out_raw(o, RST_MKS(o, BR));
		rst_sect_wrap(o, RST_W_CODE, rst_jstr(j, "problem"));
	}
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

/* The journal's head and anchor, and the repository's inventory. */
static void
head_facts(struct rst_out *o, const json_t *p)
{
	const json_t *h = json_object_get(json_object_get(p, "journal"),
	    "head");
	const json_t *inv = json_object_get(p, "inventory");
	char a[32], b[32];

	rst_sect_fact(o, RST_MSG_HEAD);
	if (json_is_object(h)) {
		rst_out_printf(o, "%lld ", (long long)rst_jnum(h, "records"));
		rst_sect_label(o, RST_MSG_RECORDS);
		rst_out_raw(o, RST_MKS(o, DOT));
		rst_out_raw(o, "sha256 ");
		rst_sect_wrap(o, RST_W_HASH, rst_jstr(h, "sha256"));
	} else
		rst_sect_label(o, RST_MSG_NONE);
	rst_out_raw(o, RST_MKS(o, SEMI));
	rst_sect_anchor(o, p);
	rst_out_raw(o, RST_MKS(o, FACT_END));
	if (!json_is_object(inv))
		return;
	rst_sect_fact(o, RST_MSG_INVENTORY);
	snprintf(a, sizeof(a), "%lld", (long long)rst_jnum(inv, "journaled"));
	snprintf(b, sizeof(b), "%lld", (long long)rst_jnum(inv, "present"));
	rst_sect_sentence(o, RST_MSG_INVENTORY_LINE, 2, a, b);
	o->mk->ids(o, RST_MSG_MISSING, json_object_get(inv, "missing"));
	o->mk->ids(o, RST_MSG_UNJOURNALED, json_object_get(inv,
	    "unjournaled"));
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
targets_fact(struct rst_out *o, const json_t *tg)
{
	const char *from = rst_jstr(tg, "source");
	bool set = rst_jbool(tg, "drill_interval_configured");

	rst_sect_fact(o, RST_MSG_TARGETS);
	word(o, RST_MSG_RPO);
	dur_or(o, tg, "rpo_seconds", RST_MSG_NOT_SET);
	rst_out_raw(o, RST_MKS(o, DOT));
	word(o, RST_MSG_RTO);
	dur_or(o, tg, "rto_seconds", RST_MSG_NOT_SET);
	rst_out_raw(o, RST_MKS(o, DOT));
	word(o, RST_MSG_DRILL_EVERY);
	if (!set) {
		rst_sect_label(o, RST_MSG_NOT_CONFIGURED);
		rst_out_raw(o, " (");
	}
	rst_sect_dur(o, tg, "drill_interval_seconds");
	if (!set)
		rst_out_raw(o, ")");
	if (from != NULL && strcmp(from, "profile") != 0) {
		rst_out_raw(o, " (");
		rst_sect_label(o, RST_MSG_TARGETS_FROM_JOURNAL);
		rst_out_raw(o, ")");
	}
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
newest_fact(struct rst_out *o, const json_t *p)
{
	const json_t *g = json_object_get(p, "newest_good_backup");

	rst_sect_fact(o, RST_MSG_NEWEST_BACKUP);
	if (json_is_object(g)) {
		o->mk->text(o, rst_jstr(g, "ts"));
		rst_out_raw(o, RST_MKS(o, DOT));
		rst_sect_wrap(o, RST_W_CODE, rst_jstr(g, "snapshot"));
		rst_out_raw(o, RST_MKS(o, DOT));
		rst_sect_size(o, g, "bytes");
		rst_out_raw(o, RST_MKS(o, DOT));
		word(o, RST_MSG_AGE);
		rst_sect_dur(o, g, "age_seconds");
		rst_out_raw(o, " / ");
		word(o, RST_MSG_TARGET);
		rst_sect_dur(o, json_object_get(p, "targets"), "rpo_seconds");
	} else
		rst_sect_label(o, RST_MSG_NONE);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

void
rst_sect_facts(struct rst_out *o, const json_t *p)
{
	const json_t *b = json_object_get(p, "backups");

	RST_MK(o, facts, RST_MSG_DETAILS, true, "facts");
	rst_sect_fact(o, RST_MSG_KEY_FPR);
	rst_sect_wrap(o, RST_W_CODE, rst_jstr(p, "key_fingerprint"));
	rst_out_raw(o, RST_MKS(o, FACT_END));
	journal_fact(o, json_object_get(p, "journal"));
	head_facts(o, p);
	targets_fact(o, json_object_get(p, "targets"));
	newest_fact(o, p);
	count_fact(o, RST_MSG_BACKUPS, b);
	rst_sect_fact(o, RST_MSG_SIZE);
	rst_sect_size(o, b, "bytes");
	rst_out_raw(o, " (");
	rst_sect_label(o, RST_MSG_TOTAL);
	rst_out_raw(o, "), ");
	word(o, RST_MSG_STORED);
	rst_sect_size(o, b, "stored_bytes");
	rst_out_raw(o, RST_MKS(o, FACT_END));
	count_fact(o, RST_MSG_DRILLS, json_object_get(p, "drills"));
	count_fact(o, RST_MSG_VERIFIES, json_object_get(p, "verifies"));
	count_fact(o, RST_MSG_RESTORES, json_object_get(p, "restores"));
	rst_out_raw(o, RST_MKS(o, FACTS_END));
}

void
rst_sect_evidence(struct rst_out *o, const json_t *p)
{
	RST_MK(o, para, "evidence-from");
	if (rst_jhas(p, "evidence_from"))
		rst_sect_sentence(o, RST_MSG_EVIDENCE_FROM, 1,
		    rst_jstr(p, "evidence_from"), NULL);
	else
		rst_sect_label(o, RST_MSG_NO_EVIDENCE);
	rst_out_raw(o, RST_MKS(o, PARA_END));
}

/* A list of paths or globs: hidden, unset (null), or the list. */
static void
paths(struct rst_out *o, const json_t *s, const char *key,
    enum rst_msg empty, enum rst_msg unset)
{
	if (rst_jbool(s, "hidden"))
		rst_sect_label(o, RST_MSG_C_HIDDEN);
	else if (!rst_jhas(s, key))
		rst_sect_label(o, unset);
	else
		rst_sect_names(o, json_object_get(s, key), empty,
		    RST_W_CODE);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
sources(struct rst_out *o, const json_t *s, enum rst_msg unset)
{
	rst_sect_fact(o, RST_MSG_C_SOURCES);
	paths(o, s, "paths", RST_MSG_NONE, unset);
	rst_sect_fact(o, RST_MSG_C_EXCLUDES);
	paths(o, s, "exclude", RST_MSG_NOT_CONFIGURED, unset);
}

/* Encryption: recipients counted here, or their SHA-256 from a manifest. */
static void
encryption(struct rst_out *o, const json_t *e, enum rst_msg unset)
{
	const char *mode = rst_jstr(e, "mode");
	char n[32];

	rst_sect_fact(o, RST_MSG_C_ENCRYPTION);
	snprintf(n, sizeof(n), "%lld", rst_jint(e, "recipients"));
	if (mode == NULL)
		rst_sect_label(o, unset);
	else if (strcmp(mode, "age") == 0 && rst_jhas(e, "recipients"))
		rst_sect_sentence(o, RST_MSG_C_ENC_AGE, 1, n, NULL);
	else if (strcmp(mode, "age") == 0)
		rst_sect_sentence(o, RST_MSG_C_ENC_AGE_FPR, 1,
		    rst_jhas(e, "recipients_sha256") ?
		    rst_jstr(e, "recipients_sha256") : "?", NULL);
	else
		rst_sect_label(o, RST_MSG_C_ENC_NONE);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

/* Compression and part size. */
static void
stream(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *z = json_object_get(c, "compression");
	const char *alg = rst_jstr(z, "algorithm");
	char n[32];

	rst_sect_fact(o, RST_MSG_C_COMPRESSION);
	snprintf(n, sizeof(n), "%lld", rst_jint(z, "level"));
	if (alg == NULL)
		rst_sect_label(o, unset);
	else if (rst_jhas(z, "level"))
		rst_sect_sentence(o, RST_MSG_C_COMPRESSION_LEVEL, 2, alg, n);
	else
		o->mk->text(o, alg);
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_sect_fact(o, RST_MSG_C_PART_SIZE);
	if (rst_jhas(c, "part_size"))
		rst_sect_size(o, c, "part_size");
	else
		rst_sect_label(o, unset);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
object_lock(struct rst_out *o, const json_t *ol, enum rst_msg unset)
{
	char n[32];

	rst_sect_fact(o, RST_MSG_C_OBJECT_LOCK);
	snprintf(n, sizeof(n), "%lld", rst_jint(ol, rst_jhas(ol, "days") ?
	    "days" : "locked_copies"));
	if (json_is_object(ol) && !rst_jhas(ol, "days"))
		rst_sect_sentence(o, RST_MSG_C_LOCK_SEEN, 1, n, NULL);
	else if (json_is_object(ol))
		rst_sect_sentence(o, RST_MSG_C_LOCK_DAYS, 2, n,
		    rst_jstr(ol, "mode") ? rst_jstr(ol, "mode") : "?");
	else
		rst_sect_label(o, unset);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

static void
where(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *r = json_object_get(c, "repository");

	rst_sect_fact(o, RST_MSG_C_REPOSITORY);
	o->mk->text(o, rst_jstr(r, "scheme"));
	rst_out_raw(o, "://");
	o->mk->text(o, rst_jstr(r, "host"));
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_sect_fact(o, RST_MSG_C_OFFSITE);
	if (rst_jbool(c, "off_site"))
		rst_sect_sentence(o, RST_MSG_C_OFFSITE_YES, 1, rst_jstr(r,
		    "host"), NULL);
	else
		rst_sect_label(o, RST_MSG_C_OFFSITE_NO);
	rst_out_raw(o, RST_MKS(o, FACT_END));
	object_lock(o, json_object_get(c, "object_lock"), unset);
}

static void
plan(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	static const struct { const char *key; enum rst_msg kind; } runs[] = {
		{ "backup_seconds", RST_MSG_KIND_BACKUP },
		{ "drill_seconds", RST_MSG_KIND_DRILL },
		{ "prune_seconds", RST_MSG_KIND_PRUNE },
	};
	static const char *const keeps[] = { "keep_last", "keep_daily",
	    "keep_weekly", "keep_monthly" };
	const json_t *r = json_object_get(c, "retention");
	char keep[64];
	size_t i, n = 0;

	rst_sect_fact(o, RST_MSG_C_SCHEDULE);
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		rst_out_raw(o, i > 0 ? RST_MKS(o, DOT) : "");
		word(o, runs[i].kind);
		dur_or(o, json_object_get(c, "schedule"), runs[i].key, unset);
	}
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_sect_fact(o, RST_MSG_C_RETENTION);
	for (i = 0; i < sizeof(keeps) / sizeof(keeps[0]); i++)
		if (rst_jhas(r, keeps[i])) {
			rst_out_raw(o, n++ ? ", " : "");
			snprintf(keep, sizeof(keep), "%s = %lld", keeps[i],
			    rst_jint(r, keeps[i]));
			rst_sect_wrap(o, RST_W_CODE, keep);
		}
	if (n == 0)
		rst_sect_label(o, unset);
	rst_out_raw(o, RST_MKS(o, FACT_END));
}

/* Where a fleet profile's block comes from: its newest good manifest. */
static void
origin(struct rst_out *o, const json_t *c)
{
	const json_t *m = json_object_get(c, "manifest");

	RST_MK(o, para, "config-source");
	if (rst_jhas(m, "snapshot"))
		rst_sect_sentence(o, RST_MSG_C_FROM_MANIFEST, 1, rst_jstr(m,
		    "snapshot"), NULL);
	else
		rst_sect_label(o, RST_MSG_C_NO_MANIFEST);
	rst_out_raw(o, RST_MKS(o, PARA_END));
}

void
rst_sect_config(struct rst_out *o, const json_t *p)
{
	const json_t *c = json_object_get(p, "config");
	const char *src = rst_jstr(c, "source");
	bool rec = src != NULL && strcmp(src, "manifest") == 0;
	enum rst_msg unset = rec ? RST_MSG_C_NOT_RECORDED :
	    RST_MSG_NOT_CONFIGURED;

	if (rec)
		origin(o, c);
	RST_MK(o, facts, RST_MSG_CONFIGURATION, false, "facts config");
	if (!json_is_object(c)) {
		rst_sect_fact(o, RST_MSG_CONFIGURATION);
		rst_sect_label(o, RST_MSG_C_UNKNOWN);
		rst_out_raw(o, RST_MKS(o, FACT_END));
	} else {
		sources(o, json_object_get(c, "sources"), unset);
		encryption(o, json_object_get(c, "encryption"), unset);
		stream(o, c, unset);
		where(o, c, unset);
		plan(o, c, unset);
	}
	rst_out_raw(o, RST_MKS(o, FACTS_END));
}
