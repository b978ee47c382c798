/* SPDX-License-Identifier: ISC */
/*
 * Error reporting: fallible functions return 0 or a negative RST_E* code and
 * fill a struct rst_err on the way.  The first failure sets the message;
 * callers add context with rst_err_prefix().  Only main() turns an error into
 * an exit status, through rst_exit_code().
 */
#ifndef RESTORABLE_ERR_H
#define RESTORABLE_ERR_H

#include <stddef.h>

#include "restorable/reason.h"

#define RST_PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define RST_MUST_CHECK		__attribute__((warn_unused_result))

enum rst_code {
	RST_OK = 0,
	RST_ENOMEM = -1,
	RST_EUSAGE = -2,
	RST_ECONFIG = -3,
	RST_EIO = -4,		/* local I/O failure: exit 70 unless mapped */
	RST_ESTORAGE = -5,
	RST_EINTEGRITY = -6,
	RST_ELOCKED = -7,
	RST_ECHECK = -8,	/* not proven restorable / backup failed */
	RST_EINTERNAL = -9,
	RST_ENOTFOUND = -10,	/* an object does not exist (storage stat/get) */
};

/* Exit codes fixed by the design. */
enum rst_exit {
	RST_EXIT_OK = 0,
	RST_EXIT_FAIL = 1,
	RST_EXIT_USAGE = 2,
	RST_EXIT_STORAGE = 3,
	RST_EXIT_INTEGRITY = 4,
	RST_EXIT_LOCKED = 5,
	RST_EXIT_INTERNAL = 70,
};

struct rst_err {
	int	code;		/* enum rst_code; 0 while unset */
	int	sys_errno;	/* errno when a system call failed, else 0 */
	char	msg[512];	/* "context: detail"; no newline, no secrets */
	/*
	 * Why, as a registry code (reason.h): set with the first failure
	 * whose cause is known, or later by a caller that knows better while
	 * none is set; code RST_REASON_NONE while unknown.
	 */
	struct rst_reason reason;
};

#define RST_ERR_INIT	{ 0, 0, { 0 }, { 0, { { 0 } }, { 0 } } }

/* Set err (only if still unset) and return code. */
int	rst_errf(struct rst_err *, int code, const char *fmt, ...)
	    RST_PRINTF(3, 4);
/* Same, appending ": strerror(errno)". */
int	rst_errno(struct rst_err *, int code, const char *fmt, ...)
	    RST_PRINTF(3, 4);
/* Same, appending the drained OpenSSL error queue. */
int	rst_err_ssl(struct rst_err *, int code, const char *fmt, ...)
	    RST_PRINTF(3, 4);
/*
 * Record why err happened (only while no reason is set), with up to three
 * arguments in the code's schema order: texts for "s"/"p" arguments and
 * numbers for "n"/"d" ones, each list in schema order.  rst_err_reason_s
 * sets the first text argument only.  errno ENOSPC and EDQUOT make
 * rst_errno record no_space by itself.
 */
void	rst_err_reason(struct rst_err *, int reason);
void	rst_err_reason_s(struct rst_err *, int reason, const char *text);
void	rst_err_reason_sn(struct rst_err *, int reason, const char *text,
	    double num);
void	rst_err_reason_nn(struct rst_err *, int reason, double a, double b);
/* Record a reason built with reason.h's setters (same rule). */
void	rst_err_set_reason(struct rst_err *, const struct rst_reason *);
/* The reason of err: its own, or the one its code stands for. */
void	rst_err_get_reason(const struct rst_err *, int code,
	    struct rst_reason *);
/* Prepend "context: " to the message. */
void	rst_err_prefix(struct rst_err *, const char *fmt, ...) RST_PRINTF(2, 3);
void	rst_err_clear(struct rst_err *);
/*
 * r, or 0 with err cleared when r is code: a failure that is what was asked
 * for (a delete of what is gone, a folder that lists as empty).
 */
int	rst_err_accept(struct rst_err *, int r, int code);
/* Map an RST_E* code (or 0) to the documented exit status. */
int	rst_exit_code(int code);
/* The RST_E* code that maps back to an exit status. */
int	rst_code_for_exit(int status);
/* The more severe of two exit codes, in the order 70 > 4 > 1 > 3 > 2 > 5 > 0. */
int	rst_exit_worst(int a, int b);

#endif
