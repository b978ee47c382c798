/* SPDX-License-Identifier: ISC */
/*
 * The languages restorable speaks: one list of codes for the report's
 * catalogue (src/report/i18n_*.c), the notification sentences
 * (src/notify/alert_text.c) and the `lang` key of profiles and of the site
 * file.  Adding a language starts here (docs/HACKING.md, "A language").
 */
#ifndef RESTORABLE_LANG_H
#define RESTORABLE_LANG_H

#include <stddef.h>

#include "restorable/err.h"

/*
 * The languages, one line each: X(ID, code, English name, own name,
 * ISO 639-2).  The enum, the code list (rst_lang_*, `version`, messages,
 * --help) and the report's catalogues (src/report/i18n_<code>.c defines
 * rst_i18n_<code>) derive from it; the order is the lists' order.
 */
#define RST_LANG_LIST(X)						\
	X(EN, en, "english", "english", "eng")				\
	X(FR, fr, "french", "fran\xc3\xa7" "ais", "fra")		\
	X(NL, nl, "dutch", "nederlands", "nld")				\
	X(SV, sv, "swedish", "svenska", "swe")				\
	X(DE, de, "german", "deutsch", "deu")

enum rst_lang {
#define RST_LANG_ENUM(id, code, en, own, iso)	RST_LANG_##id,
	RST_LANG_LIST(RST_LANG_ENUM)
#undef RST_LANG_ENUM
	RST_LANG_COUNT,
};

/* A code of the list (case-insensitive); -1 when unknown. */
int	rst_lang_parse(const char *, enum rst_lang *) RST_MUST_CHECK;
/* From LC_ALL, LC_MESSAGES, LANG (the first set), else English. */
enum rst_lang rst_lang_default(void);
/* The code of a language: "en" ... */
const char *rst_lang_code(enum rst_lang);
/* The codes, ", "-separated, into buf (cut to fit): for messages. */
void	rst_lang_list(char *buf, size_t len);
/*
 * The code an unknown value most likely meant ("fra", "fr_BE", "French",
 * "français" -> "fr"), or NULL when none is close.
 */
const char *rst_lang_suggest(const char *);

/*
 * tmpl with {1}..{nargs} replaced by args[0..nargs-1] (a translation may
 * reorder them), and {N|one|other} by the plural form language l uses for
 * the number in argument N (French: one for 0 and 1; the others: for 1);
 * malloc'd, NULL when out of memory.  rst_lang_subst: English rules.
 */
char	*rst_lang_subst_in(enum rst_lang l, const char *tmpl, int nargs,
	    const char *const *args);
char	*rst_lang_subst(const char *tmpl, int nargs, const char *const *args);
/*
 * rst_lang_subst_in with the nargs (at most 9) arguments given as const
 * char * after nargs: what each catalogue's "message with arguments"
 * call (rst_msgf, rst_alert_msgf) is.
 */
char	*rst_lang_format(enum rst_lang l, const char *tmpl, int nargs, ...);

#endif
