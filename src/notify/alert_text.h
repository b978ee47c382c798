/* SPDX-License-Identifier: ISC */
/*
 * Private to src/notify: the sentences of alerts in every language of
 * restorable/lang.h (alert_text.c), used by alert.c.  Messages take
 * positional arguments {1}..{9} (rst_lang_format), so a translation may
 * reorder them.
 */
#ifndef RESTORABLE_NOTIFY_ALERT_TEXT_H
#define RESTORABLE_NOTIFY_ALERT_TEXT_H

#include "restorable/err.h"
#include "restorable/lang.h"

enum rst_alert_msg {
	AM_FAILED,
	AM_FAILED_BARE,
	AM_DONE,
	AM_NO_GOOD_SINCE,
	AM_NO_GOOD_EVER,
	AM_TEST,
	AM_WHAT_TO_DO,
	AM_TASK_BACKUP,
	AM_TASK_DRILL,
	AM_TASK_PRUNE,
	AM_TASK_RUN,
	AM_ADVICE_OK,
	AM_ADVICE_1,
	AM_ADVICE_2,
	AM_ADVICE_3,
	AM_ADVICE_4,
	AM_ADVICE_5,
	AM_ADVICE_OTHER,
	AM_ADVICE_NO_GOOD,
	AM_COUNT
};

/* The message in language l (English when a translation is missing). */
const char *rst_alert_msg(enum rst_lang l, enum rst_alert_msg m);
/*
 * The message with {1}..{nargs} replaced (rst_lang_format); malloc'd,
 * NULL out of memory.  l is evaluated twice.
 */
#define rst_alert_msgf(l, m, ...)	rst_lang_format((l), \
	rst_alert_msg((l), (m)), __VA_ARGS__)
/*
 * RST_EINTERNAL naming the first message a language lacks or whose {N}
 * arguments differ from the English one's.
 */
int	rst_alert_text_check(struct rst_err *) RST_MUST_CHECK;

#endif
