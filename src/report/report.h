/* SPDX-License-Identifier: ISC */
/*
 * Evidence reports (DESIGN.md "Evidence report"), inside src/report/:
 * journals.c finds and verifies the journals a report covers (local
 * profiles, or every journal of a repository), model.c turns their
 * verified records into one JSON document of facts for a period, and
 * html.c (with svg.c), md.c and json.c render that document.  Every label
 * comes from the message catalog (i18n.h), so the same facts read the
 * same in every language.
 */
#ifndef RESTORABLE_REPORT_H
#define RESTORABLE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "restorable/config.h"
#include "restorable/crypto.h"
#include "restorable/err.h"
#include "restorable/storage.h"
#include "restorable/util.h"

#include "i18n.h"

enum rst_report_format {
	RST_REPORT_HTML,
	RST_REPORT_JSON,
	RST_REPORT_MD,
};

/* One journal covered by a report, as found and verified. */
struct rst_report_journal {
	char		*name;		/* the profile name */
	struct rst_profile *profile;	/* loaded local profile, or NULL */
	bool		 local;		/* gets the report record */
	char		 fpr[RST_FPR_LEN];	/* its key, "" when unknown */
	json_t		*records;	/* verified records, oldest first */
	bool		 verified;	/* chain, signatures and head intact */
	bool		 unreadable;	/* no facts (profile, key, journal) */
	uint64_t	 lines;		/* good lines */
	uint64_t	 bad_line;	/* 1-based first bad line, 0 if none */
	char		*bad_text;	/* that line, cut short; or NULL */
	char		*problem;	/* what is wrong, or NULL */
	/* local only: "equal", "behind", "differs", "missing", "unchecked" */
	const char	*repo_copy;
	int		 code;		/* worst RST_E* met for this journal */
	EVP_PKEY	*key;		/* the key it verified with, or NULL */
	bool		 missing;	/* no journal at all */
	/* how its key is trusted: "local", "pinned", "unpinned", "mismatch" */
	const char	*trust;
	char		*key_problem;	/* why "mismatch", or NULL */
	/* SHA-256 of each verified line (without its LF), in order */
	char		(*line_sha)[RST_SHA256_HEX];
	json_t		*anchor;	/* its RFC 3161 anchors (anchor.c) */
};

struct rst_report_set {
	struct rst_report_journal *v;
	size_t		 n;
	char		*repository;	/* fleet: the repository's URL */
	struct rst_storage *st;		/* fleet: that repository, open */
	json_t		*configured;	/* local: every CONFDIR profile name */
	json_t		*found;		/* fleet: every journal name found */
	json_t		*named;		/* the names asked for, or NULL: all */
};

struct rst_report_period {
	int64_t		 since, until;	/* seconds since the epoch */
	int64_t		 generated;
};

/* What the report says about its own signature. */
struct rst_report_meta {
	enum rst_lang	 lang;
	const char	*key_fpr;	/* its signing key; NULL: unsigned */
	const char	*file;		/* the report's file name, or NULL */
	const char	*report_id;	/* SHA-256 of the JSON document */
};

/*
 * journals.c.  Both fill set (appending) and report each problem inside
 * the entry it concerns, so that one bad journal never hides the others;
 * they fail only on resource errors.
 *
 * rst_report_local: the named profiles (NAME or path), or every
 * CONFDIR/profiles/NAME.conf when n is 0; each local journal is verified and
 * compared with its repository copy.
 */
int	rst_report_local(const char *confdir, char *const *names, size_t n,
	    struct rst_report_set *, struct rst_err *) RST_MUST_CHECK;
/*
 * rst_report_fleet: every journal/NAME.jsonl in st (only the names given
 * when n > 0), verified with keys/NAME.pub and its head.  A journal whose
 * profile is also configured here (lender, the profile that lent its
 * repository, or confdir), with a signing key and the same repository URL
 * (url), is marked local.
 */
int	rst_report_fleet(struct rst_storage *st, const char *url,
	    const struct rst_profile *lender, const char *confdir,
	    const json_t *pins, char *const *names, size_t n,
	    struct rst_report_set *, struct rst_err *) RST_MUST_CHECK;
void	rst_report_set_release(struct rst_report_set *);

/*
 * model.c: the report's facts as a new JSON document (the JSON format's
 * content; see docs/report-schema.json).  NULL when out of memory.
 */
json_t	*rst_report_model(const struct rst_report_set *,
	    const struct rst_report_period *, const struct rst_report_meta *);

