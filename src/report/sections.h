/* SPDX-License-Identifier: ISC */
/*
 * The report's document written once for every format.  A section says
 * what it shows (its facts, its table's columns) through struct rst_mk,
 * the markup a format gives (html_parts.c, md.c); a renderer writes only
 * what surrounds the document (an HTML page's head) and what only it
 * draws (the charts).  The HTML and Markdown reports therefore show the
 * same facts, which the render test checks on whole documents.
 */
#ifndef RESTORABLE_REPORT_SECTIONS_H
#define RESTORABLE_REPORT_SECTIONS_H

#include <stdbool.h>

#include <jansson.h>

#include "out.h"

struct rst_col;
struct rst_report_meta;

/*
 * The document's parts a format may frame (an HTML section...), in the
 * order of their RST_MK_PART_END_* markup.
 */
enum rst_part {
	RST_PART_INTEGRITY, RST_PART_SUMMARY, RST_PART_GLOSSARY,
	RST_PART_CONTROLS, RST_PART_PROFILE, RST_PART_FOOTER, RST_PART_COUNT
};

/* A point of a verdict: met, not met, a warning. */
enum rst_point { RST_POINT_OK, RST_POINT_BAD, RST_POINT_WARN };

/*
 * How a format shows a kind of text: the markup before and after it, and
 * whether it is escaped (verbatim NULL) or written as it is, unless it
 * holds one of the characters of verbatim (then "?" stands for it).
 */
enum rst_wrap {
	RST_W_TEXT,	/* plain */
	RST_W_CODE,	/* as code */
	RST_W_HASH,	/* a digest */
	RST_W_STRONG,	/* a name */
	RST_W_ID,	/* an identifier to copy (the report id) */
	RST_W_TERM,	/* a glossary term, before its text */
	RST_W_PRE,	/* preformatted, after what precedes it in a cell */
	RST_W_SCRIPT,	/* shell commands, a block */
	RST_W_CMD,	/* a shell command inside a line */
	RST_W_ALERT,	/* a word marked as a security event */
	RST_W_COUNT
};

struct rst_mk_wrap {
	const char	*open, *close, *verbatim;
};

/*
 * The pieces of markup each format has, as strings (markup.c): a value
 * that is absent; between facts on a line, between groups of them,
 * between lines of a cell; before a warning word; around a section's
 * heading; a paragraph's end; a facts block's end, around a fact's
 * label, a fact's end; around a column's label, the head's end, the
 * rule (per column, its end), a row's end, a table's end; the header's
 * title around it, before an item's label (after the first), around it,
 * an item's end, a line's end, the lines' end, the header's end; before
 * a remark; around a part's heading; the status box's end; a banner's
 * first line's end, its end; glossary terms: the list, a text's end, the
 * list's end; the verdict: between its line and its points, its end; a
 * block kept on one page and its end; a figure's end; a profile's
 * blocks' end; before the end of an interval; a drill's checks: the
 * list, an item, between items (and before the cause), an item's end,
 * the list's end; each part's end.
 */
#define RST_MK_LIST(X) \
	X(DASH) \
	X(DOT) \
	X(SEMI) \
	X(BR) \
	X(WARN) \
	X(H3) \
	X(H3_END) \
	X(PARA_END) \
	X(FACTS_END) \
	X(FACT) \
	X(FACT_MID) \
	X(FACT_END) \
	X(TH) \
	X(TH_END) \
	X(THEAD_END) \
	X(RULE) \
	X(RULE_END) \
	X(ROW_END) \
	X(TABLE_END) \
	X(TITLE) \
	X(TITLE_END) \
	X(ITEM_SEP) \
	X(ITEM) \
	X(ITEM_MID) \
	X(ITEM_END) \
	X(LINE_END) \
	X(LINES_END) \
	X(HEAD_END) \
	X(ASIDE) \
	X(H2) \
	X(H2_END) \
	X(STATUS_END) \
	X(BANNER_TEXT_END) \
	X(BANNER_END) \
	X(TERMS) \
	X(TERM_END) \
	X(TERMS_END) \
	X(VERDICT_MID) \
	X(VERDICT_END) \
	X(KEEP) \
	X(KEEP_END) \
	X(FIGURE_END) \
	X(BLOCK_END) \
	X(UNTIL) \
	X(CHECKS) \
	X(CHECK) \
	X(CHECK_SEP) \
	X(CHECK_END) \
	X(CHECKS_END) \
	X(PART_END_INTEGRITY) \
	X(PART_END_SUMMARY) \
	X(PART_END_GLOSSARY) \
	X(PART_END_CONTROLS) \
	X(PART_END_PROFILE) \
	X(PART_END_FOOTER)

