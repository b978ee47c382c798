/* SPDX-License-Identifier: ISC */
/*
 * The report's sections written once for every format.  A section says
 * what it shows (its facts, its table's columns) through struct rst_mk,
 * the markup a format gives (html_parts.c, md.c); each renderer only
 * frames the sections (headings, figures) in its own file.  The HTML and
 * Markdown reports therefore show the same facts, which the render test
 * checks on a whole document.
 */
#ifndef RESTORABLE_REPORT_SECTIONS_H
#define RESTORABLE_REPORT_SECTIONS_H

#include <stdbool.h>

#include <jansson.h>

#include "out.h"

struct rst_col;
struct rst_report_meta;

struct rst_mk {
	void	(*text)(struct rst_out *, const char *);	/* escaped */
	void	(*code)(struct rst_out *, const char *);	/* as code */
	void	(*hash)(struct rst_out *, const char *);	/* a digest */
	void	(*strong)(struct rst_out *, const char *);	/* a name */
	/* "label: id" for each id of a list (snapshots missing...). */
	void	(*ids)(struct rst_out *, enum rst_msg label, const json_t *);
	void	(*pill)(struct rst_out *, const char *result);
	/* A label marked good or bad (a journal verified or not). */
	void	(*flag)(struct rst_out *, bool good, enum rst_msg);
	const char *dash;	/* a value that is absent */
	const char *dot;	/* between facts on one line */
	const char *semi;	/* between groups of facts on one line */
	const char *br;		/* between lines inside one cell or fact */
	const char *warn;	/* before a warning word */
	void	(*heading)(struct rst_out *, enum rst_msg);
	/* A paragraph (class for HTML, or NULL) and its end. */
	void	(*para)(struct rst_out *, const char *cls);
	const char *para_end;
	/* A block of facts (caption, HTML class) and its end. */
	void	(*facts)(struct rst_out *, enum rst_msg caption, bool hidden,
		    const char *cls);
	const char *facts_end;
	/* One label: value line of a facts block, and its end. */
	void	(*fact)(struct rst_out *, enum rst_msg label);
	const char *fact_end;
	/* A table: its head, cell i of a row, the row's end, its end. */
	void	(*thead)(struct rst_out *, enum rst_msg caption, bool hidden,
		    const struct rst_col *, size_t n);
	void	(*cell)(struct rst_out *, size_t i, const char *cls);
	const char *row_end;
	const char *table_end;
	/*
	 * The header (sect_head.c): the title's markup around it; lines of
	 * "label: value" items (a line's HTML id or NULL; item n of its
	 * line); the end of an item, of a line, of the lines, of the header.
	 */
	const char *title, *title_end;
	void	(*line)(struct rst_out *, const char *id);
	void	(*item)(struct rst_out *, enum rst_msg label, int n);
	const char *item_end, *line_end, *lines_end, *head_end;
	/* An identifier to copy (the report id); before a remark. */
	void	(*id)(struct rst_out *, const char *);
	const char *aside;
	/* A drill's checks cell; a shell command inside a line. */
	void	(*checks)(struct rst_out *, const json_t *drill);
	void	(*cmd)(struct rst_out *, const char *);
};

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

/* Text pieces in the writer's format. */
void	rst_sect_label(struct rst_out *, enum rst_msg);
void	rst_sect_sentence(struct rst_out *, enum rst_msg, int n,
	    const char *a, const char *b);
void	rst_sect_dur(struct rst_out *, const json_t *obj, const char *key);
void	rst_sect_size(struct rst_out *, const json_t *obj, const char *key);
/* Message m with the number n as {1} (and its plural forms). */
void	rst_sect_count(struct rst_out *, enum rst_msg, long long n);

/* Names (show: the markup of one), comma-separated; empty when none. */
void	rst_sect_names(struct rst_out *, const json_t *a, enum rst_msg empty,
	    void (*show)(struct rst_out *, const char *));

/* The header: title, period, scope, signing key, report id. */
void	rst_sect_header(struct rst_out *, const json_t *doc,
	    const struct rst_report_meta *);

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

#endif