/*
 * inventory.c: list the repository of every covered profile and check,
 * without a decryption key, that every snapshot the journal calls kept is
 * committed, signed and whole (re-hashing the verdict's snapshot when
 * verify_parts); the findings amend doc (verdicts, "inventory",
 * "findings", the integrity banner).  previous (or NULL) is an earlier
 * report's document: each journal head it carries must still be a line of
 * the same journal at the same seq with the same hash (history_rewritten
 * otherwise).  *worst gets the exit status the findings call for.  Fails
 * only on resource errors.
 */
int	rst_report_inventory(const struct rst_report_set *, json_t *doc,
	    bool verify_parts, const json_t *previous, int64_t now,
	    enum rst_lang, int *worst, struct rst_err *) RST_MUST_CHECK;

/* controls.c: the control mapping, titles in language l (a new array). */
json_t	*rst_report_controls(enum rst_lang);

/*
 * status.c (DESIGN.md decision 24).  rst_report_status sets "status" on
 * every profile and on doc (green, amber or red, with the causes in
 * words); run it after rst_report_inventory.  rst_report_anchored is the
 * one rule for "this profile's journal is anchored".  rst_report_glossary
 * is the glossary in language l (a new array).
 */
void	rst_report_status(json_t *doc, enum rst_lang);
bool	rst_report_anchored(const json_t *profile);
json_t	*rst_report_glossary(enum rst_lang);

/*
 * scope.c: the configuration block of a profile configured here (NULL
 * JSON otherwise), the time of its first journal record (NULL when
 * none), and the scope's host, profiles, left-out, found and named lists.
 */
json_t	*rst_report_config(const struct rst_report_journal *);
const char *rst_report_evidence_from(const struct rst_report_journal *);
void	rst_report_scope(json_t *scope, const struct rst_report_set *);

/*
 * rpo.c: the RPO over [since, min(until, now)] from the verified records,
 * against target (seconds, < 0: none), with the backup schedule every
 * (seconds, 0: none): a new "rpo_period" object (docs/report-schema.json).
 */
json_t	*rst_report_rpo_period(const json_t *records, int64_t since,
	    int64_t until, int64_t now, double target, double every);

/*
 * exceptions.c: set profile's "incidents" (every failure of the period and
 * every RPO interval over target, open or closed by which record) and
 * "operator_errors" (records that ended 2), from the verified records.
 * Run after "rpo_period" is set.
 */
void	rst_report_exceptions(json_t *profile, const json_t *records,
	    const struct rst_report_period *, enum rst_lang);
/*
 * order.c: the records of each journal out of time order (a clock that
 * stepped back, a drill dated before its snapshot) as exceptions of their
 * profile in doc.
 */
void	rst_report_time_order(const struct rst_report_set *, json_t *doc,
	    enum rst_lang);
/*
 * order.c: a fleet journal (set->st) whose profile is configured here and
 * whose last record (not a report's) is older than twice the profile's
 * shortest schedule: journal_stale, the verdict not proven.
 */
void	rst_report_stale(const struct rst_report_set *, json_t *doc,
	    int64_t now, enum rst_lang);

/* Renderers: append the document in their format to out. */
int	rst_report_json(const json_t *model, struct rst_buf *out,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_report_html(const json_t *model, const struct rst_report_meta *,
	    struct rst_buf *out, struct rst_err *) RST_MUST_CHECK;
int	rst_report_md(const json_t *model, const struct rst_report_meta *,
	    struct rst_buf *out, struct rst_err *) RST_MUST_CHECK;

/* How many backups the HTML and Markdown tables show, newest first. */
#define RST_REPORT_LATEST_BACKUPS	10

/*
 * A backup item's type in language l (backups.c): "full", or
 * "incremental N" for the Nth link after its full.
 */
void	rst_report_backup_type(enum rst_lang l, const json_t *backup,
	    char *buf, size_t len);

/* Small JSON accessors shared by the renderers (NULL/0 when absent). */
/* rst_report_cause(): restorable/reason.h (the alerts use it too). */

/*
 * "How to check this report": [{text, commands}], the step in the
 * report's language and its shell commands (howto.c).  NULL when out of
 * memory.
 */
json_t	*rst_report_howto(const json_t *doc, const struct rst_report_meta *);

const char *rst_jstr(const json_t *, const char *key);
double	rst_jnum(const json_t *, const char *key);
/* A number field as an integer, clamped to the range of long long (NaN and
 * absent give 0), so a hostile journal cannot make a cast overflow. */
long long rst_jint(const json_t *, const char *key);
long long rst_clamp_ll(double);
bool	rst_jbool(const json_t *, const char *key);
bool	rst_jhas(const json_t *, const char *key);	/* present, not null */

#endif