enum rst_mks {
#define RST_MK_ENUM(k)	RST_MK_##k,
	RST_MK_LIST(RST_MK_ENUM)
#undef RST_MK_ENUM
	RST_MK_COUNT
};

enum { RST_MK_HTML, RST_MK_MD, RST_MK_FORMATS };

extern const char *const rst_markup[RST_MK_COUNT][RST_MK_FORMATS];
extern const struct rst_mk_wrap rst_markup_wrap[RST_W_COUNT][RST_MK_FORMATS];

/* The piece k of o's format's markup. */
#define RST_MKS(o, k)	(rst_markup[RST_MK_##k][(o)->mk->col])

/*
 * What a format writes that takes more than a string of rst_markup; a
 * hook left NULL writes nothing (call it with RST_MK).
 */
struct rst_mk {
	unsigned col;	/* its column of rst_markup (RST_MK_HTML...) */
	void	(*text)(struct rst_out *, const char *);	/* escaped */
	/* "label: id" for each id of a list (snapshots missing...). */
	void	(*ids)(struct rst_out *, enum rst_msg label, const json_t *);
	void	(*pill)(struct rst_out *, const char *result);
	/* A label marked good or bad (a journal verified or not). */
	void	(*flag)(struct rst_out *, bool good, enum rst_msg);
	/* The heading of a block whose table's caption HTML shows. */
	void	(*lead)(struct rst_out *, enum rst_msg);
	/* A paragraph's start (class for HTML, or NULL). */
	void	(*para)(struct rst_out *, const char *cls);
	/* A block of facts' start (caption, HTML class). */
	void	(*facts)(struct rst_out *, enum rst_msg caption, bool hidden,
		    const char *cls);
	/*
	 * A table's start (with its caption; stack: a table whose rows stack
	 * on a phone); a row's start (marked: a security event); cell i of a
	 * row (named: its column, in a stacked table).
	 */
	void	(*table)(struct rst_out *, enum rst_msg caption, bool hidden,
		    bool stack);
	void	(*row)(struct rst_out *, bool marked);
	void	(*cell)(struct rst_out *, size_t i, const char *cls,
		    const struct rst_col *named);
	/* The start of a line of the header's facts (its HTML id or NULL). */
	void	(*line)(struct rst_out *, const char *id);
	/*
	 * A part's start (name: the profile's); the status box's start
	 * (level: green, amber or red); a banner's (cls: ok, warn or bad)
	 * with its caption; the verdict's; one point of the verdict.
	 */
	void	(*part)(struct rst_out *, enum rst_part, const char *name);
	void	(*status)(struct rst_out *, const char *level);
	void	(*banner)(struct rst_out *, const char *cls, enum rst_msg);
	void	(*verdict)(struct rst_out *, bool yes);
	void	(*point)(struct rst_out *, enum rst_point, const char *text);
	/* A link to a profile's part. */
	void	(*ref)(struct rst_out *, const char *name);
	/* A figure's start, its chart drawn (before its text); the charts. */
	void	(*figure)(struct rst_out *, enum rst_msg chart,
		    const json_t *profile);
	void	(*charts)(struct rst_out *, const json_t *doc,
		    const json_t *profile);
	/* An item's "reason_text", then its "reasons" quoted as journaled. */
	void	(*cause)(struct rst_out *, const json_t *item);
	/* The output of a check that failed, after its name. */
	void	(*output)(struct rst_out *, const char *);
};


/* Call a format's hook; a format that has nothing to write leaves it NULL. */
#define RST_MK(o, hook, ...)	do {				\
	if ((o)->mk->hook != NULL)				\
		(o)->mk->hook((o), __VA_ARGS__);		\
} while (0)

extern const struct rst_mk rst_mk_html;
extern const struct rst_mk rst_mk_md;

/* One column: its label ("label / per" when per_too), its cell. */
struct rst_col {
	enum rst_msg	 label, per;
	bool		 per_too;
	const char	*cls;		/* HTML cell class, or NULL */
	const char	*key;		/* the field the cell shows */
	void		(*cell)(struct rst_out *, const json_t *row,
			    const char *key);
};

/*
 * A table: its caption (hidden: for screen readers only), whether its
 * rows stack on a phone, its columns, the rows it shows (newest first or
 * not, most at most), and which rows it marks.
 */
struct rst_table {
	enum rst_msg		 caption;
	bool			 hidden, stack;
	const struct rst_col	*cols;
	size_t			 n;
	bool			 newest_first;
	size_t			 most;
	bool			(*marked)(const json_t *row);
};

void	rst_sect_table(struct rst_out *, const struct rst_table *,
	    const json_t *items);

/* Text pieces in the writer's format. */
void	rst_sect_label(struct rst_out *, enum rst_msg);
void	rst_sect_sentence(struct rst_out *, enum rst_msg, int n,
	    const char *a, const char *b);
void	rst_sect_dur(struct rst_out *, const json_t *obj, const char *key);
void	rst_sect_size(struct rst_out *, const json_t *obj, const char *key);
/* Message m with the number n as {1} (and its plural forms). */
void	rst_sect_count(struct rst_out *, enum rst_msg, long long n);

/* s shown as the format shows kind w. */
void	rst_sect_wrap(struct rst_out *, enum rst_wrap w, const char *s);
/* A section's heading; a fact's label (its value follows). */
void	rst_sect_heading(struct rst_out *, enum rst_msg);
void	rst_sect_fact(struct rst_out *, enum rst_msg);
/* Names (each shown as w), comma-separated; empty when none. */
void	rst_sect_names(struct rst_out *, const json_t *a, enum rst_msg empty,
	    enum rst_wrap w);

/* The header: title, period, scope, signing key, report id. */
void	rst_sect_header(struct rst_out *, const json_t *doc,
	    const struct rst_report_meta *);

/* The whole document. */
void	rst_sect_document(struct rst_out *, const json_t *doc,
	    const struct rst_report_meta *);
/* The summary table; the integrity problems of the banner. */
void	rst_sect_summary(struct rst_out *, const json_t *doc);
void	rst_sect_problems(struct rst_out *, const json_t *integrity);

/* The control mapping's table (after the renderer's heading). */
void	rst_sect_controls(struct rst_out *, const json_t *doc);

/* The per-profile sections. */
void	rst_sect_facts(struct rst_out *, const json_t *profile);
void	rst_sect_evidence(struct rst_out *, const json_t *profile);
void	rst_sect_config(struct rst_out *, const json_t *profile);
void	rst_sect_rpo_share(struct rst_out *, const json_t *rpo_period);
void	rst_sect_rpo_text(struct rst_out *, const json_t *rpo_period);
void	rst_sect_rpo_over(struct rst_out *, const json_t *rpo_period);
void	rst_sect_missed(struct rst_out *, const json_t *rpo_period);
/* The drills, the latest backups (both newest first). */
void	rst_sect_drills(struct rst_out *, const json_t *profile);
void	rst_sect_backups(struct rst_out *, const json_t *profile);
void	rst_sect_retention(struct rst_out *, const json_t *profile);
/* The exceptions with their follow-up, and the operator errors. */
void	rst_sect_exceptions(struct rst_out *, const json_t *profile);

#endif
